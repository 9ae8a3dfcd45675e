import { describe, expect, it } from 'vitest';
import { findUnstorableText } from './storable-text.guard.js';

describe('findUnstorableText', () => {
  it('passes ordinary text, including characters outside the BMP written as surrogate pairs', () => {
    expect(
      findUnstorableText({ name: 'Zoë 📞', tags: ['a', 'b'], n: 1, ok: true, none: null }, 'body'),
    ).toEqual([]);
  });

  it('names a NUL or a lone surrogate at any depth by its path', () => {
    const problems = findUnstorableText({ a: { b: [{ c: 'x\u0000y' }] }, d: 'z\ud800', e: '\udc00' }, 'body');
    expect(problems).toEqual([
      { field: 'body.a.b.0.c', message: 'must not contain a NUL character (U+0000)' },
      {
        field: 'body.d',
        message: 'must not contain an unpaired UTF-16 surrogate, which is not valid Unicode',
      },
      {
        field: 'body.e',
        message: 'must not contain an unpaired UTF-16 surrogate, which is not valid Unicode',
      },
    ]);
  });

  it('names the object whose property name cannot be stored, without echoing the name', () => {
    expect(findUnstorableText({ roleMapping: { 'adm\u0000in': 'admin' } }, 'body')).toEqual([
      {
        field: 'body.roleMapping',
        message: 'must not have a property name containing a NUL character (U+0000)',
      },
    ]);
  });

  it('looks at a bare string body, and not into bytes: an ingested payload is judged by its parser', () => {
    expect(findUnstorableText('a\u0000', 'body')).toHaveLength(1);
    expect(findUnstorableText(Buffer.from('a\u0000b'), 'body')).toEqual([]);
  });

  it('survives a body nested deeper than the call stack, and names at most twenty fields', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnstorableText(deep, 'body')).toHaveLength(1);
    expect(
      findUnstorableText(
        Array.from({ length: 1000 }, () => '\u0000'),
        'body',
      ),
    ).toHaveLength(20);
  });
});
