import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { Workflows } from '../../../platform/jobs/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import { problems } from '../analysis-config/analysis-config.schemas.js';
import type { ConversationsTables, ConversationsTransaction } from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import {
  findRescoreJob,
  insertRescoreJob,
  listRescoreJobs,
  requestRescoreCancel,
  runningRescoreJob,
  type RescoreJobRow,
} from './rescore.repo.js';
import { rescoreWorkflowId, type RescoreWorkflow } from './rescore.workflow.js';

/** The longest period one job covers: a year; a longer one is several jobs. */
const MAX_RANGE_MS = 366 * 24 * 3600_000;

const rescoreRequestSchema = z
  .object({
    from: z.iso.datetime({ offset: true }).describe('Recordings that started at or after this time'),
    to: z.iso.datetime({ offset: true }).describe('… and before this time'),
    queue: z.string().trim().min(1).max(200).optional().describe('Only recordings of this queue'),
    scope: z
      .enum(['qa', 'full'])
      .default('qa')
      .describe(
        'qa: evaluate the scorecard that applies now over the current analysis (no analyser, no LLM); full: analyse everything again',
      ),
  })
  .strict()
  .superRefine((body, ctx) => {
    const from = Date.parse(body.from);
    const to = Date.parse(body.to);
    if (to <= from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (to - from > MAX_RANGE_MS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be at most 366 days after from' });
  })
  .meta({ id: 'RescoreRequest' });

const rescoreJobSchema = z
  .object({
    id: z.string().describe('rescore_…'),
    from: z.string(),
    to: z.string(),
    queue: z.string().nullable(),
    scope: z.enum(['qa', 'full']),
    state: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
    cancelRequested: z.boolean(),
    total: z
      .number()
      .int()
      .nullable()
      .describe('Recordings in the range with a transcript; null until counted'),
    done: z.number().int(),
    failed: z.number().int(),
    failures: z
      .array(z.object({ recordingId: z.string(), reason: z.string() }))
      .describe('Why recordings failed (the first 100)'),
    error: z.string().nullable(),
    requestedBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'RescoreJob' });

const acceptedSchema = rescoreJobSchema
  .extend({
    coalesced: z
      .boolean()
      .describe('true: a job for the same range, queue and scope was running; this is that job'),
  })
  .meta({ id: 'RescoreAccepted' });

const jobParams = z.object({ jobId: z.string().min(1).max(120) });
const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(200).optional().describe('nextCursor of the page before'),
  })
  .strict();

export interface RescoreRoutesDeps {
  readonly database: Database;
  readonly audit: AuditLog;
  readonly workflows: Workflows | undefined;
  readonly workflow: RescoreWorkflow | undefined;
}

const view = (row: RescoreJobRow): z.output<typeof rescoreJobSchema> => ({
  id: toPublicId('rescore', row.id),
  from: row.rangeFrom.toISOString(),
  to: row.rangeTo.toISOString(),
  queue: row.queue,
  scope: row.scope,
  state: row.state,
  cancelRequested: row.cancelRequested,
  total: row.total,
  done: row.done,
  failed: row.failed,
  failures: row.failures,
  error: row.error,
  requestedBy: row.requestedBy,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

const encodeCursor = (row: RescoreJobRow) =>
  Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw ConversationsErrors.invalidRescore([
      { field: 'query.cursor', message: 'is not a cursor this list gave' },
    ]);
  }
}

/**
 * `/conversations/rescore`: re-score a period in the background (analysis:configure, audited), see
 * a job's progress, list jobs, cancel one. Reads need analysis:read.
 */
export function rescoreRoutes(deps: RescoreRoutesDeps): FastifyPluginAsyncZod {
  const inTenant = <T>(ctx: RequestContext, fn: (trx: ConversationsTransaction) => Promise<T>) =>
    deps.database.withTenant<ConversationsTables, T>(ctx, fn);
  const jobUuid = (id: string) => {
    const uuid = fromPublicId('rescore', id);
    if (!uuid) throw ConversationsErrors.rescoreJobNotFound();
    return uuid;
  };
  const auditContext = (ctx: RequestContext, ip: string): AuditContext => ({ ...ctx, clientIp: ip });

  return async (app) => {
    app.post(
      '/',
      {
        config: { permission: 'analysis:configure' },
        schema: {
          tags: ['conversations'],
          summary:
            'Re-scores the recordings that started in a period, in the background (audited). The same period, queue and scope while a job for it runs: that job (coalesced)',
          body: rescoreRequestSchema,
          response: { 202: acceptedSchema, ...problems },
        },
      },
      async (request, reply) => {
        const { workflows, workflow } = deps;
        if (!workflows || !workflow) throw ConversationsErrors.workflowsUnavailable();
        const ctx = request.ctx;
        const body = request.body;
        const wanted = {
          rangeFrom: new Date(body.from),
          rangeTo: new Date(body.to),
          queue: body.queue ?? null,
          scope: body.scope,
        };
        const { job, coalesced } = await inTenant(ctx, async (trx) => {
          const created = await insertRescoreJob(trx, {
            id: newUuid(),
            tenantId: ctx.tenantId,
            requestedBy: ctx.actor.id,
            ...wanted,
          });
          const row = created ?? (await runningRescoreJob(trx, wanted));
          // Gone between the two statements (it just finished): asking again starts a new one.
          if (!row) throw ConversationsErrors.rescoreRaced();
          await deps.audit.append(trx, auditContext(ctx, request.ip), {
            action: 'conversations.rescore_requested',
            target: { type: 'conversations.rescore_job', id: toPublicId('rescore', row.id) },
            details: {
              from: body.from,
              to: body.to,
              queue: wanted.queue,
              scope: body.scope,
              coalesced: !created,
            },
          });
          return { job: row, coalesced: !created };
        });
        // Idempotent by id: a coalesced request also restarts a job whose start was lost.
        await workflows.start(
          workflow,
          { tenantId: ctx.tenantId, jobId: job.id },
          { id: rescoreWorkflowId(job.id) },
        );
        return reply.code(202).send({ ...view(job), coalesced });
      },
    );
    app.get(
      '/',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags: ['conversations'],
          summary: 'Re-score jobs, newest first',
          querystring: listQuery,
          response: {
            200: z.object({ items: z.array(rescoreJobSchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const { limit, cursor } = request.query;
        const rows = await inTenant(request.ctx, (trx) =>
          listRescoreJobs(trx, limit + 1, cursor ? decodeCursor(cursor) : undefined),
        );
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map(view),
          nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
        };
      },
    );
    app.get(
      '/:jobId',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags: ['conversations'],
          summary: "A re-score job's progress: total, done, failed with reasons, state",
          params: jobParams,
          response: { 200: rescoreJobSchema, ...problems },
        },
      },
      async (request) => {
        const uuid = jobUuid(request.params.jobId);
        const row = await inTenant(request.ctx, (trx) => findRescoreJob(trx, uuid));
        if (!row) throw ConversationsErrors.rescoreJobNotFound();
        return view(row);
      },
    );
    app.post(
      '/:jobId/cancel',
      {
        config: { permission: 'analysis:configure' },
        schema: {
          tags: ['conversations'],
          summary:
            'Cancels a running re-score job (audited): it stops before its next batch; what it re-scored stays',
          params: jobParams,
          response: { 200: rescoreJobSchema, ...problems },
        },
      },
      async (request) => {
        const uuid = jobUuid(request.params.jobId);
        const ctx = request.ctx;
        return inTenant(ctx, async (trx) => {
          const found = await findRescoreJob(trx, uuid);
          if (!found) throw ConversationsErrors.rescoreJobNotFound();
          if (found.state !== 'running') throw ConversationsErrors.rescoreFinished(found.state);
          const row = (await requestRescoreCancel(trx, uuid)) ?? found;
          await deps.audit.append(trx, auditContext(ctx, request.ip), {
            action: 'conversations.rescore_cancelled',
            target: { type: 'conversations.rescore_job', id: toPublicId('rescore', uuid) },
            details: { done: row.done, total: row.total },
          });
          return view(row);
        });
      },
    );
    await Promise.resolve();
  };
}
