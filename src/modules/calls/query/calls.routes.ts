import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { CallsService } from '../contract.js';
import { decodeCursor, encodeCursor } from './call-filters.js';
import {
  callDetailSchema,
  callPageSchema,
  callStatsSchema,
  exportQuerySchema,
  listQuerySchema,
  notFound,
  problems,
  statsQuerySchema,
  toFilters,
  toSort,
} from './calls.schemas.js';

const auditContext = (request: FastifyRequest) => ({ ...request.ctx, clientIp: request.ip });

/**
 * A streamed answer that fails after its status line cannot become a problem any more. The error
 * is logged here, with the request id, and rethrown: Fastify then destroys the connection without
 * the final chunk, so curl and fetch report a broken transfer instead of a file that looks complete.
 */
async function* loggingFailure(
  chunks: AsyncIterable<string>,
  request: FastifyRequest,
): AsyncGenerator<string> {
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk);
      yield chunk;
    }
  } catch (error) {
    request.log.error(
      { err: error, bytesSent: bytes },
      'streamed answer failed after it began; connection aborted',
    );
    throw error;
  }
}

/** The calls API: list, detail, statistics and export of the tenant's call records. */
export function callsRoutes(calls: CallsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'calls:read' },
        schema: {
          tags: ['calls'],
          summary:
            'Calls, filtered, sorted (newest first by default), keyset-paginated; with a total on request',
          querystring: listQuerySchema,
          response: { 200: callPageSchema, ...problems },
        },
      },
      async (request) => {
        const { limit, cursor, sort, total } = request.query;
        const page = await calls.list(request.ctx, {
          filters: toFilters(request.query),
          limit,
          sort: toSort(sort),
          after: cursor === undefined ? undefined : decodeCursor(cursor),
          withTotal: total,
        });
        return {
          items: [...page.items],
          nextCursor: page.nextCursor ? encodeCursor(page.nextCursor, sort) : null,
          total: page.total ?? null,
        };
      },
    );

    app.get(
      '/stats',
      {
        config: { permission: 'calls:read' },
        schema: {
          tags: ['calls'],
          summary:
            "Counts, answer-seizure ratio, talk and handle times and abandon rate per interval of the tenant's local time",
          querystring: statsQuerySchema,
          response: { 200: callStatsSchema, ...problems },
        },
      },
      async (request) => {
        const { interval, groupBy, compare } = request.query;
        const filters = toFilters(request.query);
        const stats = await calls.stats(request.ctx, {
          filters: { ...filters, from: new Date(request.query.from), to: new Date(request.query.to) },
          interval,
          groupBy,
          comparePrevious: compare === 'previous',
        });
        return {
          ...stats,
          buckets: [...stats.buckets],
          totals: [...stats.totals],
          previous: stats.previous && { ...stats.previous, totals: [...stats.previous.totals] },
        };
      },
    );

    app.get(
      '/export',
      {
        config: { permission: 'calls:export' },
        schema: {
          tags: ['calls'],
          summary:
            'Every matching call as CSV, JSON Lines of CallRecord v1, or JSON Lines of vCons, streamed (audited)',
          querystring: exportQuerySchema,
          response: {
            200: {
              description: 'The calls, newest first',
              content: {
                'text/csv': { schema: z.string() },
                'application/x-ndjson': { schema: z.string() },
              },
            },
            ...problems,
          },
        },
      },
      async (request, reply) => {
        // Everything that can refuse the request runs here, before the status line is sent.
        const exported = await calls.export(
          auditContext(request),
          toFilters(request.query),
          request.query.format,
        );
        const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '');
        return (
          reply
            .type(exported.contentType)
            .header('content-disposition', `attachment; filename="calls-${stamp}.${exported.fileExtension}"`)
            .header('cache-control', 'no-store')
            // The schema documents the text; the body is a stream, which Fastify sends without serialising.
            .send(Readable.from(loggingFailure(exported.chunks, request)) as unknown as string)
        );
      },
    );

    app.get(
      '/:callId',
      {
        config: { permission: 'calls:read' },
        schema: {
          tags: ['calls'],
          summary:
            'One call with its legs; with a signed link to the raw payload for callers holding calls:raw',
          params: z.object({ callId: z.string().max(64).describe('call_...') }),
          response: { 200: callDetailSchema, ...problems, ...notFound },
        },
      },
      async (request) => {
        const includeRawUrl = request.principal?.permissions.has('calls:raw') ?? false;
        return calls.get(auditContext(request), request.params.callId, { includeRawUrl });
      },
    );
    await Promise.resolve();
  };
}
