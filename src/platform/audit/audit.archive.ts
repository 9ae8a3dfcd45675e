import { text } from 'node:stream/consumers';
import { sql, type Kysely } from 'kysely';
import type { NoTables } from '../db/index.js';
import { ObjectExistsError, type ObjectStore } from '../objects/index.js';
import type { HashedFields } from './audit.hash.js';

/*
 * Retention of the audit log: entries older than ten years leave the table for the object store,
 * one write-once JSON Lines object per tenant and calendar month (UTC), each line an entry with
 * every field its hash covers and the hash itself. Only whole months at the start of a chain move,
 * and the rows go only once their object is stored, so the chain stays whole: verification reads
 * the archive first and continues with the table from the archive's last hash.
 *
 *   <tenant uuid>/audit/archive/<yyyy>-<mm>.jsonl
 */

/** Entries older than this many years are archived by the daily job. */
export const AUDIT_RETENTION_YEARS = 10;

const prefixOf = (tenantId: string) => `${tenantId}/audit/archive/`;
const keyOf = (tenantId: string, month: string) => `${prefixOf(tenantId)}${month}.jsonl`;

/** One archived entry, as a line of its month's object. */
export interface ArchivedEntry {
  readonly v: 1;
  readonly tenantId: string;
  readonly seq: number;
  readonly id: string;
  readonly occurredAt: string;
  readonly actorType: string;
  readonly actorId: string;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly requestId: string | null;
  readonly clientIp: string | null;
  readonly details: unknown;
  /** Hex, null for a chain's first entry. */
  readonly prevHash: string | null;
  readonly hash: string;
}

interface EntryRow extends HashedFields {
  readonly hash: Buffer;
}

export interface ArchiveReport {
  /** Objects written (one per tenant and month). */
  readonly objects: number;
  /** Entries moved out of the table. */
  readonly entries: number;
  /** Where an archive could not be written (an object of that month with other content exists). */
  readonly refused: readonly { readonly tenantId: string; readonly key: string }[];
}

const monthOf = (at: Date) => at.toISOString().slice(0, 7);

/** The first instant of the UTC month `years` before `now`: entries before it are archived. */
export function archiveCutoff(now: Date, years: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), 1));
}

function line(row: EntryRow): string {
  const entry: ArchivedEntry = {
    v: 1,
    tenantId: row.tenantId,
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    requestId: row.requestId,
    clientIp: row.clientIp,
    details: row.details,
    prevHash: row.prevHash?.toString('hex') ?? null,
    hash: row.hash.toString('hex'),
  };
  return `${JSON.stringify(entry)}\n`;
}

/**
 * Moves every tenant's entries from before the cutoff month (`years` before `now`, default ten) to
 * the archive and out of the table. Idempotent: a run that stopped after storing an object finds
 * it (same bytes) and removes the rows. Runs on the owner connection: it spans tenants and deletes
 * from a table the application may only append to.
 */
export async function archiveAuditEntries(
  owner: Kysely<NoTables>,
  objects: ObjectStore,
  options: { readonly now?: Date; readonly years?: number; readonly tenantId?: string } = {},
): Promise<ArchiveReport> {
  const cutoff = archiveCutoff(options.now ?? new Date(), options.years ?? AUDIT_RETENTION_YEARS);
  const tenants = await sql<{ tenantId: string }>`
    select distinct tenant_id from audit.entries
    where occurred_at < ${cutoff} and ${options.tenantId ? sql`tenant_id = ${options.tenantId}` : sql`true`}`.execute(
    owner,
  );
  let written = 0;
  let moved = 0;
  const refused: { tenantId: string; key: string }[] = [];
  for (const { tenantId } of tenants.rows) {
    // Only the start of the chain moves: nothing after the first entry that is still recent.
    const rows = await sql<EntryRow>`
      select tenant_id, seq, id, occurred_at, actor_type, actor_id, action, target_type, target_id, request_id,
             client_ip, details, prev_hash, hash
      from audit.entries
      where tenant_id = ${tenantId} and occurred_at < ${cutoff}
        and seq < coalesce((select min(seq) from audit.entries
                            where tenant_id = ${tenantId} and occurred_at >= ${cutoff}), 9223372036854775807)
      order by seq`.execute(owner);
    const months = new Map<string, EntryRow[]>();
    for (const row of rows.rows) {
      const month = monthOf(row.occurredAt);
      const list = months.get(month) ?? [];
      list.push(row);
      months.set(month, list);
    }
    for (const [month, entries] of months) {
      const last = entries.at(-1);
      if (!last) continue;
      const key = keyOf(tenantId, month);
      try {
        const put = await objects.put(key, Buffer.from(entries.map(line).join(''), 'utf8'), {
          contentType: 'application/x-ndjson',
          tenantId,
          metadata: { first_seq: String(entries[0]?.seq), last_seq: String(last.seq) },
        });
        if (put.created) written++;
      } catch (error) {
        if (!(error instanceof ObjectExistsError)) throw error;
        refused.push({ tenantId, key });
        break;
      }
      const deleted = await sql`
        delete from audit.entries where tenant_id = ${tenantId} and seq <= ${last.seq}`.execute(owner);
      moved += Number(deleted.numAffectedRows ?? 0n);
    }
  }
  return { objects: written, entries: moved, refused };
}

/** The archived entries of a tenant, oldest first (month by month). */
export async function* archivedEntries(
  objects: ObjectStore,
  tenantId: string,
): AsyncGenerator<ArchivedEntry> {
  const keys: string[] = [];
  for await (const head of objects.list(prefixOf(tenantId))) keys.push(head.key);
  keys.sort();
  for (const key of keys) {
    const body = await text((await objects.get(key)).body);
    for (const entry of body.split('\n')) if (entry !== '') yield JSON.parse(entry) as ArchivedEntry;
  }
}

/** An archived line as the fields its hash covers, and the hash. */
export function archivedFieldsOf(entry: ArchivedEntry): HashedFields & { readonly hash: Buffer } {
  return {
    tenantId: entry.tenantId,
    seq: entry.seq,
    id: entry.id,
    occurredAt: new Date(entry.occurredAt),
    actorType: entry.actorType,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    requestId: entry.requestId,
    clientIp: entry.clientIp,
    details: entry.details,
    prevHash: entry.prevHash === null ? null : Buffer.from(entry.prevHash, 'hex'),
    hash: Buffer.from(entry.hash, 'hex'),
  };
}
