import type { ConversationsTransaction } from '../db/conversations.tables.js';
import { effectiveQa, type EffectiveQa, type StoredQa } from './effective-qa.js';
import { reviewsOf, reviewsOfMany, type QaReviewRow } from './qa-reviews.repo.js';

export const overrideOf = (row: QaReviewRow) => ({
  reviewId: row.id,
  ruleId: row.ruleId,
  reviewer: row.reviewer,
  createdAt: row.createdAt,
  score: row.newScore,
  pass: row.newPass,
});

/** The analysis' evaluation with its reviews applied; null when the analysis had no scorecard. */
export async function effectiveQaOf(
  trx: ConversationsTransaction,
  analysisId: string,
  qa: StoredQa | null,
): Promise<EffectiveQa | null> {
  if (!qa) return null;
  return effectiveQa(qa, (await reviewsOf(trx, analysisId)).map(overrideOf));
}

/**
 * `effectiveQaOf` for a page of analyses, with one query for all their reviews; analyses without a
 * scorecard are left out.
 */
export async function effectiveQaOfMany(
  trx: ConversationsTransaction,
  analyses: readonly { readonly id: string; readonly qa: StoredQa | null }[],
): Promise<Map<string, EffectiveQa>> {
  const answer = new Map<string, EffectiveQa>();
  const reviews = await reviewsOfMany(
    trx,
    analyses.filter((a) => a.qa !== null).map((a) => a.id),
  );
  for (const { id, qa } of analyses) {
    if (qa) answer.set(id, effectiveQa(qa, (reviews.get(id) ?? []).map(overrideOf)));
  }
  return answer;
}
