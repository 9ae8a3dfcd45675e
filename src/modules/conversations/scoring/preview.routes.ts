import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { PlatformErrors } from '../../../platform/errors.js';
import type { AnalysisConfigService } from '../analysis-config/analysis-config.service.js';
import { configIdParams, problems } from '../analysis-config/analysis-config.schemas.js';
import type { CategorySet } from '../analysis-config/category.schema.js';
import type { Scorecard } from '../analysis-config/scorecard.schema.js';
import type { ConversationsSealing } from '../sealing.js';
import { evaluateScorecard } from './evaluate-scorecard.js';
import { matchCategories } from './match-categories.js';
import {
  categoriesPreviewBodySchema,
  categoryMatchesSchema,
  newScorecardPreviewBodySchema,
  scorecardEvaluationSchema,
  scorecardPreviewBodySchema,
} from './preview.schemas.js';
import { readStoredCall } from './stored-call.js';

export interface PreviewDeps {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  readonly configs: AnalysisConfigService;
}

/** Evidence quotes the transcript: a preview needs transcripts:read besides analysis:configure. */
function requireTranscripts(request: FastifyRequest) {
  if (!(request.principal?.permissions.has('transcripts:read') ?? false))
    throw PlatformErrors.forbidden('transcripts:read');
}

/**
 * "Test on this call": a scorecard's deterministic rules (llm rules stay pending) against a stored
 * recording's redacted transcript and characteristics. Nothing is stored.
 */
export function scorecardPreview(deps: PreviewDeps) {
  return async (ctx: RequestContext, recordingId: string, scorecard: Scorecard, version: number | null) => {
    const input = await readStoredCall(deps, ctx, recordingId);
    return { recordingId, scorecardVersion: version, ...evaluateScorecard(scorecard, input) };
  };
}

export function scorecardPreviewRoutes(deps: PreviewDeps): FastifyPluginAsyncZod {
  const preview = scorecardPreview(deps);
  const tags = ['conversations'];
  return async (app) => {
    app.post(
      '/preview',
      {
        config: { permission: 'analysis:configure' },
        schema: {
          tags,
          summary:
            'Tries an unsaved scorecard on a stored recording (deterministic rules; nothing is stored)',
          body: newScorecardPreviewBodySchema,
          response: { 200: scorecardEvaluationSchema, ...problems },
        },
      },
      async (request) => {
        requireTranscripts(request);
        return preview(request.ctx, request.body.recordingId, request.body.scorecard, null);
      },
    );
    app.post(
      '/:id/preview',
      {
        config: { permission: 'analysis:configure' },
        schema: {
          tags,
          summary:
            'Tries a scorecard (the body given, or a saved version) on a stored recording: deterministic rules are judged, llm rules stay pending',
          params: configIdParams,
          body: scorecardPreviewBodySchema,
          response: { 200: scorecardEvaluationSchema, ...problems },
        },
      },
      async (request) => {
        requireTranscripts(request);
        const { recordingId, scorecard, version } = request.body;
        // The scorecard must exist (and be this tenant's) even when an edited body is tried.
        const saved = await deps.configs.get(
          request.ctx,
          'scorecard',
          request.params.id,
          version ?? 'latest',
        );
        return preview(request.ctx, recordingId, scorecard ?? saved.body, scorecard ? null : saved.version);
      },
    );
    await Promise.resolve();
  };
}

export function categoriesPreviewRoutes(deps: PreviewDeps): FastifyPluginAsyncZod {
  const run = async (ctx: RequestContext, recordingId: string, set: CategorySet, version: number | null) => {
    const input = await readStoredCall(deps, ctx, recordingId);
    return { recordingId, categorySetVersion: version, matches: matchCategories(set.categories, input) };
  };
  return async (app) => {
    app.post(
      '/:id/preview',
      {
        config: { permission: 'analysis:configure' },
        schema: {
          tags: ['conversations'],
          summary:
            'Which categories of the set (the body given, or a saved version) a stored recording matches',
          params: configIdParams,
          body: categoriesPreviewBodySchema,
          response: { 200: categoryMatchesSchema, ...problems },
        },
      },
      async (request) => {
        requireTranscripts(request);
        const { recordingId, categorySet, version } = request.body;
        const saved = await deps.configs.get(
          request.ctx,
          'category_set',
          request.params.id,
          version ?? 'latest',
        );
        return run(request.ctx, recordingId, categorySet ?? saved.body, categorySet ? null : saved.version);
      },
    );
    await Promise.resolve();
  };
}
