import { sql, type Generated, type Transaction } from 'kysely';
import { createNotifyListener, type Database } from '../db/index.js';
import type { Logger } from '../telemetry/index.js';
import type { SubjectKeyStore } from './subject-keys.service.js';

/** Shreds announced to every replica (payload: tenant id and refs, blind indexes, no personal data). */
const SHRED_CHANNEL = 'crypto_subject_shred';

type SubjectKeyRow = {
  tenantId: string;
  ref: Buffer;
  wrappedKey: Buffer | null;
  createdAt: Generated<Date>;
  shreddedAt: Date | null;
};
type Tables = { 'crypto.subject_keys': SubjectKeyRow };

/**
 * Subject keys in PostgreSQL, under the tenant's row-level security, on the reserved pool (a key is
 * often needed by a caller that holds a main-pool connection in its own transaction). With
 * `listen`, the store hears of every shred of every replica (LISTEN/NOTIFY, on a connection of its
 * own) so the keys cached here are dropped at once; without it, nothing listens, and a subject-key
 * service on it caches nothing (subject-keys.service.ts), which is what a one-off command wants.
 */
export function createPgSubjectKeyStore(
  database: Database,
  options: { readonly listen?: { readonly logger: Logger } } = {},
): SubjectKeyStore {
  const listen = options.listen;
  const inTenant = <T>(tenantId: string, fn: (trx: Transaction<Tables>) => Promise<T>) =>
    database.reserved.withTenant<Tables, T>({ tenantId }, fn);
  const toMap = (rows: readonly { ref: Buffer; wrappedKey: Buffer | null }[]) =>
    new Map(rows.map((row) => [row.ref.toString('hex'), row.wrappedKey]));
  const bytes = (refs: readonly string[]) => refs.map((ref) => Buffer.from(ref, 'hex'));

  return {
    async get(tenantId, refs) {
      if (refs.length === 0) return new Map();
      return inTenant(tenantId, async (trx) =>
        toMap(
          await trx
            .selectFrom('crypto.subject_keys')
            .select(['ref', 'wrappedKey'])
            .where('ref', 'in', bytes(refs))
            .execute(),
        ),
      );
    },
    async create(tenantId, keys) {
      if (keys.length === 0) return new Map();
      return inTenant(tenantId, async (trx) => {
        await trx
          .insertInto('crypto.subject_keys')
          .values(
            keys.map((key) => ({ tenantId, ref: Buffer.from(key.ref, 'hex'), wrappedKey: key.wrappedKey })),
          )
          .onConflict((oc) => oc.columns(['tenantId', 'ref']).doNothing())
          .execute();
        return toMap(
          await trx
            .selectFrom('crypto.subject_keys')
            .select(['ref', 'wrappedKey'])
            .where('ref', 'in', bytes(keys.map((key) => key.ref)))
            .execute(),
        );
      });
    },
    async shred(tenantId, refs) {
      if (refs.length === 0) return 0;
      return inTenant(tenantId, async (trx) => {
        // A tombstone for identifiers never seen, so nothing is sealed under them afterwards either.
        const result = await sql<{ shredded: boolean }>`
          INSERT INTO crypto.subject_keys (tenant_id, ref, wrapped_key, shredded_at)
          SELECT ${tenantId}::uuid, r, NULL, now() FROM unnest(${bytes(refs)}::bytea[]) AS r
          ON CONFLICT (tenant_id, ref) DO UPDATE
            SET wrapped_key = NULL, shredded_at = coalesce(crypto.subject_keys.shredded_at, now())
          RETURNING (xmax <> 0 AND shredded_at = now()) AS shredded
        `.execute(trx);
        // Sent on commit, in parts that stay below NOTIFY's 8 kB (64 hex characters a ref).
        for (let i = 0; i < refs.length; i += 64) {
          const payload = JSON.stringify({ tenantId, refs: refs.slice(i, i + 64) });
          await sql`select pg_notify(${SHRED_CHANNEL}, ${payload})`.execute(trx);
        }
        return result.rows.filter((row) => row.shredded).length;
      });
    },
    ...(listen && {
      watchShreds(on) {
        return createNotifyListener(database, listen.logger, {
          channel: SHRED_CHANNEL,
          name: 'subject keys',
          message(payload) {
            try {
              const { tenantId, refs } = JSON.parse(payload) as { tenantId: string; refs: string[] };
              on.shredded(tenantId, refs);
            } catch {
              on.lost();
            }
          },
          lost: () => on.lost(),
        });
      },
    }),
  };
}
