import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import { notFound, problems } from './calls.schemas.js';
import type { RawPayloads } from './raw-payload.service.js';

const params = z.object({ callId: z.string().max(64).describe('call_...') });
const gone = { 410: problemSchema } as const;
const payload = {
  200: {
    description: 'The archived JSON: {source, sourceCallId, sourceVersion, raw}',
    content: { 'application/json': { schema: z.string() } },
  },
} as const;

/** The bytes as archived: already JSON, not to be serialised again. */
const send = (reply: FastifyReply, bytes: Buffer) =>
  reply
    .type('application/json; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .serializer((text: string) => text)
    .send(bytes.toString('utf8'));

/** The opened raw payload of a call (raw-payload.service.ts). */
export function rawPayloadRoutes(raw: RawPayloads): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/:callId/raw',
      {
        config: { permission: 'calls:raw' },
        schema: {
          tags: ['calls'],
          summary: 'The raw payload the source sent for this call, as archived (audited)',
          description:
            'The archived JSON ({source, sourceCallId, sourceVersion, raw}). 410 CALLS_RAW_ERASED when a data subject of the call was erased (its keys destroyed).',
          params,
          response: { ...payload, ...problems, ...notFound, ...gone },
        },
      },
      async (request, reply) => {
        const bytes = await raw.read({ ...request.ctx, clientIp: request.ip }, request.params.callId);
        return send(reply, bytes);
      },
    );

    app.get(
      '/:callId/raw/signed',
      {
        // The signature is the authorisation: an audited call detail handed the link out.
        config: { public: true },
        schema: {
          tags: ['calls'],
          summary: 'The raw payload through the short-lived link a call detail handed out',
          params,
          querystring: z.object({
            tenant: z.string().max(64),
            expires: z.string().max(16),
            sig: z.string().max(128),
          }),
          response: { ...payload, ...problems, ...notFound, ...gone },
        },
      },
      async (request, reply) => {
        const bytes = await raw.readSigned({ callId: request.params.callId, ...request.query });
        return send(reply, bytes);
      },
    );
    await Promise.resolve();
  };
}
