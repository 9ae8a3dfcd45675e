import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { problems } from '../analysis-config/analysis-config.schemas.js';
import { existingRecordingUuid } from '../recordings/existing-recording.js';
import type { EffectiveQa } from './effective-qa.js';
import {
  disputeBodySchema,
  disputeListQuerySchema,
  disputeListSchema,
  disputeParams,
  disputeSchema,
  overrideBodySchema,
  overrideResponseSchema,
  recordingParams,
  resolveBodySchema,
  resolveResponseSchema,
  reviewHistorySchema,
  ruleParams,
} from './qa-reviews.schemas.js';
import type { QaReviewsService } from './qa-reviews.service.js';

const figuresOf = (qa: EffectiveQa) => ({
  qaScore: qa.score,
  grade: qa.grade,
  machineQaScore: qa.machine.score,
  machineGrade: qa.machine.grade,
});

/**
 * `/recordings/{id}/analysis/…`: a reviewer overrides a rule (qa:review), an agent disputes the
 * evaluation (qa:dispute), a reviewer resolves the dispute (qa:review); the history is read with
 * analysis:read. Every change is audited by the service.
 */
export function qaReviewRoutes(deps: {
  readonly database: Database;
  readonly reviews: QaReviewsService;
}): FastifyPluginAsyncZod {
  const recordingUuid = (ctx: RequestContext, id: string) => existingRecordingUuid(deps.database, ctx, id);
  return async (app) => {
    app.post(
      '/:id/analysis/rules/:ruleId/override',
      {
        config: { permission: 'qa:review' },
        schema: {
          tags: ['conversations'],
          summary:
            "Overrides one rule's score and pass on the current analysis (audited): the overall score and grade are computed again, the final document rewritten",
          params: ruleParams,
          body: overrideBodySchema,
          response: { 201: overrideResponseSchema, ...problems },
        },
      },
      async (request, reply) => {
        const ctx = { ...request.ctx, clientIp: request.ip };
        const uuid = await recordingUuid(ctx, request.params.id);
        const done = await deps.reviews.override(ctx, uuid, request.params.ruleId, request.body);
        return reply.code(201).send({ review: done.review, effective: figuresOf(done.qa) });
      },
    );
    app.get(
      '/:id/analysis/reviews',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags: ['conversations'],
          summary: "The current analysis' overrides and disputes, newest first",
          params: recordingParams,
          response: { 200: reviewHistorySchema, ...problems },
        },
      },
      async (request) => {
        const uuid = await recordingUuid(request.ctx, request.params.id);
        return deps.reviews.history(request.ctx, uuid);
      },
    );
    app.post(
      '/:id/analysis/disputes',
      {
        config: { permission: 'qa:dispute' },
        schema: {
          tags: ['conversations'],
          summary: 'Disputes one rule (ruleId) or the whole QA evaluation of the current analysis (audited)',
          params: recordingParams,
          body: disputeBodySchema,
          response: { 201: disputeSchema, ...problems },
        },
      },
      async (request, reply) => {
        const ctx = { ...request.ctx, clientIp: request.ip };
        const uuid = await recordingUuid(ctx, request.params.id);
        return reply.code(201).send(await deps.reviews.raiseDispute(ctx, uuid, request.body));
      },
    );
    app.post(
      '/:id/analysis/disputes/:disputeId/resolve',
      {
        config: { permission: 'qa:review' },
        schema: {
          tags: ['conversations'],
          summary:
            'Accepts or rejects an open dispute with a comment (audited); accepting a rule’s dispute may override the rule at once',
          params: disputeParams,
          body: resolveBodySchema,
          response: { 200: resolveResponseSchema, ...problems },
        },
      },
      async (request) => {
        const ctx = { ...request.ctx, clientIp: request.ip };
        const uuid = await recordingUuid(ctx, request.params.id);
        const done = await deps.reviews.resolveDispute(ctx, uuid, request.params.disputeId, request.body);
        return { dispute: done.dispute, review: done.review, effective: done.qa ? figuresOf(done.qa) : null };
      },
    );
    await Promise.resolve();
  };
}

/** `/conversations/disputes`: the tenant's disputes for reviewers (`?state=open` is the queue). */
export function disputesRoutes(reviews: QaReviewsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'qa:review' },
        schema: {
          tags: ['conversations'],
          summary: "The tenant's QA disputes, newest first; state=open is the reviewers' queue",
          querystring: disputeListQuerySchema,
          response: { 200: disputeListSchema, ...problems },
        },
      },
      async (request) => reviews.listDisputes(request.ctx, request.query),
    );
    await Promise.resolve();
  };
}
