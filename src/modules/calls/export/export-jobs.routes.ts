import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EXPORT_FORMATS,
  EXPORT_STATUSES,
  type CallExportJob,
  type CallExportJobs,
  type CallFilters,
} from '../contract.js';
import { conflict, exportQuerySchema, notFound, problems, toFilters } from '../query/calls.schemas.js';

const auditContext = (request: FastifyRequest) => ({ ...request.ctx, clientIp: request.ip });

const exportIdParams = z.object({ exportId: z.string().max(64).describe('exp_...') });

export const callExportJobSchema = z
  .object({
    id: z.string().describe('exp_...'),
    format: z.enum(EXPORT_FORMATS),
    filters: z
      .record(z.string(), z.unknown())
      .describe(
        'The filters as given, in the names of GET /calls (from, to, source, direction, disposition, number, agent, queue, minDuration, q)',
      ),
    status: z.enum(EXPORT_STATUSES),
    requestedBy: z.string(),
    rows: z.number().int().describe('Calls written so far (all of them once succeeded)'),
    bytes: z.number().int().describe('Bytes of the file written so far'),
    fileName: z.string(),
    contentType: z.string(),
    attempts: z.number().int(),
    error: z.string().nullable().describe('Why it failed, in words a user can act on'),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    expiresAt: z.string().nullable().describe('When the file is deleted'),
  })
  .meta({ id: 'CallExportJob' });

/** The filters in the query-string names the call list and GET /calls/export use, so a client can show or repeat them. */
function filtersAsQuery(filters: CallFilters): Record<string, unknown> {
  const query: Record<string, unknown> = {
    from: filters.from?.toISOString(),
    to: filters.to?.toISOString(),
    source: filters.sources?.join(','),
    direction: filters.directions?.join(','),
    disposition: filters.dispositions?.join(','),
    number: filters.number,
    agent: filters.agent,
    queue: filters.queue,
    minDuration: filters.minDurationSeconds,
    q: filters.q,
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

function toBody(job: CallExportJob): z.infer<typeof callExportJobSchema> {
  return {
    ...job,
    filters: filtersAsQuery(job.filters),
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    expiresAt: iso(job.expiresAt),
  };
}

/**
 * Background exports (`/calls/exports`): create one with the filters and format of GET
 * /calls/export, follow its progress (here, or live through the `exports` events of GET
 * /calls/live), download its file through a short-lived signed link, cancel it. Every route needs
 * calls:export, like the direct export.
 */
export function exportJobsRoutes(jobs: CallExportJobs): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/',
      {
        config: { permission: 'calls:export' },
        schema: {
          tags: ['calls'],
          summary:
            'Starts a background export of every matching call (audited); follow it at /calls/exports/{exportId}',
          body: exportQuerySchema,
          response: { 202: callExportJobSchema, ...problems },
        },
      },
      async (request, reply) => {
        const job = await jobs.create(auditContext(request), {
          filters: toFilters(request.body),
          format: request.body.format,
        });
        return reply
          .code(202)
          .header('location', `${request.url.replace(/\/$/, '')}/${job.id}`)
          .send(toBody(job));
      },
    );

    app.get(
      '/',
      {
        config: { permission: 'calls:export' },
        schema: {
          tags: ['calls'],
          summary: "The organisation's background exports, newest first, past ones included",
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(100).default(25),
            before: z.string().max(64).optional().describe('nextCursor of the previous page'),
          }),
          response: {
            200: z.object({ items: z.array(callExportJobSchema), nextCursor: z.string().nullable() }),
            ...problems,
            ...notFound,
          },
        },
      },
      async (request) => {
        const page = await jobs.list(request.ctx, request.query);
        return { items: page.items.map(toBody), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/:exportId',
      {
        config: { permission: 'calls:export' },
        schema: {
          tags: ['calls'],
          summary: 'One background export: its status and progress (rows, bytes)',
          params: exportIdParams,
          response: { 200: callExportJobSchema, ...problems, ...notFound },
        },
      },
      async (request) => toBody(await jobs.get(request.ctx, request.params.exportId)),
    );

    app.post(
      '/:exportId/cancel',
      {
        config: { permission: 'calls:export' },
        schema: {
          tags: ['calls'],
          summary: 'Stops a queued or running export (audited); 409 once it has finished',
          params: exportIdParams,
          response: { 200: callExportJobSchema, ...problems, ...notFound, ...conflict },
        },
      },
      async (request) => toBody(await jobs.cancel(auditContext(request), request.params.exportId)),
    );

    app.post(
      '/:exportId/download',
      {
        config: { permission: 'calls:export' },
        schema: {
          tags: ['calls'],
          summary:
            "A signed link to the export's file, valid for 5 minutes (audited); 409 before it succeeded or after it expired",
          params: exportIdParams,
          response: {
            200: z.object({ url: z.string(), expiresAt: z.string() }).meta({ id: 'CallExportDownload' }),
            ...problems,
            ...notFound,
            ...conflict,
          },
        },
      },
      async (request) => {
        const link = await jobs.downloadLink(auditContext(request), request.params.exportId);
        return { url: link.url, expiresAt: link.expiresAt.toISOString() };
      },
    );
    await Promise.resolve();
  };
}
