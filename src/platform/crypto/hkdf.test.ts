import { hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hkdfSha256Key } from './hkdf.js';

describe('hkdfSha256Key', () => {
  it('gives the bytes hkdfSync gives, so keys derived before and after the change are the same', () => {
    for (let i = 0; i < 200; i++) {
      const ikm = randomBytes(1 + (i % 97) * 7);
      const salt = randomBytes(i % 40);
      const info = randomBytes((i * 13) % 300);
      expect(hkdfSha256Key(ikm, salt, info)).toEqual(Buffer.from(hkdfSync('sha256', ikm, salt, info, 32)));
    }
  });

  it('matches RFC 5869 test case 1 (the first 32 bytes of its OKM)', () => {
    const ikm = Buffer.alloc(22, 0x0b);
    const salt = Buffer.from('000102030405060708090a0b0c', 'hex');
    const info = Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex');
    expect(hkdfSha256Key(ikm, salt, info).toString('hex')).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf',
    );
  });
});
