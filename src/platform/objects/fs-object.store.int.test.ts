import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

import { InMemoryDataKeyStore, createKeyring, createLocalMasterKeyProvider } from '../crypto/index.js';
import { readAll } from './checksum.stream.js';
import { objectPath } from './fs-object.layout.js';
import { createFilesystemObjectStore } from './fs-object.store.js';
import { describeObjectStoreContract } from './object-store.contract.js';
import { createObjectUrlSigner } from './object-url.signer.js';
import { startSignedUrlServer } from './testing/signed-url-server.fixture.js';

const created: string[] = [];
const tempRoot = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'sb-objects-'));
  created.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
});

const newKeyring = () =>
  createKeyring({
    store: new InMemoryDataKeyStore(),
    masterKey: createLocalMasterKeyProvider(randomBytes(32)),
  });

describeObjectStoreContract('filesystem', async () => {
  const root = await mkdtemp(join(tmpdir(), 'sb-objects-'));
  const server = await startSignedUrlServer();
  const store = createFilesystemObjectStore({
    root,
    keyring: newKeyring(),
    urlSigner: createObjectUrlSigner({ secret: randomBytes(32), publicBaseUrl: server.baseUrl }),
    // Short, so the torn-write test waits a moment rather than the default 5 s.
    unfinishedWriteGraceMs: 300,
  });
  server.setStore(store);
  return {
    store,
    atomicWriteOnce: true,
    listPageSize: 3,
    corrupt: (key) => flipByte(objectPath(root, key), 100),
    async tear(key, keep) {
      const path = objectPath(root, key);
      await truncate(path, keep === 'empty' ? 0 : Math.floor((await stat(path)).size / 2));
    },
    async teardown() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});

describe('filesystem object store specifics', () => {
  it.each([
    ['exclusive-create', 'auto'],
    ['exclusive-create', 'fsync'],
    ['link', 'auto'],
    ['link', 'fsync'],
  ] as const)(
    'puts a batch durably with write protocol %s and batch sync %s, readable and write-once',
    async (writeProtocol, batchSync) => {
      const root = await tempRoot();
      const store = createFilesystemObjectStore({ root, keyring: newKeyring(), batchSync, writeProtocol });
      const items = Array.from({ length: 40 }, (_, i) => ({
        key: `ten_a/2026/10/${String(1 + (i % 3)).padStart(2, '0')}/call_${i}.json`,
        body: Buffer.from(`{"n":${i}}`),
        options: { tenantId: 'ten_a' },
      }));
      const results = await store.putMany(items);
      expect(results.every((r) => r.created)).toBe(true);
      expect(await readAll((await store.get('ten_a/2026/10/02/call_1.json')).body)).toEqual(
        Buffer.from('{"n":1}'),
      );
      // No temporary file is left behind.
      for (const day of ['01', '02', '03']) {
        expect(
          (await readdir(join(root, 'ten_a', '2026', '10', day))).filter((name) => name.startsWith('#')),
        ).toEqual([]);
      }
      expect(await readdir(join(root, '#batches')).catch(() => [])).toEqual([]);
      // The batches' folder is not an object, nor a folder of objects.
      const listed: string[] = [];
      for await (const head of store.list('')) listed.push(head.key);
      expect(listed).toHaveLength(40);
      await store.close();
    },
  );

  it('waits for a write in progress at the name, then reuses it, rather than replacing it', async () => {
    const keyring = newKeyring();
    const item = {
      key: 'ten_a/2026/10/01/call_1.json',
      body: Buffer.from('{"n":1}'),
      options: { tenantId: 'ten_a' },
    };
    // The bytes another writer would put there, written in two steps as a slow writer would.
    const elsewhere = await tempRoot();
    await createFilesystemObjectStore({ root: elsewhere, keyring }).putMany([item]);
    const bytes = await readFile(objectPath(elsewhere, item.key));
    const root = await tempRoot();
    const store = createFilesystemObjectStore({ root, keyring, unfinishedWriteGraceMs: 10_000 });
    await mkdir(dirname(objectPath(root, item.key)), { recursive: true });
    await writeFile(objectPath(root, item.key), bytes.subarray(0, 10), { flag: 'wx' });
    const putting = store.putMany([item]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await writeFile(objectPath(root, item.key), bytes);
    expect((await putting).map((r) => r.created)).toEqual([false]);
    expect(await readAll((await store.get(item.key)).body)).toEqual(item.body);
  });

  it('completes what a crash left with the link protocol too, and deletes an abandoned remnant', async () => {
    const root = await tempRoot();
    const store = createFilesystemObjectStore({
      root,
      keyring: newKeyring(),
      writeProtocol: 'link',
      unfinishedWriteGraceMs: 50,
    });
    const items = ['a', 'b'].map((n) => ({
      key: `ten_a/2026/10/01/${n}.json`,
      body: Buffer.from(n.repeat(2000)),
    }));
    await store.putMany(items);
    await truncate(objectPath(root, 'ten_a/2026/10/01/a.json'), 1000);
    await truncate(objectPath(root, 'ten_a/2026/10/01/b.json'), 0);
    expect((await store.putMany(items.slice(0, 1))).map((r) => r.created)).toEqual([true]);
    expect(await readAll((await store.get('ten_a/2026/10/01/a.json')).body)).toEqual(items[0]?.body);
    // b is never retried: its remnant is no object, and its delete removes it once the grace is over.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await store.delete('ten_a/2026/10/01/b.json', { reason: 'test' })).toEqual({ deleted: false });
    expect(await readdir(join(root, 'ten_a', '2026', '10', '01'))).toEqual(['a.json#']);
  });

  it('puts a batch from a process that has nothing else to wait for (the sync helper holds it open)', async () => {
    const root = await tempRoot();
    const script = `
      import { createFilesystemObjectStore } from ${JSON.stringify(new URL('./fs-object.store.ts', import.meta.url).href)};
      const store = createFilesystemObjectStore({ root: ${JSON.stringify(root)} });
      const results = await store.putMany([{ key: 'a/1.json', body: Buffer.from('1') }, { key: 'a/2.json', body: Buffer.from('2') }]);
      console.log(JSON.stringify(results.map((r) => r.created)));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: process.cwd() },
    );
    expect(stdout.trim()).toBe('[true,true]');
  });

  it('encrypts tenant objects at rest and stores others as given', async () => {
    const root = await tempRoot();
    const store = createFilesystemObjectStore({ root, keyring: newKeyring() });
    const secret = Buffer.from('+44 20 7123 4567 said the quiet part out loud '.repeat(50));
    await store.put('ten_a/rec/1.txt', secret, { tenantId: 'ten_a' });
    await store.put('ten_a/public/1.txt', secret);
    expect((await readFile(objectPath(root, 'ten_a/rec/1.txt'))).includes(Buffer.from('quiet part'))).toBe(
      false,
    );
    expect((await readFile(objectPath(root, 'ten_a/public/1.txt'))).includes(Buffer.from('quiet part'))).toBe(
      true,
    );
    expect((await store.head('ten_a/rec/1.txt'))?.size).toBe(secret.length);
    expect(await readAll((await store.get('ten_a/rec/1.txt')).body)).toEqual(secret);
  });

  it('cannot read tenant objects with another keyring', async () => {
    const root = await tempRoot();
    await createFilesystemObjectStore({ root, keyring: newKeyring() }).put('ten_a/x', Buffer.from('x'), {
      tenantId: 'ten_a',
    });
    const other = createFilesystemObjectStore({ root, keyring: newKeyring() });
    await expect(readAll((await other.get('ten_a/x')).body)).rejects.toMatchObject({
      code: 'OBJECTS_CHECKSUM_MISMATCH',
    });
  });

  it('refuses tenant objects when it has no keyring, rather than storing them in clear', async () => {
    const store = createFilesystemObjectStore({ root: await tempRoot() });
    await expect(store.put('ten_a/x', Buffer.from('x'), { tenantId: 'ten_a' })).rejects.toMatchObject({
      code: 'OBJECTS_CONFIG',
    });
  });

  it('detects corruption of an unencrypted object by its SHA-256', async () => {
    const root = await tempRoot();
    const store = createFilesystemObjectStore({ root });
    await store.put('a/b', randomBytes(10_000));
    await flipByte(objectPath(root, 'a/b'), 5000);
    await expect(readAll((await store.get('a/b')).body)).rejects.toThrow(/sha256 .* does not match/);
  });

  it('leaves no temporary files behind, after success or failure', async () => {
    const root = await tempRoot();
    const store = createFilesystemObjectStore({ root });
    await store.put('a/b', Buffer.from('1'));
    await expect(store.put('a/b', Buffer.from('2'))).rejects.toMatchObject({ code: 'OBJECTS_EXISTS' });
    expect(await readdir(join(root, 'a'))).toEqual(['b#']);
  });

  it('keeps every key inside its root', async () => {
    const root = await tempRoot();
    const store = createFilesystemObjectStore({ root });
    for (const key of ['..', '../../etc/passwd', 'a/../../b', '/etc/passwd', 'a\\..\\b', 'x\0y']) {
      await expect(store.put(key, Buffer.from('x'))).rejects.toMatchObject({ code: 'OBJECTS_INVALID_KEY' });
    }
    expect(await readdir(root)).toEqual([]);
  });

  it('removes folders emptied by delete', async () => {
    const root = await tempRoot();
    const store = createFilesystemObjectStore({ root });
    await store.put('ten_a/2024/05/01/x.json', Buffer.from('x'));
    await store.delete('ten_a/2024/05/01/x.json', { reason: 'test' });
    expect(await readdir(root)).toEqual([]);
  });

  it('deletes objects of one folder at the same time, each answered deleted, the folder pruned once', async () => {
    const root = await tempRoot();
    const store = createFilesystemObjectStore({ root });
    const keys = Array.from({ length: 24 }, (_, i) => `ten_a/imports/${i}.csv`);
    for (const key of keys) await store.put(key, Buffer.from(key));
    const answers = await Promise.all(keys.map((key) => store.delete(key, { reason: 'test' })));
    expect(answers).toEqual(keys.map(() => ({ deleted: true })));
    expect(await readdir(root)).toEqual([]);
  });

  it('says why signedUrl cannot work without a signer', async () => {
    const store = createFilesystemObjectStore({ root: await tempRoot() });
    await expect(store.signedUrl('a', { expiresInSeconds: 60 })).rejects.toMatchObject({
      code: 'OBJECTS_CONFIG',
    });
  });
});

async function flipByte(path: string, position: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, position);
    byte[0] = (byte[0] ?? 0) ^ 0xff;
    await handle.write(byte, 0, 1, position);
  } finally {
    await handle.close();
  }
}
