import { sql, type Kysely } from 'kysely';
import type { NoTables } from '../db/index.js';
import type { ObjectStore } from '../objects/index.js';
import { archivedEntries, archivedFieldsOf } from './audit.archive.js';
import { entryHash } from './audit.hash.js';

export interface ChainBreak {
  readonly tenantId: string;
  readonly seq: number;
  readonly reason: 'hash_mismatch' | 'missing_entry' | 'broken_link' | 'truncated';
  readonly detail: string;
}

export interface VerifyReport {
  readonly tenants: number;
  readonly entries: number;
  /** The first broken link of each tenant whose chain is broken. */
  readonly breaks: readonly ChainBreak[];
}

interface EntryRow {
  tenantId: string;
  seq: number;
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  clientIp: string | null;
  details: unknown;
  prevHash: Buffer | null;
  hash: Buffer;
}

const pageSize = 2_000;

/**
 * Recomputes every tenant's chain (or one tenant's) from the first entry and reports the first
 * broken link of each: an entry whose content no longer matches its hash (edited), a gap in the
 * sequence (deleted), a link that does not point at its predecessor, or a chain shorter than its
 * recorded head (cut from the end). With the archive, a chain starts in its archived months and
 * continues in the table. Runs on the owner connection because it spans tenants.
 */
export async function verifyAuditChains(
  owner: Kysely<NoTables>,
  options: {
    readonly tenantId?: string;
    /** Where the archive job moved old entries (archive.ts); without it, a chain must start in the table. */
    readonly archive?: ObjectStore;
  } = {},
): Promise<VerifyReport> {
  const heads = await sql<{ tenantId: string; seq: number; hash: Buffer }>`
    select tenant_id, seq, hash from audit.heads
    where ${options.tenantId ? sql`tenant_id = ${options.tenantId}` : sql`true`}`.execute(owner);
  const headOf = new Map(heads.rows.map((h) => [h.tenantId, h]));
  const tenants = await sql<{ tenantId: string }>`
    select distinct tenant_id from audit.entries
    where ${options.tenantId ? sql`tenant_id = ${options.tenantId}` : sql`true`}`.execute(owner);
  const tenantIds = new Set([...tenants.rows.map((r) => r.tenantId), ...headOf.keys()]);

  const breaks: ChainBreak[] = [];
  let entries = 0;
  for (const tenantId of [...tenantIds].sort()) {
    let expectedSeq = 1;
    let previousHash = null as Buffer | null;
    let broken = undefined as ChainBreak | undefined;
    /** Checks the next entry of the chain; false once the chain is broken. */
    const follows = (row: EntryRow): boolean => {
      entries++;
      if (row.seq !== expectedSeq) {
        broken = {
          tenantId,
          seq: expectedSeq,
          reason: 'missing_entry',
          detail: `entry ${expectedSeq} is missing (next is ${row.seq})`,
        };
        return false;
      }
      const linked =
        previousHash === null ? row.prevHash === null : row.prevHash?.equals(previousHash) === true;
      if (!linked) {
        broken = {
          tenantId,
          seq: row.seq,
          reason: 'broken_link',
          detail: `entry ${row.seq} does not link to entry ${row.seq - 1}`,
        };
        return false;
      }
      if (!entryHash(row).equals(row.hash)) {
        broken = {
          tenantId,
          seq: row.seq,
          reason: 'hash_mismatch',
          detail: `entry ${row.seq} was altered after it was written`,
        };
        return false;
      }
      previousHash = row.hash;
      expectedSeq++;
      return true;
    };
    // The archived months first: the table continues the chain from the archive's last hash.
    if (options.archive) {
      for await (const archived of archivedEntries(options.archive, tenantId)) {
        if (!follows({ ...archivedFieldsOf(archived), tenantId })) break;
      }
    }
    for (let after = expectedSeq - 1; !broken;) {
      const page = await sql<EntryRow>`
        select tenant_id, seq, id, occurred_at, actor_type, actor_id, action, target_type, target_id, request_id,
               client_ip, details, prev_hash, hash
        from audit.entries where tenant_id = ${tenantId} and seq > ${after} order by seq limit ${pageSize}`.execute(
        owner,
      );
      for (const row of page.rows) if (!follows(row)) break;
      if (page.rows.length < pageSize) break;
      after = page.rows.at(-1)?.seq ?? after;
    }
    const head = headOf.get(tenantId);
    if (!broken && head && (head.seq !== expectedSeq - 1 || !previousHash?.equals(head.hash))) {
      broken = {
        tenantId,
        seq: expectedSeq,
        reason: 'truncated',
        detail: `the chain ends at entry ${expectedSeq - 1} but its head records entry ${head.seq}`,
      };
    }
    if (broken) breaks.push(broken);
  }
  return { tenants: tenantIds.size, entries, breaks };
}
