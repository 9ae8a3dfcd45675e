import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../../../platform/errors.js';
import { problems } from '../analysis-config/analysis-config.schemas.js';
import { RESULT_ROW_KINDS, type ResultsService } from './results.service.js';

const exportQuerySchema = z.object({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Analyses created at or after this instant (default: the first)'),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Analyses created before this instant (default: now)'),
  rows: z
    .enum(RESULT_ROW_KINDS)
    .default('calls')
    .describe('calls: one row per analysed call; rules: one row per QA rule result'),
});

/** A stream that fails after its status line is cut off (never ended as if complete), and logged. */
async function* loggingFailure(
  chunks: AsyncIterable<string>,
  request: FastifyRequest,
): AsyncGenerator<string> {
  try {
    for await (const chunk of chunks) yield chunk;
  } catch (error) {
    request.log.error({ err: error }, 'results export failed after it began; connection aborted');
    throw error;
  }
}

/** `GET /conversations/export.jsonl`: the current analyses as flat rows for BI, streamed (audited). */
export function resultsRoutes(results: ResultsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/export.jsonl',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags: ['conversations'],
          summary:
            'The current analyses created in [from, to) as JSON Lines: call rows or QA rule rows (docs/conversation-rows.schema.json), streamed, oldest first (audited)',
          querystring: exportQuerySchema,
          response: {
            200: {
              description: 'One JSON object a line',
              content: { 'application/x-ndjson': { schema: z.string() } },
            },
            ...problems,
          },
        },
      },
      async (request, reply) => {
        const to = request.query.to ? new Date(request.query.to) : new Date();
        const from = request.query.from ? new Date(request.query.from) : new Date(0);
        if (from >= to)
          throw PlatformErrors.validation([{ field: 'query.to', message: 'must be later than from' }]);
        const chunks = await results.exportRows(
          { ...request.ctx, clientIp: request.ip },
          { from, to, rows: request.query.rows },
        );
        const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '');
        return reply
          .type('application/x-ndjson')
          .header(
            'content-disposition',
            `attachment; filename="conversation-${request.query.rows}-${stamp}.jsonl"`,
          )
          .header('cache-control', 'no-store')
          .send(Readable.from(loggingFailure(chunks, request)) as unknown as string);
      },
    );
    await Promise.resolve();
  };
}
