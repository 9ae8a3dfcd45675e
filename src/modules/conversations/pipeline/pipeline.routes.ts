import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import { languageTagSchema } from '../settings/conversation-settings.js';
import type { PipelineService, RecordingRun } from './pipeline.service.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema } as const;
const notFound = { 404: problemSchema } as const;
const conflict = { 409: problemSchema } as const;
const auditContext = (request: FastifyRequest) => ({ ...request.ctx, clientIp: request.ip });

const recordingParams = z.object({ recordingId: z.string().min(1).max(64).describe('rec_...') });

const stepSchema = z.object({
  name: z.string(),
  outcome: z.enum(['done', 'skipped', 'failed']),
  provider: z.string(),
  version: z.string(),
  configHash: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

export const recordingRunSchema = z
  .object({
    id: z.string().describe('run_...'),
    recordingId: z.string().describe('rec_...'),
    reason: z.enum(['received', 'rerun']),
    state: z.enum(['running', 'succeeded', 'failed']),
    options: z.object({ provider: z.string().optional(), language: z.string().optional() }),
    steps: z.array(stepSchema).describe('What each step did: provider, version and configuration hash'),
    failureCode: z.string().nullable(),
    failureReason: z.string().nullable().describe('Why the run failed, in words a user can act on'),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'RecordingRun' });

const rerunBodySchema = z
  .object({
    provider: z.string().min(1).max(64).optional().describe('Transcription provider for this run only'),
    language: languageTagSchema.optional().describe('Language of the recording for this run only'),
  })
  .strict()
  .meta({ id: 'RecordingRerun' });

const toBody = (run: RecordingRun): z.infer<typeof recordingRunSchema> => ({
  ...run,
  steps: [...run.steps],
  startedAt: run.startedAt.toISOString(),
  finishedAt: run.finishedAt?.toISOString() ?? null,
});

/** `/recordings/{id}/runs`: the pipeline's runs of a recording, and a new run on demand. */
export function pipelineRoutes(pipeline: PipelineService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/:recordingId/runs',
      {
        config: { permission: 'recordings:read' },
        schema: {
          tags: ['conversations'],
          summary: "Every pipeline run of the recording, newest first, with each step's provenance",
          params: recordingParams,
          response: { 200: z.object({ items: z.array(recordingRunSchema) }), ...problems, ...notFound },
        },
      },
      async (request) => ({
        items: (await pipeline.runs(request.ctx, request.params.recordingId)).map(toBody),
      }),
    );
    app.post(
      '/:recordingId/runs',
      {
        config: { permission: 'recordings:write' },
        schema: {
          tags: ['conversations'],
          summary:
            'Processes the recording again (another provider or language, new settings); earlier runs are kept (audited)',
          params: recordingParams,
          body: rerunBodySchema.optional(),
          response: { 202: recordingRunSchema, ...problems, ...notFound, ...conflict },
        },
      },
      async (request, reply) => {
        const run = await pipeline.rerun(
          auditContext(request),
          request.params.recordingId,
          request.body ?? {},
        );
        return reply.code(202).header('location', request.url.replace(/\/$/, '')).send(toBody(run));
      },
    );
    await Promise.resolve();
  };
}
