import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import {
  InMemoryDataKeyStore,
  createKeyring,
  createLocalMasterKeyProvider,
} from '../../../platform/crypto/index.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import { createAzureBlobObjectStore } from '../../../platform/objects/azure-blob-object.store.js';
import { createFilesystemObjectStore } from '../../../platform/objects/fs-object.store.js';
import { createS3ObjectStore } from '../../../platform/objects/s3-object.store.js';
import { startAzurite } from '../../../platform/objects/testing/azurite.fixture.js';
import { startS3rver } from '../../../platform/objects/testing/s3rver.fixture.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';
import { readArchiveObject } from './archive-sealing.js';
import {
  archiveBatch,
  archiveBody,
  commitArchived,
  sweepArchive,
  type ArchiveEntry,
  type ArchiveLayout,
  type ArchivedObject,
} from './raw-archive.js';

/*
 * The raw archive's contract, for both layouts on the three object stores (real servers: a
 * folder, s3rver, Azurite) with the real ledger and subject-key sealing: what is written reads
 * back byte for byte, a retried batch lands on the objects it wrote, the sweep removes what never
 * committed and nothing else, erasing a number makes its records unreadable and no others, and
 * hostile ids are kept apart.
 */

interface StoreUnderTest {
  readonly name: string;
  start(): Promise<{ store: ObjectStore; stop(): Promise<void> }>;
}

const stores: StoreUnderTest[] = [
  {
    name: 'filesystem',
    async start() {
      const root = await mkdtemp(join(tmpdir(), 'sb-archive-'));
      const store = createFilesystemObjectStore({
        root,
        keyring: createKeyring({
          store: new InMemoryDataKeyStore(),
          masterKey: createLocalMasterKeyProvider(randomBytes(32)),
        }),
      });
      return { store, stop: () => rm(root, { recursive: true, force: true }) };
    },
  },
  {
    name: 's3 (s3rver)',
    async start() {
      const server = await startS3rver();
      const store = createS3ObjectStore({ ...server.storeOptions, prefix: 'sb/' });
      return {
        store,
        async stop() {
          await store.close();
          await server.stop();
        },
      };
    },
  },
  {
    name: 'azure-blob (Azurite)',
    async start() {
      const azurite = await startAzurite();
      const store = createAzureBlobObjectStore({
        connectionString: azurite.connectionString,
        container: azurite.container,
        prefix: 'sb/',
        onWarning: () => undefined,
      });
      return {
        store,
        async stop() {
          await store.close();
          await azurite.stop();
        },
      };
    },
  },
];

const layouts: ArchiveLayout[] = ['object-per-record', 'segments'];
const cases = stores.flatMap((store) => layouts.map((layout) => ({ store, layout })));

let t: CallsTestPlatform;
beforeAll(async () => {
  t = await createCallsTestPlatform();
});
afterAll(() => t.close());

describe.each(cases)('raw archive contract: $layout on $store.name', ({ store: under, layout }) => {
  let store: ObjectStore;
  let stop: () => Promise<void>;
  let ctx: RequestContext;

  beforeAll(async () => {
    ({ store, stop } = await under.start());
    ({ ctx } = await t.createTenant());
  }, 60_000);
  afterAll(async () => {
    await stop();
  });

  const deps = () => ({
    objects: store,
    ledger: t.calls.writes.archive,
    sealing: t.calls.writes.sealing,
    layout,
  });
  const entry = (sourceCallId: string, phones: string[], day = 1, extra: unknown = null): ArchiveEntry => ({
    source: 'generic',
    sourceCallId,
    sourceVersion: 1,
    startedAt: `2024-05-0${day}T10:00:00.000Z`,
    raw: { format: 'json', document: { id: sourceCallId, phones, extra } },
    phones,
  });
  const stored = async () => {
    const keys: string[] = [];
    for await (const head of store.list(`${ctx.tenantId}/`)) keys.push(head.key);
    return keys.sort();
  };
  const read = (archived: ArchivedObject) =>
    readArchiveObject({ archive: store, sealing: t.calls.writes.sealing }, ctx.tenantId, archived);
  const commit = (archived: readonly ArchivedObject[]) =>
    t.platform.database.withTenant(ctx, (trx) =>
      commitArchived(
        { objects: store, ledger: t.calls.writes.archive },
        trx,
        ctx,
        archived.map((a) => a.segment?.key ?? a.key),
      ),
    );
  const age = async (interval: string) => {
    await sql`update calls.archive_objects set written_at = written_at - ${interval}::interval where tenant_id = ${ctx.tenantId} and not committed`.execute(
      t.platform.database.owner,
    );
  };
  const objectsOf = (archived: readonly ArchivedObject[]) =>
    [...new Set(archived.map((a) => a.segment?.key ?? a.key))].sort();

  const hostile = ['nul\u0000id', 'a/b/../c', '..', '.hidden', 'emoji-\u{1F4DE}-call', 'x'.repeat(300)];
  const batch = [
    entry('plain-1', ['+15550000001']),
    entry('plain-2', ['+15550000002']),
    entry('no-phones', []),
    entry('next-day', ['+15550000003'], 2),
    ...hostile.map((id, i) => entry(id, [`+1555100000${i}`], 3)),
  ];
  let first: ArchivedObject[];

  it('writes a batch and reads every record back byte for byte', async () => {
    first = await archiveBatch(deps(), ctx, batch);
    expect(first).toHaveLength(batch.length);
    expect(new Set(first.map((a) => a.key)).size).toBe(batch.length);
    for (const [index, archived] of first.entries()) {
      const bytes = await read(archived);
      expect(bytes?.equals(archiveBody(batch[index] as ArchiveEntry))).toBe(true);
      expect(archived.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(archived.key.startsWith(`${ctx.tenantId}/generic/2024/05/0`)).toBe(true);
    }
    const objects = await stored();
    expect(objects).toEqual(objectsOf(first));
    if (layout === 'segments') {
      // One segment per day of the batch: 1 May, 2 May, 3 May.
      expect(objects).toHaveLength(3);
      for (const key of objects) expect(key).toMatch(/\/2024\/05\/0[123]\/seg_[0-9a-f]{32}\.seg$/);
    } else {
      expect(objects).toHaveLength(batch.length);
    }
  });

  it('lands a retried batch on the objects it wrote, and commits it', async () => {
    const before = await stored();
    const again = await archiveBatch(deps(), ctx, batch);
    expect(again).toEqual(first);
    expect(await stored()).toEqual(before);
    await commit(again);
  });

  it('sweeps what an uncommitted batch wrote, and keeps what a committed one did', async () => {
    const committed = await stored();
    const lost = await archiveBatch(deps(), ctx, [entry('lost-1', ['+15552000001']), entry('lost-2', [])]);
    expect((await stored()).length).toBeGreaterThan(committed.length);
    await age('61 minutes');
    await sweepArchive({ objects: store, ledger: t.calls.writes.archive });
    expect(await stored()).toEqual(committed);
    for (const archived of lost) expect(await read(archived)).toBeNull();
    for (const archived of first) expect(await read(archived)).not.toBeNull();
  });

  it('erases one number: its record answers CALLS_RAW_ERASED, its neighbours still read', async () => {
    await t.platform.subjectKeys.shred(ctx.tenantId, [{ kind: 'phone', value: '+15550000001' }]);
    const [erased, ...others] = first;
    await expect(read(erased as ArchivedObject)).rejects.toMatchObject({ code: 'CALLS_RAW_ERASED' });
    for (const [index, archived] of others.entries())
      expect((await read(archived))?.equals(archiveBody(batch[index + 1] as ArchiveEntry))).toBe(true);
  });

  it('refuses a record whose bytes do not match its SHA-256', async () => {
    const archived = first[1] as ArchivedObject;
    const wrong = { ...archived, sha256: '0'.repeat(64) };
    if (layout === 'segments') await expect(read(wrong)).rejects.toMatchObject({ code: 'CALLS_RAW_CORRUPT' });
    else expect((await read(archived))?.length).toBeGreaterThan(0);
  });
});
