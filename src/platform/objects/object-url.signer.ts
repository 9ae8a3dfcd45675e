import { createHmac, timingSafeEqual } from 'node:crypto';

import { assertValidExpiry, assertValidObjectKey } from './object-key.validation.js';
import { ObjectStoreConfigError } from './object-store.errors.js';

/**
 * Signed download URLs for stores without a native mechanism (the filesystem store):
 * `${publicBaseUrl}/objects/<key>?expires=<unix seconds>&sig=<base64url HMAC-SHA256>`.
 *
 * The HTTP route that serves them (wired by the HTTP kernel) decodes each path segment,
 * calls `verifyObjectSignature(key, expires, sig)` and streams `store.get(key)`.
 */
export interface ObjectUrlSigner {
  signedUrl(key: string, expiresInSeconds: number): string;
  /** True only for an unexpired URL signed by this secret for exactly this key. */
  verifyObjectSignature(key: string, expires: string | number, sig: string): boolean;
}

export interface ObjectUrlSignerOptions {
  /** At least 32 bytes; every replica that serves the route needs the same secret. */
  readonly secret: Buffer | string;
  readonly publicBaseUrl: string;
  readonly now?: () => number;
}

const MIN_SECRET_BYTES = 32;

export function createObjectUrlSigner(options: ObjectUrlSignerOptions): ObjectUrlSigner {
  const secret =
    typeof options.secret === 'string' ? Buffer.from(options.secret, 'utf8') : Buffer.from(options.secret);
  if (secret.length < MIN_SECRET_BYTES) {
    throw new ObjectStoreConfigError(`object URL signing secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  let base: URL;
  try {
    base = new URL(options.publicBaseUrl);
  } catch {
    throw new ObjectStoreConfigError('publicBaseUrl is not an absolute URL');
  }
  const baseUrl = base.toString().replace(/\/+$/, '');
  const now = options.now ?? Date.now;

  const mac = (key: string, expires: string): Buffer =>
    createHmac('sha256', secret).update(`switchboard/object-url/v1\n${key}\n${expires}`).digest();

  return {
    signedUrl(key, expiresInSeconds) {
      assertValidObjectKey(key);
      assertValidExpiry(expiresInSeconds);
      const expires = String(Math.floor(now() / 1000) + expiresInSeconds);
      const path = key.split('/').map(encodeURIComponent).join('/');
      return `${baseUrl}/objects/${path}?expires=${expires}&sig=${mac(key, expires).toString('base64url')}`;
    },
    verifyObjectSignature(key, expires, sig) {
      const expiresText = String(expires);
      if (!/^\d{1,12}$/.test(expiresText) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
      if (Number(expiresText) * 1000 < now()) return false;
      return timingSafeEqual(mac(key, expiresText), Buffer.from(sig, 'base64url'));
    },
  };
}
