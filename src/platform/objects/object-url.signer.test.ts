import { describe, expect, it } from 'vitest';

import { createObjectUrlSigner } from './object-url.signer.js';

describe('object URL signer', () => {
  let now = 1_700_000_000_000;
  const signer = createObjectUrlSigner({
    secret: 'x'.repeat(32),
    publicBaseUrl: 'https://sb.example.com/',
    now: () => now,
  });

  const parts = (url: string) => {
    const parsed = new URL(url);
    const key = parsed.pathname
      .replace(/^\/objects\//, '')
      .split('/')
      .map(decodeURIComponent)
      .join('/');
    return {
      parsed,
      key,
      expires: parsed.searchParams.get('expires') ?? '',
      sig: parsed.searchParams.get('sig') ?? '',
    };
  };

  it('signs a URL that verifies for its key until it expires', () => {
    const { parsed, key, expires, sig } = parts(signer.signedUrl('ten_1/rec/a b#1.wav', 60));
    expect(parsed.origin + parsed.pathname).toBe('https://sb.example.com/objects/ten_1/rec/a%20b%231.wav');
    expect(key).toBe('ten_1/rec/a b#1.wav');
    expect(signer.verifyObjectSignature(key, expires, sig)).toBe(true);
    now += 61_000;
    expect(signer.verifyObjectSignature(key, expires, sig)).toBe(false);
  });

  it('rejects another key, a moved expiry, a foreign secret and garbage', () => {
    const { key, expires, sig } = parts(signer.signedUrl('ten_1/a', 60));
    expect(signer.verifyObjectSignature('ten_2/a', expires, sig)).toBe(false);
    expect(signer.verifyObjectSignature(key, String(Number(expires) + 3600), sig)).toBe(false);
    const other = createObjectUrlSigner({
      secret: 'y'.repeat(32),
      publicBaseUrl: 'https://sb.example.com',
      now: () => now,
    });
    expect(other.verifyObjectSignature(key, expires, sig)).toBe(false);
    expect(signer.verifyObjectSignature(key, 'soon', sig)).toBe(false);
    expect(signer.verifyObjectSignature(key, expires, 'short')).toBe(false);
  });

  it('refuses a weak secret', () => {
    expect(() => createObjectUrlSigner({ secret: 'short', publicBaseUrl: 'https://x' })).toThrow(
      /at least 32 bytes/,
    );
  });
});
