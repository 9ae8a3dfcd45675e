import { describe, expect, it } from 'vitest';

import { decodeSegment, encodeSegment, isObjectFileName, objectPath } from './fs-object.layout.js';

describe('filesystem layout', () => {
  it('gives a key and a folder of the same name different paths', () => {
    expect(objectPath('/r', 'a/b')).toBe('/r/a/b#');
    expect(objectPath('/r', 'a/b/c')).toBe('/r/a/b/c#');
  });

  it('escapes so that no two keys share a file and temp names stay free', () => {
    expect(objectPath('/r', 'a#')).toBe('/r/a%23#');
    expect(objectPath('/r', 'a%23')).toBe('/r/a%2523#');
    expect(objectPath('/r', '#tmp-1')).toBe('/r/%23tmp-1#');
    for (const segment of ['a#', 'a%23', '%', '#', 'plain'])
      expect(decodeSegment(encodeSegment(segment))).toBe(segment);
    expect(isObjectFileName('#tmp-abc')).toBe(false);
    expect(isObjectFileName('x#')).toBe(true);
  });

  it('rejects segments longer than a file name may be', () => {
    expect(() => objectPath('/r', `a/${'x'.repeat(255)}`)).toThrow(/longer than the filesystem allows/);
  });
});
