import { sql } from 'kysely';
import { ConfigError } from '../platform/config/index.js';
import type { MasterKeyProvider } from '../platform/crypto/index.js';
import type { Database } from '../platform/db/index.js';

/**
 * Refuses a process whose master key is not the installation's. Without SWITCHBOARD_MASTER_KEY
 * every data dir generates its own key, so a second host on the same database would start, fail
 * on every record it tried to read, and wrap new tenants' keys under a key nobody else has. The
 * data keys in the database name the master key that wrapped them (a fingerprint, no secret):
 * if there are some and none is ours or a configured previous one, this process stops here.
 */
export async function assertMasterKeyFits(
  database: Database,
  keys: { readonly current: MasterKeyProvider; readonly previous: readonly MasterKeyProvider[] },
  generatedAt: string | undefined,
): Promise<void> {
  const { rows } = await sql<{ masterKeyId: string; keys: number }>`
    select master_key_id, count(*)::int as keys from crypto.tenant_keys group by master_key_id
    order by count(*) desc`
    .execute(database.owner)
    .catch((error: unknown) => {
      // Not migrated yet (a process started with migrate: false before anyone migrated): nothing to check.
      if ((error as { code?: string }).code === '42P01') return { rows: [] };
      throw error;
    });
  if (rows.length === 0) return;
  const ours = new Set([keys.current.keyId, ...keys.previous.map((k) => k.keyId)]);
  if (rows.some((row) => ours.has(row.masterKeyId))) return;
  const theirs = rows.map((row) => `${row.masterKeyId} (${String(row.keys)} keys)`).join(', ');
  throw new ConfigError([
    `SWITCHBOARD_MASTER_KEY: this database's data keys are wrapped by master key ${theirs}, ` +
      `and this process has ${keys.current.keyId}` +
      (generatedAt === undefined ? '' : `, generated just now in ${generatedAt} because none was set`) +
      '. Every process of an installation needs the same master key: set SWITCHBOARD_MASTER_KEY ' +
      '(docs/scaling.md, docs/encryption.md).',
  ]);
}
