import type { Insertable, Selectable } from 'kysely';
import type {
  ConversationsTransaction,
  QaDisputeState,
  QaDisputesTable,
  QaReviewsTable,
} from '../db/conversations.tables.js';
import type { AnalysisRow } from '../analyses/analyses.repo.js';

export type QaReviewRow = Selectable<QaReviewsTable>;
export type QaDisputeRow = Selectable<QaDisputesTable>;

export async function lockAnalysis(
  trx: ConversationsTransaction,
  analysisId: string,
): Promise<AnalysisRow | undefined> {
  return trx
    .selectFrom('conversations.analyses')
    .selectAll()
    .where('id', '=', analysisId)
    .forUpdate()
    .executeTakeFirst();
}

/** Every review of the analysis, newest first. */
export async function reviewsOf(trx: ConversationsTransaction, analysisId: string): Promise<QaReviewRow[]> {
  return trx
    .selectFrom('conversations.qa_reviews')
    .selectAll()
    .where('analysisId', '=', analysisId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The reviews of several analyses at once (exports read a page of them), newest first per analysis. */
export async function reviewsOfMany(
  trx: ConversationsTransaction,
  analysisIds: readonly string[],
): Promise<Map<string, QaReviewRow[]>> {
  const byAnalysis = new Map<string, QaReviewRow[]>();
  if (analysisIds.length === 0) return byAnalysis;
  const rows = await trx
    .selectFrom('conversations.qa_reviews')
    .selectAll()
    .where('analysisId', 'in', analysisIds)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) {
    const list = byAnalysis.get(row.analysisId);
    if (list) list.push(row);
    else byAnalysis.set(row.analysisId, [row]);
  }
  return byAnalysis;
}

export async function insertReview(
  trx: ConversationsTransaction,
  row: Insertable<QaReviewsTable>,
): Promise<QaReviewRow> {
  return trx.insertInto('conversations.qa_reviews').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The effective figures search and dashboards read; the machine's stay in machine_*. */
export async function setEffectiveQa(
  trx: ConversationsTransaction,
  analysisId: string,
  figures: { qaScore: number | null; grade: AnalysisRow['grade']; reviewedAt: Date },
): Promise<void> {
  await trx.updateTable('conversations.analyses').set(figures).where('id', '=', analysisId).execute();
}

export async function disputesOf(trx: ConversationsTransaction, analysisId: string): Promise<QaDisputeRow[]> {
  return trx
    .selectFrom('conversations.qa_disputes')
    .selectAll()
    .where('analysisId', '=', analysisId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertDispute(
  trx: ConversationsTransaction,
  row: Insertable<QaDisputesTable>,
): Promise<QaDisputeRow> {
  return trx.insertInto('conversations.qa_disputes').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function lockDispute(
  trx: ConversationsTransaction,
  disputeId: string,
): Promise<QaDisputeRow | undefined> {
  return trx
    .selectFrom('conversations.qa_disputes')
    .selectAll()
    .where('id', '=', disputeId)
    .forUpdate()
    .executeTakeFirst();
}

/** open -> accepted | rejected, once: a dispute resolved meanwhile is not touched (undefined). */
export async function resolveDispute(
  trx: ConversationsTransaction,
  disputeId: string,
  resolution: {
    state: Exclude<QaDisputeState, 'open'>;
    resolvedBy: string;
    resolutionSealed: Buffer;
    resolvedAt: Date;
  },
): Promise<QaDisputeRow | undefined> {
  return trx
    .updateTable('conversations.qa_disputes')
    .set(resolution)
    .where('id', '=', disputeId)
    .where('state', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

/**
 * The tenant's disputes, newest first (ids are UUIDv7, ordered by creation), with whether their
 * analysis is still the recording's current one.
 */
export async function listDisputes(
  trx: ConversationsTransaction,
  filter: { state?: QaDisputeState; limit: number; beforeId?: string },
): Promise<(QaDisputeRow & { analysisIsCurrent: boolean })[]> {
  let query = trx
    .selectFrom('conversations.qa_disputes as d')
    .innerJoin('conversations.analyses as a', 'a.id', 'd.analysisId')
    .selectAll('d')
    .select('a.isCurrent as analysisIsCurrent');
  if (filter.state) query = query.where('d.state', '=', filter.state);
  if (filter.beforeId) query = query.where('d.id', '<', filter.beforeId);
  return query.orderBy('d.id', 'desc').limit(filter.limit).execute();
}
