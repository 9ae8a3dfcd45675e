import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { QuarantinedPayload, QuarantineService } from '../contract.js';
import { CallsErrors } from '../errors.js';
import { decodeCursor, encodeCursor } from '../service/call-filters.js';
import { notFound, problems, quarantineItemSchema, quarantineListQuerySchema } from './calls.schemas.js';

const view = (item: QuarantinedPayload) => ({
  ...item,
  receivedAt: item.receivedAt.toISOString(),
  replayedAt: item.replayedAt === null ? null : item.replayedAt.toISOString(),
});

const params = z.object({ quarantineId: z.string().max(64).describe('qua_...') });

/** Payloads the connectors could not normalise, for the people who fix and replay them. */
export function quarantineRoutes(quarantine: QuarantineService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'quarantine:manage' },
        schema: {
          tags: ['calls'],
          summary: 'Quarantined payloads, newest first',
          querystring: quarantineListQuerySchema.superRefine((query, ctx) => {
            if (query.cursor !== undefined && !decodeCursor(query.cursor)) ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'is not a cursor this API gave out' });
          }),
          response: { 200: z.object({ items: z.array(quarantineItemSchema), nextCursor: z.string().nullable() }), ...problems },
        },
      },
      async (request) => {
        const { status, source, limit, cursor } = request.query;
        const after = cursor === undefined ? undefined : decodeCursor(cursor);
        const page = await quarantine.list(request.ctx, {
          status,
          source,
          limit,
          after: after && { receivedAt: after.startedAt, id: after.id },
        });
        const next = page.nextCursor;
        return { items: page.items.map(view), nextCursor: next ? encodeCursor({ startedAt: next.receivedAt, id: next.id }) : null };
      },
    );

    app.get(
      '/:quarantineId',
      {
        config: { permission: 'quarantine:manage' },
        schema: { tags: ['calls'], summary: 'One quarantined payload: why it failed, where it is', params, response: { 200: quarantineItemSchema, ...problems, ...notFound } },
      },
      async (request) => view(await quarantine.get(request.ctx, request.params.quarantineId)),
    );

    app.get(
      '/:quarantineId/raw',
      {
        config: { permission: 'quarantine:manage' },
        schema: {
          tags: ['calls'],
          summary: 'The payload as received (audited)',
          params,
          response: { 200: { description: 'The raw bytes', content: { 'application/octet-stream': { schema: z.string() } } }, ...problems, ...notFound },
        },
      },
      async (request, reply) => {
        const raw = await quarantine.raw({ ...request.ctx, clientIp: request.ip }, request.params.quarantineId);
        if (raw === null) throw CallsErrors.rawNotStored();
        // Documented as a string; the bytes go out as they are (Fastify does not serialise buffers).
        return reply.type('application/octet-stream').header('cache-control', 'no-store').send(raw as unknown as string);
      },
    );
    await Promise.resolve();
  };
}
