import { describe, expect, it } from 'vitest';
import { compareSourceVersions, type SourceVersion } from '../call-record.js';
import { decodeSourceVersion, encodeSourceVersion } from './source-version.js';

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('source version encoding', () => {
  const values: SourceVersion[] = [
    0,
    1,
    2,
    9,
    10,
    12,
    12.25,
    12.5,
    100,
    1_700_000_000_123,
    2 ** 53,
    '2024-01-01T00:00:00Z',
    '2024-01-01T00:00:01Z',
    'a',
  ];

  it('sorts as text exactly as compareSourceVersions orders the values', () => {
    for (const a of values) {
      for (const b of values) {
        expect(Math.sign(byteOrder(encodeSourceVersion(a), encodeSourceVersion(b)))).toBe(
          Math.sign(compareSourceVersions(a, b)),
        );
      }
    }
  });

  it('gives the value back', () => {
    for (const value of values) expect(decodeSourceVersion(encodeSourceVersion(value))).toBe(value);
  });

  it('refuses numbers it cannot order', () => {
    expect(() => encodeSourceVersion(-1)).toThrow(RangeError);
    expect(() => encodeSourceVersion(Number.NaN)).toThrow(RangeError);
    expect(() => encodeSourceVersion(1e21)).toThrow(RangeError);
  });
});
