import { describe, expect, it } from 'vitest';

import { assertValidObjectKey, assertValidPutOptions } from './object-key.validation.js';

describe('object key rules', () => {
  it.each([
    'ten_1/calls/2024/05/01/call_9_1714560000.json',
    'a',
    'a/b.c/d',
    'é/ü',
    'a b/#/%/+',
    '...',
    'a/.hidden',
  ])('accepts %j', (key) => expect(() => assertValidObjectKey(key)).not.toThrow());

  it.each([
    ['', /empty/],
    ['..', /\.\./],
    ['a/../b', /\.\./],
    ['./a', /\.\./],
    ['/etc/passwd', /relative/],
    ['a\\..\\b', /backslash/],
    ['a\0b', /control/],
    ['a\nb', /control/],
    ['a//b', /empty segments/],
    ['a/', /end with/],
    ['x'.repeat(1025), /1024 bytes/],
    ['\ud800', /Unicode/],
  ])('rejects %j', (key, reason) => {
    expect(() => assertValidObjectKey(key)).toThrow(reason);
  });

  it('checks metadata so every backend can store it', () => {
    expect(() =>
      assertValidPutOptions({ metadata: { call_id: 'call_1', source: 'asterisk' } }),
    ).not.toThrow();
    expect(() => assertValidPutOptions({ metadata: { 'call-id': 'x' } })).toThrow(/must match/);
    expect(() => assertValidPutOptions({ metadata: { sb_tenant: 'x' } })).toThrow(/reserved/);
    expect(() => assertValidPutOptions({ metadata: { name: 'Zoë' } })).toThrow(/printable ASCII/);
    expect(() => assertValidPutOptions({ metadata: { big: 'x'.repeat(3000) } })).toThrow(/2048 bytes/);
    expect(() => assertValidPutOptions({ contentType: 'text/plain\r\nX-Evil: 1' })).toThrow(/contentType/);
    expect(() => assertValidPutOptions({ retainUntil: new Date('nope') })).toThrow(/retainUntil/);
  });
});
