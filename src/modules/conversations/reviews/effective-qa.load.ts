import type { ConversationsTransaction } from '../db/conversations.tables.js';
import { effectiveQa, type EffectiveQa, type StoredQa } from './effective-qa.js';
import { reviewsOf, type QaReviewRow } from './qa-reviews.repo.js';

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
