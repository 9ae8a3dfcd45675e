import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';
import type {
  PrivacyTables,
  PrivacyTransaction,
  RequestStepsTable,
  RequestsTable,
} from '../db/privacy.tables.js';

/** The SQL of data-subject requests; row-level security narrows every tenant query to the transaction's tenant. */

export type RequestRow = Selectable<RequestsTable>;
export type StepRow = Selectable<RequestStepsTable>;

const effectiveDue = sql<Date>`coalesce(extended_due_at, due_at)`;
export const openStatuses = ['received', 'verifying', 'in_progress'] as const;

export async function insertRequest(
  trx: PrivacyTransaction,
  row: Insertable<RequestsTable>,
): Promise<RequestRow> {
  return trx.insertInto('privacy.requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findRequest(
  trx: PrivacyTransaction,
  id: string,
  options: { readonly forUpdate?: boolean } = {},
): Promise<RequestRow | undefined> {
  const query = trx.selectFrom('privacy.requests').selectAll().where('id', '=', id);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateRequest(
  trx: PrivacyTransaction,
  id: string,
  patch: Updateable<RequestsTable>,
): Promise<RequestRow> {
  return trx
    .updateTable('privacy.requests')
    .set({ ...patch, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The queue: soonest (extended) deadline first. */
export async function listRequests(
  trx: PrivacyTransaction,
  filter: { readonly status?: string | undefined; readonly dueBefore?: Date | undefined },
): Promise<RequestRow[]> {
  let query = trx.selectFrom('privacy.requests').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.dueBefore) query = query.where(effectiveDue, '<', filter.dueBefore);
  return query.orderBy(effectiveDue, 'asc').orderBy('receivedAt', 'asc').limit(500).execute();
}

/** A client's own requests, newest first. */
export async function listForRequester(trx: PrivacyTransaction, userId: string): Promise<RequestRow[]> {
  return trx
    .selectFrom('privacy.requests')
    .selectAll()
    .where('requesterUserId', '=', userId)
    .orderBy('receivedAt', 'desc')
    .limit(200)
    .execute();
}

export async function insertStep(trx: PrivacyTransaction, row: Insertable<RequestStepsTable>): Promise<void> {
  await trx
    .insertInto('privacy.request_steps')
    .values({ ...row, details: JSON.stringify(row.details ?? {}) })
    .execute();
}

export async function stepsOf(trx: PrivacyTransaction, requestId: string): Promise<StepRow[]> {
  return trx
    .selectFrom('privacy.request_steps')
    .selectAll()
    .where('requestId', '=', requestId)
    .orderBy('at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

const owner = (db: Kysely<NoTables>) => db.withTables<PrivacyTables>();

/** Open requests of every tenant whose deadline is within `days` and that were not reminded for it yet. */
export async function dueForReminder(
  db: Kysely<NoTables>,
  now: Date,
  days: 7 | 2,
): Promise<Pick<RequestRow, 'id' | 'tenantId' | 'dueAt' | 'extendedDueAt'>[]> {
  const column = days === 7 ? 'weekReminderAt' : 'finalReminderAt';
  return owner(db)
    .selectFrom('privacy.requests')
    .select(['id', 'tenantId', 'dueAt', 'extendedDueAt'])
    .where('status', 'in', openStatuses)
    .where(column, 'is', null)
    .where(effectiveDue, '<=', new Date(now.getTime() + days * 86_400_000))
    .where(effectiveDue, '>', now)
    .limit(1000)
    .execute();
}

/**
 * Verified requests of every tenant whose last run failed or stopped half-way (a crash): what the
 * resume job processes again, from where their trail left off.
 */
export async function stalled(
  db: Kysely<NoTables>,
  now: Date,
): Promise<Pick<RequestRow, 'id' | 'tenantId'>[]> {
  const staleBefore = new Date(now.getTime() - 15 * 60_000);
  return owner(db)
    .selectFrom('privacy.requests')
    .select(['id', 'tenantId'])
    .where('status', '=', 'in_progress')
    .where('verifiedAt', 'is not', null)
    .where('kind', 'in', ['access', 'erasure', 'restriction'])
    .where('attempts', '<', 10)
    .where((eb) =>
      eb.or([
        eb.and([eb('processingStartedAt', 'is', null), eb('lastError', 'is not', null)]),
        eb('processingStartedAt', '<', staleBefore),
      ]),
    )
    .limit(100)
    .execute();
}

/** Access packages whose link expired (any tenant): their objects are deleted by the daily job. */
export async function expiredExports(
  db: Kysely<NoTables>,
  now: Date,
): Promise<Pick<RequestRow, 'id' | 'tenantId' | 'exportObjectKey'>[]> {
  return owner(db)
    .selectFrom('privacy.requests')
    .select(['id', 'tenantId', 'exportObjectKey'])
    .where('exportObjectKey', 'is not', null)
    .where('exportExpiresAt', '<', now)
    .limit(1000)
    .execute();
}

export async function forgetExport(db: Kysely<NoTables>, id: string): Promise<void> {
  await owner(db)
    .updateTable('privacy.requests')
    .set({ exportObjectKey: null })
    .where('id', '=', id)
    .execute();
}
