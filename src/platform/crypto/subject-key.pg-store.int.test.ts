import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../db/index.js';
import { openTestDatabase } from '../../../test/support/open-test-database.js';
import { createLogger } from '../telemetry/index.js';
import { SubjectErasedError } from './crypto.errors.js';
import { createPgDataKeyStore } from './data-key.pg-store.js';
import { createKeyring, type Keyring } from './keyring.service.js';
import { createLocalMasterKeyProvider } from './local-master-key.provider.js';
import { createPgSubjectKeyStore } from './subject-key.pg-store.js';
import { createSubjectKeys } from './subject-keys.service.js';

const phone = { kind: 'phone', value: '+447700900123' } as const;

describe('subject keys in PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let keyring: Keyring;

  beforeAll(async () => {
    testDatabase = await createMigratedDatabase();
    database = await openTestDatabase({
      url: testDatabase.url,
      poolMax: 4,
      role: `subj${randomBytes(4).toString('hex')}`,
      logger: createLogger({ level: 'silent' }),
    });
    keyring = createKeyring({
      store: createPgDataKeyStore(database),
      masterKey: createLocalMasterKeyProvider(randomBytes(32)),
    });
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  /** A process of its own: its own cache of unwrapped keys, the same table. */
  const process = () => createSubjectKeys({ keyring, store: createPgSubjectKeyStore(database) });

  const rowsOf = async (tenantId: string) =>
    database.reserved.withTenant(
      { tenantId },
      async (trx) =>
        (
          await sql<{
            ref: Buffer;
            wrapped: boolean;
            shredded: boolean;
          }>`SELECT ref, wrapped_key IS NOT NULL AS wrapped, shredded_at IS NOT NULL AS shredded FROM crypto.subject_keys`.execute(
            trx,
          )
        ).rows,
    );

  it('gives ten processes sealing for one new identifier at once the same single key', async () => {
    const tenant = randomUUID();
    const processes = Array.from({ length: 10 }, process);
    const sealed = await Promise.all(
      processes.map((keys, i) => keys.seal(tenant, [phone], `from process ${i}`)),
    );
    // Every process opens what every other sealed: there is one key.
    const reader = process();
    for (const [i, ciphertext] of sealed.entries())
      expect((await reader.open(tenant, ciphertext)).toString()).toBe(`from process ${i}`);
    expect((await processes[3]?.open(tenant, sealed[7] ?? Buffer.alloc(0)))?.toString()).toBe(
      'from process 7',
    );
    expect(await rowsOf(tenant)).toHaveLength(1);
  });

  it('lets a tenant neither read nor shred another tenant’s keys', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const keys = process();
    const sealed = await keys.seal(a, [phone], 'of tenant a');
    const ref = await keys.ref(a, phone);
    const store = createPgSubjectKeyStore(database);
    expect((await store.get(b, [ref])).size).toBe(0);
    expect(await rowsOf(b)).toHaveLength(0);
    // B "shredding" A's ref only leaves a tombstone of B's own.
    expect(await store.shred(b, [ref])).toBe(0);
    expect((await rowsOf(b)).map((row) => row.shredded)).toEqual([true]);
    expect((await process().open(a, sealed)).toString()).toBe('of tenant a');
    expect(await rowsOf(a)).toEqual([{ ref: Buffer.from(ref, 'hex'), wrapped: true, shredded: false }]);
  });

  it('shreds for good: the wrapped key is gone from the table, other processes are refused', async () => {
    const tenant = randomUUID();
    const writer = process();
    const sealed = await writer.seal(tenant, [phone], 'about them');
    expect(await writer.shred(tenant, [phone])).toEqual({ shredded: 1 });
    expect(await writer.shred(tenant, [phone])).toEqual({ shredded: 0 });
    expect(await rowsOf(tenant)).toEqual([
      { ref: Buffer.from(await writer.ref(tenant, phone), 'hex'), wrapped: false, shredded: true },
    ]);
    await expect(process().open(tenant, sealed)).rejects.toBeInstanceOf(SubjectErasedError);
    await expect(process().seal(tenant, [phone], 'new')).rejects.toBeInstanceOf(SubjectErasedError);
  });

  it('drops a key another replica shredded at once, though its cache would keep it an hour', async () => {
    const tenant = randomUUID();
    const logger = createLogger({ level: 'silent' });
    const hour = 3_600_000;
    const listening = () => {
      const store = createPgSubjectKeyStore(database, { listen: { logger } });
      const { watchShreds } = store;
      if (!watchShreds) throw new Error('a listening store watches shreds');
      const feeds: { ready(): Promise<void> }[] = [];
      const keys = createSubjectKeys({
        keyring,
        cacheTtlMs: hour,
        store: {
          ...store,
          watchShreds(on) {
            const feed = watchShreds.call(store, on);
            feeds.push(feed);
            return feed;
          },
        },
      });
      return { keys, ready: () => Promise.all(feeds.map((feed) => feed.ready())) };
    };
    const writer = listening();
    const reader = listening();
    const deaf = createSubjectKeys({ keyring, cacheTtlMs: hour, store: createPgSubjectKeyStore(database) });
    await reader.ready();
    const sealed = await writer.keys.seal(tenant, [phone], 'about them');
    expect((await reader.keys.open(tenant, sealed)).toString()).toBe('about them');
    expect((await deaf.open(tenant, sealed)).toString()).toBe('about them');

    await writer.keys.shred(tenant, [phone]);
    await expect
      .poll(
        () =>
          reader.keys.open(tenant, sealed).then(
            () => 'opened',
            (e: unknown) => e,
          ),
        { timeout: 5_000 },
      )
      .toBeInstanceOf(SubjectErasedError);
    // The control: a replica that does not listen still opens it from its cache.
    expect((await deaf.open(tenant, sealed)).toString()).toBe('about them');
  });

  it('leaves a tombstone when an identifier never seen is shredded', async () => {
    const tenant = randomUUID();
    const keys = process();
    const unseen = { kind: 'email', value: 'never@example.com' } as const;
    expect(await keys.shred(tenant, [unseen])).toEqual({ shredded: 0 });
    expect(await rowsOf(tenant)).toEqual([
      { ref: Buffer.from(await keys.ref(tenant, unseen), 'hex'), wrapped: false, shredded: true },
    ]);
    expect(await keys.isShredded(tenant, unseen)).toBe(true);
    await expect(keys.seal(tenant, [unseen], 'x')).rejects.toBeInstanceOf(SubjectErasedError);
  });

  it('loads every key of a batch of subject sets in one go', async () => {
    const tenant = randomUUID();
    const keys = process();
    const sets = Array.from({ length: 50 }, (_, i) => [
      { kind: 'phone', value: `+4477009${String(i).padStart(5, '0')}` } as const,
    ]);
    const sealers = await keys.sealers(tenant, sets);
    const sealed = sealers.map((sealer, i) => sealer.sealDeterministic(`call ${i}`, `k${i}`));
    expect(await rowsOf(tenant)).toHaveLength(50);
    expect((await process().open(tenant, sealed[42] ?? Buffer.alloc(0), 'k42')).toString()).toBe('call 42');
  });
});
