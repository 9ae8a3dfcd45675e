import type { TenantTransaction } from '../../platform/db/index.js';
import type { AuditQuery } from './contract.js';

/**
 * The audit module has no schema of its own: it reads the kernel's append-only log
 * (`audit.entries`, written by platform/audit), under row-level security like any tenant table.
 */

export interface AuditEntryRow {
  readonly seq: number;
  readonly id: string;
  readonly occurredAt: Date;
  readonly actorType: string;
  readonly actorId: string;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly requestId: string | null;
  readonly clientIp: string | null;
  readonly details: Record<string, unknown>;
}

export type AuditTables = { 'audit.entries': AuditEntryRow & { readonly tenantId: string } };

/** What a listed entry carries: everything but the hash chain. */
const entryColumns = [
  'seq',
  'id',
  'occurredAt',
  'actorType',
  'actorId',
  'action',
  'targetType',
  'targetId',
  'requestId',
  'clientIp',
  'details',
] as const;

/** Newest first, one more than `limit` so the caller knows whether a next page exists. */
export async function listEntries(
  trx: TenantTransaction<AuditTables>,
  query: AuditQuery,
): Promise<AuditEntryRow[]> {
  let q = trx.selectFrom('audit.entries').select(entryColumns);
  if (query.actorId) q = q.where('actorId', '=', query.actorId);
  if (query.action)
    q = query.action.endsWith('.')
      ? q.where('action', 'like', `${query.action.replace(/[%_\\]/g, '\\$&')}%`)
      : q.where('action', '=', query.action);
  if (query.from) q = q.where('occurredAt', '>=', query.from);
  if (query.to) q = q.where('occurredAt', '<', query.to);
  if (query.before !== undefined) q = q.where('seq', '<', query.before);
  return q
    .orderBy('seq', 'desc')
    .limit(query.limit + 1)
    .execute();
}

/** The entries these actors wrote, newest first. */
export async function entriesByActors(
  trx: TenantTransaction<AuditTables>,
  actorIds: readonly string[],
  limit: number,
): Promise<AuditEntryRow[]> {
  return trx
    .selectFrom('audit.entries')
    .select(entryColumns)
    .where('actorId', 'in', actorIds)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}
