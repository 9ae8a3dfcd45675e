import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';

import { InMemoryDataKeyStore } from './in-memory-data-key.store.js';
import { createKeyring, type Keyring } from './keyring.service.js';
import { createLocalMasterKeyProvider } from './local-master-key.provider.js';
import { headerLength } from './stream-aead.format.js';

const SEGMENT = 1024;
const SEALED = SEGMENT + 16;

function keyring(segmentSize = SEGMENT): Keyring {
  return createKeyring({
    store: new InMemoryDataKeyStore(),
    masterKey: createLocalMasterKeyProvider(randomBytes(32)),
    streamSegmentSize: segmentSize,
  });
}

/** Feeds `input` in uneven chunks so segment boundaries never line up with writes. */
function chunked(input: Buffer, sizes = [1, 7, 500, 3000]): Readable {
  const parts: Buffer[] = [];
  for (let offset = 0, i = 0; offset < input.length; i += 1) {
    const size = sizes[i % sizes.length] ?? 1;
    parts.push(input.subarray(offset, offset + size));
    offset += size;
  }
  return Readable.from(parts);
}

async function collect(source: Readable, transform: NodeJS.ReadWriteStream): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(
    source,
    transform,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(out);
}

const encrypt = (k: Keyring, tenant: string, plain: Buffer) =>
  collect(chunked(plain), k.createEncryptStream(tenant));
const decrypt = (k: Keyring, tenant: string, sealed: Buffer) =>
  collect(chunked(sealed), k.createDecryptStream(tenant));
const header = (sealed: Buffer) => headerLength(sealed[4]!);

describe('segmented stream encryption', () => {
  it.each([0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 17])(
    'round-trips %i bytes',
    async (size) => {
      const k = keyring();
      const plain = randomBytes(size);
      const sealed = await encrypt(k, 'ten_a', plain);
      // An input that ends on a segment boundary does not get an extra empty segment.
      const segments = Math.max(1, Math.ceil(size / SEGMENT));
      expect(sealed.length).toBe(header(sealed) + size + segments * 16);
      expect((await decrypt(k, 'ten_a', sealed)).equals(plain)).toBe(true);
    },
  );

  it.each([0, 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 17])(
    'sealObject writes the stream format in one call: %i bytes, same layout, opened by the decrypt stream',
    async (size) => {
      const k = keyring();
      const plain = randomBytes(size);
      const sealed = await k.sealObject('ten_a', plain);
      const streamed = await encrypt(k, 'ten_a', plain);
      expect(sealed.length).toBe(streamed.length);
      expect((await decrypt(k, 'ten_a', sealed)).equals(plain)).toBe(true);
      await expect(decrypt(k, 'ten_b', sealed)).rejects.toThrow();
    },
  );

  it('round-trips a few megabytes with the default 64 KiB segments', async () => {
    const k = keyring(64 * 1024);
    const plain = randomBytes(3 * 1024 * 1024 + 5);
    const sealed = await collect(Readable.from([plain]), k.createEncryptStream('ten_a'));
    const back = await collect(Readable.from([sealed]), k.createDecryptStream('ten_a'));
    expect(createHash('sha256').update(back).digest('hex')).toBe(
      createHash('sha256').update(plain).digest('hex'),
    );
  });

  it('still decrypts after the tenant key rotates (key id is in the header)', async () => {
    const k = keyring();
    const plain = randomBytes(2500);
    const sealed = await encrypt(k, 'ten_a', plain);
    await k.rotateTenantKey('ten_a');
    expect((await decrypt(k, 'ten_a', sealed)).equals(plain)).toBe(true);
  });

  it('fails when any byte is changed', async () => {
    const k = keyring();
    const sealed = await encrypt(k, 'ten_a', randomBytes(3 * SEGMENT + 100));
    for (const position of [
      header(sealed) - 1,
      header(sealed) + 5,
      header(sealed) + SEALED + 3,
      sealed.length - 1,
    ]) {
      const tampered = Buffer.from(sealed);
      tampered[position]! ^= 0x80;
      await expect(decrypt(k, 'ten_a', tampered)).rejects.toMatchObject({ code: 'CRYPTO_DECRYPT_FAILED' });
    }
  });

  it('fails when the stream is cut at a segment boundary, mid-segment, or inside the header', async () => {
    const k = keyring();
    const sealed = await encrypt(k, 'ten_a', randomBytes(3 * SEGMENT + 100));
    const h = header(sealed);
    for (const cut of [h + SEALED, h + 2 * SEALED, sealed.length - 1, h + 10, h, 10]) {
      await expect(decrypt(k, 'ten_a', sealed.subarray(0, cut))).rejects.toMatchObject({
        code: 'CRYPTO_DECRYPT_FAILED',
      });
    }
  });

  it('fails when whole segments are swapped or the last one dropped', async () => {
    const k = keyring();
    const sealed = await encrypt(k, 'ten_a', randomBytes(3 * SEGMENT + 100));
    const h = header(sealed);
    const seg = (i: number) => sealed.subarray(h + i * SEALED, h + (i + 1) * SEALED);
    const tail = sealed.subarray(h + 3 * SEALED);
    const swapped = Buffer.concat([sealed.subarray(0, h), seg(1), seg(0), seg(2), tail]);
    await expect(decrypt(k, 'ten_a', swapped)).rejects.toMatchObject({ code: 'CRYPTO_DECRYPT_FAILED' });
    const appended = Buffer.concat([sealed, seg(0)]);
    await expect(decrypt(k, 'ten_a', appended)).rejects.toMatchObject({ code: 'CRYPTO_DECRYPT_FAILED' });
  });

  it('fails for another tenant, even one sharing the store', async () => {
    const k = keyring();
    const sealed = await encrypt(k, 'ten_a', randomBytes(100));
    await k.encrypt('ten_b', 'create ten_b keys');
    await expect(decrypt(k, 'ten_b', sealed)).rejects.toMatchObject({ code: 'CRYPTO_KEY_NOT_FOUND' });
  });

  it('rejects input that is not an encrypted stream', async () => {
    const k = keyring();
    await expect(decrypt(k, 'ten_a', Buffer.from('plain old text, not encrypted'))).rejects.toMatchObject({
      code: 'CRYPTO_CIPHERTEXT_MALFORMED',
    });
  });

  it('produces different ciphertext for the same input', async () => {
    const k = keyring();
    const plain = randomBytes(500);
    expect((await encrypt(k, 'ten_a', plain)).equals(await encrypt(k, 'ten_a', plain))).toBe(false);
  });
});
