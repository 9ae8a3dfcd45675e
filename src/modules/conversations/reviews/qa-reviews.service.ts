import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { AnalysisResult } from '../analyses/analyse-call.js';
import { currentAnalysis, type AnalysisRow } from '../analyses/analyses.repo.js';
import type {
  ConversationsTables,
  ConversationsTransaction,
  QaDisputeState,
  QaRuleStatus,
} from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import { sealingAad, type ConversationsSealing } from '../sealing.js';
import { effectiveQa, type EffectiveQa } from './effective-qa.js';
import { overrideOf } from './effective-qa.load.js';
import {
  disputesOf,
  insertDispute,
  insertReview,
  listDisputes,
  lockAnalysis,
  lockDispute,
  resolveDispute,
  reviewsOf,
  setEffectiveQa,
  type QaDisputeRow,
  type QaReviewRow,
} from './qa-reviews.repo.js';

export interface QaReviewsDeps {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  readonly audit: AuditLog;
}

export interface OverrideInput {
  readonly score: number;
  readonly pass: boolean;
  readonly reason: string;
}

export interface ReviewView {
  readonly id: string;
  readonly analysisId: string;
  readonly recordingId: string;
  readonly ruleId: string;
  readonly reviewer: string;
  readonly original: {
    readonly status: QaRuleStatus;
    readonly score: number | null;
    readonly pass: boolean | null;
  };
  readonly score: number;
  readonly pass: boolean;
  readonly reason: string;
  readonly disputeId: string | null;
  readonly createdAt: string;
}

export interface DisputeView {
  readonly id: string;
  readonly analysisId: string;
  readonly recordingId: string;
  /** Null: the whole evaluation is disputed. */
  readonly ruleId: string | null;
  readonly raisedBy: string;
  readonly comment: string;
  readonly state: QaDisputeState;
  readonly resolvedBy: string | null;
  readonly resolution: string | null;
  readonly resolvedAt: string | null;
  readonly createdAt: string;
}

export interface OverrideOutcome {
  readonly review: ReviewView;
  readonly qa: EffectiveQa;
}

const auditTarget = (recordingUuid: string) => ({ type: 'recording', id: toPublicId('rec', recordingUuid) });

/**
 * Reviewers' overrides of a rule's score and agents' disputes of an evaluation, on the recording's
 * current analysis. The sealed analysis result never changes: overrides are rows of their own, the
 * effective evaluation is computed from both (effective-qa.ts), and the analysis row's qa_score and
 * grade are set to it so that search and dashboards see what reviewers decided. Every action is
 * audited in the transaction that makes it.
 */
export function createQaReviews(deps: QaReviewsDeps) {
  const { database, sealing, audit } = deps;
  const inTenant = <T>(ctx: RequestContext, fn: (trx: ConversationsTransaction) => Promise<T>) =>
    database.withTenant<ConversationsTables, T>(ctx, fn);

  const resultOf = (ctx: RequestContext, row: AnalysisRow) =>
    sealing.unsealJson<AnalysisResult>(ctx.tenantId, row.resultSealed, sealingAad.analysis(row.id));

  const reviewView = async (ctx: RequestContext, row: QaReviewRow): Promise<ReviewView> => ({
    id: toPublicId('review', row.id),
    analysisId: toPublicId('ana', row.analysisId),
    recordingId: toPublicId('rec', row.recordingId),
    ruleId: row.ruleId,
    reviewer: row.reviewer,
    original: { status: row.originalStatus, score: row.originalScore, pass: row.originalPass },
    score: row.newScore,
    pass: row.newPass,
    reason: await sealing.unsealJson<string>(ctx.tenantId, row.reasonSealed, sealingAad.qaReview(row.id)),
    disputeId: row.disputeId ? toPublicId('dispute', row.disputeId) : null,
    createdAt: row.createdAt.toISOString(),
  });

  const disputeView = async (ctx: RequestContext, row: QaDisputeRow): Promise<DisputeView> => ({
    id: toPublicId('dispute', row.id),
    analysisId: toPublicId('ana', row.analysisId),
    recordingId: toPublicId('rec', row.recordingId),
    ruleId: row.ruleId,
    raisedBy: row.raisedBy,
    comment: await sealing.unsealJson<string>(ctx.tenantId, row.commentSealed, sealingAad.qaDispute(row.id)),
    state: row.state,
    resolvedBy: row.resolvedBy,
    resolution: row.resolutionSealed
      ? await sealing.unsealJson<string>(
          ctx.tenantId,
          row.resolutionSealed,
          sealingAad.qaDisputeResolution(row.id),
        )
      : null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  });

  /** Within a transaction holding the analysis row: adds the review, sets the effective figures, audits. */
  const applyOverride = async (
    trx: ConversationsTransaction,
    ctx: AuditContext,
    analysis: AnalysisRow,
    result: AnalysisResult,
    field: string,
    ruleId: string,
    input: OverrideInput,
    disputeId: string | null,
  ) => {
    const qa = result.qa;
    if (!qa) throw ConversationsErrors.noQaEvaluation();
    const rule = qa.rules.find((r) => r.ruleId === ruleId);
    if (!rule) throw ConversationsErrors.qaRuleNotFound(field, ruleId);
    const before = effectiveQa(qa, (await reviewsOf(trx, analysis.id)).map(overrideOf));
    const id = newUuid();
    const review = await insertReview(trx, {
      id,
      tenantId: ctx.tenantId,
      analysisId: analysis.id,
      recordingId: analysis.recordingId,
      ruleId,
      reviewer: ctx.actor.id,
      originalStatus: rule.status,
      originalScore: rule.score,
      originalPass: rule.pass,
      newScore: input.score,
      newPass: input.pass,
      reasonSealed: await sealing.sealJson(ctx.tenantId, input.reason, sealingAad.qaReview(id)),
      disputeId,
    });
    const after = effectiveQa(qa, (await reviewsOf(trx, analysis.id)).map(overrideOf));
    await setEffectiveQa(trx, analysis.id, {
      qaScore: after.score,
      grade: after.grade,
      reviewedAt: review.createdAt,
    });
    const previous = before.rules.find((r) => r.ruleId === ruleId);
    await audit.append(trx, ctx, {
      action: 'conversations.qa_rule_overridden',
      target: auditTarget(analysis.recordingId),
      // The reason stays sealed in the review row; the audit log carries the figures.
      details: {
        analysisId: toPublicId('ana', analysis.id),
        reviewId: toPublicId('review', id),
        ruleId,
        from: { score: previous?.score ?? null, pass: previous?.pass ?? null },
        to: { score: input.score, pass: input.pass },
        grade: { from: before.grade, to: after.grade },
        qaScore: { from: before.score, to: after.score },
        ...(disputeId ? { disputeId: toPublicId('dispute', disputeId) } : {}),
      },
    });
    return { review, qa: after };
  };

  const currentWithResult = async (
    trx: ConversationsTransaction,
    ctx: RequestContext,
    recordingUuid: string,
  ) => {
    const analysis = await currentAnalysis(trx, recordingUuid, { forUpdate: true });
    if (!analysis) throw ConversationsErrors.noAnalysis();
    return { analysis, result: await resultOf(ctx, analysis) };
  };

  return {
    /**
     * Overrides one rule of the recording's current analysis. The `final/` document is not
     * rewritten: the object store is write-once (see docs/conversations-scoring.md).
     */
    async override(
      ctx: AuditContext,
      recordingUuid: string,
      ruleId: string,
      input: OverrideInput,
    ): Promise<OverrideOutcome> {
      const done = await inTenant(ctx, async (trx) => {
        const { analysis, result } = await currentWithResult(trx, ctx, recordingUuid);
        const applied = await applyOverride(trx, ctx, analysis, result, 'params.ruleId', ruleId, input, null);
        return applied;
      });
      return { review: await reviewView(ctx, done.review), qa: done.qa };
    },

    /** The current analysis' reviews and disputes, newest first. */
    async history(ctx: RequestContext, recordingUuid: string) {
      const found = await inTenant(ctx, async (trx) => {
        const { analysis } = await currentWithResult(trx, ctx, recordingUuid);
        return {
          analysis,
          reviews: await reviewsOf(trx, analysis.id),
          disputes: await disputesOf(trx, analysis.id),
        };
      });
      return {
        analysisId: toPublicId('ana', found.analysis.id),
        machine: { qaScore: found.analysis.machineQaScore, grade: found.analysis.machineGrade },
        effective: { qaScore: found.analysis.qaScore, grade: found.analysis.grade },
        reviews: await Promise.all(found.reviews.map((row) => reviewView(ctx, row))),
        disputes: await Promise.all(found.disputes.map((row) => disputeView(ctx, row))),
      };
    },

    /** The effective evaluation of an analysis (the current-analysis GET shows it). */
    async effective(ctx: RequestContext, analysisId: string, qa: AnalysisResult['qa']) {
      if (!qa) return null;
      const reviews = await inTenant(ctx, (trx) => reviewsOf(trx, analysisId));
      return effectiveQa(qa, reviews.map(overrideOf));
    },

    /** An agent contests one rule (ruleId) or the whole evaluation (no ruleId) of the current analysis. */
    async raiseDispute(
      ctx: AuditContext,
      recordingUuid: string,
      input: { readonly ruleId?: string | undefined; readonly comment: string },
    ): Promise<DisputeView> {
      const row = await inTenant(ctx, async (trx) => {
        const { analysis, result } = await currentWithResult(trx, ctx, recordingUuid);
        if (!result.qa) throw ConversationsErrors.noQaEvaluation();
        if (input.ruleId !== undefined && !result.qa.rules.some((r) => r.ruleId === input.ruleId))
          throw ConversationsErrors.qaRuleNotFound('body.ruleId', input.ruleId);
        const id = newUuid();
        const dispute = await insertDispute(trx, {
          id,
          tenantId: ctx.tenantId,
          analysisId: analysis.id,
          recordingId: analysis.recordingId,
          ruleId: input.ruleId ?? null,
          raisedBy: ctx.actor.id,
          commentSealed: await sealing.sealJson(ctx.tenantId, input.comment, sealingAad.qaDispute(id)),
        });
        await audit.append(trx, ctx, {
          action: 'conversations.qa_dispute_raised',
          target: auditTarget(analysis.recordingId),
          details: {
            analysisId: toPublicId('ana', analysis.id),
            disputeId: toPublicId('dispute', id),
            ruleId: input.ruleId ?? null,
          },
        });
        return dispute;
      });
      return disputeView(ctx, row);
    },

    /**
     * A reviewer accepts or rejects an open dispute, with a comment. Accepting a rule's dispute may
     * carry the override it leads to (score and pass; the comment is its reason), made in the same
     * transaction, on the analysis the dispute was raised on (which must still be current).
     */
    async resolveDispute(
      ctx: AuditContext,
      recordingUuid: string,
      disputeId: string,
      input: {
        readonly outcome: 'accepted' | 'rejected';
        readonly comment: string;
        readonly override?: { readonly score: number; readonly pass: boolean } | undefined;
      },
    ): Promise<{ dispute: DisputeView; review: ReviewView | null; qa: EffectiveQa | null }> {
      const uuid = fromPublicId('dispute', disputeId);
      if (!uuid) throw ConversationsErrors.disputeNotFound();
      const done = await inTenant(ctx, async (trx) => {
        const dispute = await lockDispute(trx, uuid);
        if (!dispute || dispute.recordingId !== recordingUuid) throw ConversationsErrors.disputeNotFound();
        if (dispute.state !== 'open') throw ConversationsErrors.disputeResolved(dispute.state);
        let applied: { review: QaReviewRow; qa: EffectiveQa } | null = null;
        if (input.override) {
          if (input.outcome !== 'accepted')
            throw ConversationsErrors.disputeOverrideRefused(
              'body.override',
              'only an accepted dispute overrides a rule',
            );
          if (dispute.ruleId === null)
            throw ConversationsErrors.disputeOverrideRefused(
              'body.override',
              'the dispute is about the whole evaluation: override its rules one by one',
            );
          const analysis = await lockAnalysis(trx, dispute.analysisId);
          if (!analysis?.isCurrent)
            throw ConversationsErrors.disputeOverrideRefused(
              'body.override',
              'the recording was analysed again since the dispute was raised',
            );
          const result = await resultOf(ctx, analysis);
          applied = await applyOverride(
            trx,
            ctx,
            analysis,
            result,
            'body.override',
            dispute.ruleId,
            { ...input.override, reason: input.comment },
            dispute.id,
          );
        }
        const resolved = await resolveDispute(trx, uuid, {
          state: input.outcome,
          resolvedBy: ctx.actor.id,
          resolutionSealed: await sealing.sealJson(
            ctx.tenantId,
            input.comment,
            sealingAad.qaDisputeResolution(uuid),
          ),
          resolvedAt: new Date(),
        });
        if (!resolved) throw ConversationsErrors.disputeResolved('resolved');
        await audit.append(trx, ctx, {
          action: 'conversations.qa_dispute_resolved',
          target: auditTarget(dispute.recordingId),
          details: {
            analysisId: toPublicId('ana', dispute.analysisId),
            disputeId: toPublicId('dispute', uuid),
            ruleId: dispute.ruleId,
            outcome: input.outcome,
            reviewId: applied ? toPublicId('review', applied.review.id) : null,
          },
        });
        return { dispute: resolved, applied };
      });
      return {
        dispute: await disputeView(ctx, done.dispute),
        review: done.applied ? await reviewView(ctx, done.applied.review) : null,
        qa: done.applied?.qa ?? null,
      };
    },

    /** The tenant's disputes (open ones for a reviewer's queue), newest first, by pages. */
    async listDisputes(
      ctx: RequestContext,
      filter: {
        readonly state?: QaDisputeState | undefined;
        readonly limit: number;
        readonly cursor?: string | undefined;
      },
    ) {
      const beforeId = filter.cursor === undefined ? undefined : fromPublicId('dispute', filter.cursor);
      if (filter.cursor !== undefined && !beforeId)
        throw ConversationsErrors.invalidFilter('querystring.cursor', 'is not a cursor this list gave');
      const rows = await inTenant(ctx, (trx) =>
        listDisputes(trx, {
          ...(filter.state ? { state: filter.state } : {}),
          limit: filter.limit + 1,
          ...(beforeId ? { beforeId } : {}),
        }),
      );
      const page = rows.slice(0, filter.limit);
      const last = page.at(-1);
      return {
        items: await Promise.all(
          page.map(async (row) => ({
            ...(await disputeView(ctx, row)),
            analysisIsCurrent: row.analysisIsCurrent,
          })),
        ),
        nextCursor: rows.length > filter.limit && last ? toPublicId('dispute', last.id) : null,
      };
    },
  };
}

export type QaReviewsService = ReturnType<typeof createQaReviews>;
