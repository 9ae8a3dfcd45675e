import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { PlatformErrors } from '../../../platform/errors.js';
import type { CallsService, VconExportAccess } from '../contract.js';
import { exportQuerySchema, notFound, problems, toFilters } from '../query/calls.schemas.js';
import { VCON_MEDIA_TYPE } from '../vcon.js';

/** What the caller may see of what other modules add to a vCon (recordings, transcripts). */
const vconAccess = (request: FastifyRequest, media: VconExportAccess['media']): VconExportAccess => ({
  permissions: request.principal?.permissions ?? new Set<string>(),
  media,
});

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

/** `GET /calls/export`: every matching call, streamed as it is read (audited); `GET /calls/{id}/vcon`: one call. */
export function callExportRoutes(calls: Pick<CallsService, 'export' | 'exportVcon'>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/:callId/vcon',
      {
        config: { permission: 'calls:export' },
        schema: {
          tags: ['calls'],
          summary:
            'One call as a vCon (unsigned JSON form), with its recordings (signed, audited links; redacted audio unless asked otherwise) and transcripts as the caller may see them (audited)',
          params: z.object({ callId: z.string().max(64).describe('call_...') }),
          querystring: z.object({
            media: z
              .enum(['redacted', 'original'])
              .default('redacted')
              .describe('Which audio the recording dialogs link to; original needs recordings:read_original'),
          }),
          response: {
            200: {
              description: 'The vCon (draft-ietf-vcon-vcon-core), as application/vcon',
              content: { [VCON_MEDIA_TYPE]: { schema: z.string() } },
            },
            ...problems,
            ...notFound,
          },
        },
      },
      async (request, reply) => {
        const { media } = request.query;
        if (
          media === 'original' &&
          !(request.principal?.permissions.has('recordings:read_original') ?? false)
        )
          throw PlatformErrors.forbidden('recordings:read_original');
        const document = await calls.exportVcon(
          { ...request.ctx, clientIp: request.ip },
          request.params.callId,
          vconAccess(request, media),
        );
        return reply
          .type(VCON_MEDIA_TYPE)
          .header('content-disposition', `attachment; filename="${request.params.callId}.vcon"`)
          .header('cache-control', 'no-store')
          .send(JSON.stringify(document));
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
          { ...request.ctx, clientIp: request.ip },
          toFilters(request.query),
          request.query.format,
          { vconAccess: vconAccess(request, 'redacted') },
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
