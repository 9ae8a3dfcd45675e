import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInMemorySubjectKeyStore,
  InMemoryDataKeyStore,
  createKeyring,
  createLocalMasterKeyProvider,
  createSubjectKeys,
  type SubjectIdentifier,
} from '../crypto/index.js';
import { createFilesystemObjectStore, type ObjectStore } from '../objects/index.js';
import {
  objectStoreTombstones,
  readTombstones,
  TOMBSTONE_PREFIX,
  type SubjectTombstone,
} from './subject-tombstones.js';

const alice: SubjectIdentifier = { kind: 'email', value: 'alice@example.test' };

describe('shred tombstones in the object store', () => {
  let dir: string;
  let store: ObjectStore;
  const keyring = createKeyring({
    store: new InMemoryDataKeyStore(),
    masterKey: createLocalMasterKeyProvider(randomBytes(32)),
  });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-tombstones-'));
    store = createFilesystemObjectStore({ root: dir });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const read = async () => {
    const found: SubjectTombstone[] = [];
    for await (const tombstone of readTombstones(store, () => undefined)) found.push(tombstone);
    return found;
  };

  it('records every shred, with the refs and nothing personal', async () => {
    const tenant = randomUUID();
    const keys = createSubjectKeys({
      keyring,
      store: createInMemorySubjectKeyStore(),
      tombstones: objectStoreTombstones(store),
    });
    const ref = await keys.ref(tenant, alice);
    await keys.seal(tenant, [alice], 'about alice');
    await keys.shred(tenant, [alice]);
    const [tombstone] = (await read()).filter((t) => t.tenantId === tenant);
    expect(tombstone).toMatchObject({ tenantId: tenant, refs: [ref] });
    for await (const head of store.list(TOMBSTONE_PREFIX)) {
      expect(await text((await store.get(head.key)).body)).not.toContain('alice');
    }
  });

  it('destroys no key whose shred could not be recorded', async () => {
    const tenant = randomUUID();
    const keys = createSubjectKeys({
      keyring,
      store: createInMemorySubjectKeyStore(),
      tombstones: { record: () => Promise.reject(new Error('object store unavailable')) },
    });
    const sealed = await keys.seal(tenant, [alice], 'about alice');
    await expect(keys.shred(tenant, [alice])).rejects.toThrow('object store unavailable');
    expect((await keys.open(tenant, sealed)).toString()).toBe('about alice');
    await expect(keys.isShredded(tenant, alice)).resolves.toBe(false);
  });
});
