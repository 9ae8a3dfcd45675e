import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { SubjectTombstoneRecorder } from '../crypto/index.js';
import type { NoTables } from '../db/index.js';
import type { ObjectStore } from '../objects/index.js';

/*
 * Shred tombstones outside the database. A restore brings back the subject keys as they were when
 * the backup was taken; an erasure done after that would be undone. So every shred is also written
 * to the object store (which a database restore does not roll back: S3/Azure keep their own
 * versions, and a filesystem store's new objects are still in the old folder), and `switchboard
 * restore` shreds again every ref it finds there that the restored database still holds a key for.
 *
 *   _system/subject-tombstones/<tenant uuid>/<yyyymmddThhmmssmmmZ>-<random>.json
 *   {"v":1,"tenantId":"…","refs":["<64 hex>",…],"shreddedAt":"<ISO time>"}\n
 *
 * No personal data: a ref is a keyed blind index of an identifier, useless without the tenant's key.
 */

export const TOMBSTONE_PREFIX = '_system/subject-tombstones/';

const tombstoneSchema = z.object({
  v: z.literal(1),
  tenantId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
  refs: z.array(z.string().regex(/^[0-9a-f]{64}$/)).min(1),
  shreddedAt: z.iso.datetime(),
});

export interface SubjectTombstone {
  readonly tenantId: string;
  readonly refs: readonly string[];
  readonly shreddedAt: Date;
}

/** Writes a tombstone object per shred (a new key each time: the store is write-once). */
export function objectStoreTombstones(store: ObjectStore): SubjectTombstoneRecorder {
  return {
    async record(tenantId, refs, shreddedAt) {
      const stamp = shreddedAt.toISOString().replace(/[-:.]/g, '');
      const key = `${TOMBSTONE_PREFIX}${tenantId}/${stamp}-${randomBytes(6).toString('hex')}.json`;
      const body = { v: 1, tenantId, refs: [...refs], shreddedAt: shreddedAt.toISOString() };
      // One line: `head -n1` of the filesystem store's file (body, then its trailer) is the JSON.
      await store.put(key, Buffer.from(`${JSON.stringify(body)}\n`), { contentType: 'application/json' });
    },
  };
}

/** Every tombstone in a store; objects under the prefix that are not tombstones are reported, not read. */
export async function* readTombstones(
  store: ObjectStore,
  onInvalid: (key: string, reason: string) => void,
): AsyncGenerator<SubjectTombstone> {
  for await (const head of store.list(TOMBSTONE_PREFIX)) {
    let parsed: z.infer<typeof tombstoneSchema>;
    try {
      parsed = tombstoneSchema.parse(JSON.parse(await text((await store.get(head.key)).body)));
    } catch (error) {
      onInvalid(head.key, error instanceof Error ? error.message : String(error));
      continue;
    }
    yield { tenantId: parsed.tenantId, refs: parsed.refs, shreddedAt: new Date(parsed.shreddedAt) };
  }
}

/**
 * Shreds, as the owner (across tenants), the refs of a tombstone that the database still holds a key
 * for or has no row for at all; answers how many rows changed. Refs already shredded are left alone.
 */
export async function reapplyTombstone(
  owner: Kysely<NoTables>,
  tombstone: SubjectTombstone,
): Promise<number> {
  const refs = tombstone.refs.map((ref) => Buffer.from(ref, 'hex'));
  const result = await sql<{ ref: Buffer }>`
    INSERT INTO crypto.subject_keys (tenant_id, ref, wrapped_key, shredded_at)
    SELECT ${tombstone.tenantId}::uuid, r, NULL, ${tombstone.shreddedAt} FROM unnest(${refs}::bytea[]) AS r
    ON CONFLICT (tenant_id, ref) DO UPDATE SET wrapped_key = NULL, shredded_at = excluded.shredded_at
      WHERE crypto.subject_keys.wrapped_key IS NOT NULL
    RETURNING ref`.execute(owner);
  return result.rows.length;
}
