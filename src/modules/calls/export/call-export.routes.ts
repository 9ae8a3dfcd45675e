import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { CallsService } from '../contract.js';
import { exportQuerySchema, problems, toFilters } from '../query/calls.schemas.js';

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

/** `GET /calls/export`: every matching call, streamed as it is read (audited). */
export function callExportRoutes(calls: Pick<CallsService, 'export'>): FastifyPluginAsyncZod {
  return async (app) => {
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
          { ...request.ctx, clientIp: request.ip },
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
    await Promise.resolve();
  };
}
