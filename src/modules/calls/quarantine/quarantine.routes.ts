import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { QuarantinedPayload, QuarantineService } from '../contract.js';
import type { CallWrites } from '../ingest/call-transform.js';
import { CallsErrors } from '../errors.js';
import { decodeCursor, encodeCursor } from '../query/call-filters.js';
import {
  conflict,
  notFound,
  problems,
  quarantineItemSchema,
  quarantineListQuerySchema,
  quarantineReplaySchema,
  quarantineSummaryQuerySchema,
  quarantineSummarySchema,
  unprocessable,
} from '../query/calls.schemas.js';
import { connectorReparse } from './quarantine-reparse.js';

const view = (item: QuarantinedPayload) => ({
  ...item,
  options: { ...item.options } as Record<string, unknown>,
  receivedAt: item.receivedAt.toISOString(),
  replayedAt: item.replayedAt === null ? null : item.replayedAt.toISOString(),
});

const params = z.object({ quarantineId: z.string().max(64).describe('qua_...') });

export interface QuarantineRoutesDeps {
  readonly quarantine: QuarantineService;
  /** Names the replayed records and claims their archive objects, as ingest does. */
  readonly writes: Pick<CallWrites, 'existingIds' | 'archive' | 'sealing' | 'archiveLayout'>;
  /** The raw archive (a replay archives each record's source data, as ingest does). */
  readonly archive: ObjectStore;
}

/** Payloads the connectors could not normalise, for the people who fix and replay them. */
export function quarantineRoutes(deps: QuarantineRoutesDeps): FastifyPluginAsyncZod {
  const { quarantine } = deps;
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'quarantine:manage' },
        schema: {
          tags: ['calls'],
          summary: 'Quarantined payloads, newest first',
          querystring: quarantineListQuerySchema.superRefine((query, ctx) => {
            if (query.cursor !== undefined && !decodeCursor(query.cursor))
              ctx.addIssue({
                code: 'custom',
                path: ['cursor'],
                message: 'is not a cursor this API gave out',
              });
          }),
          response: {
            200: z.object({ items: z.array(quarantineItemSchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const { status, source, category, limit, cursor } = request.query;
        const after = cursor === undefined ? undefined : decodeCursor(cursor);
        const page = await quarantine.list(request.ctx, {
          status,
          source,
          category,
          limit,
          after: after && { receivedAt: after.startedAt, id: after.id },
        });
        const next = page.nextCursor;
        return {
          items: page.items.map(view),
          nextCursor: next ? encodeCursor({ startedAt: next.receivedAt, id: next.id }) : null,
        };
      },
    );

    app.get(
      '/summary',
      {
        config: { permission: 'quarantine:manage' },
        schema: {
          tags: ['calls'],
          summary: 'How many payloads wait, per category of reason',
          querystring: quarantineSummaryQuerySchema,
          response: { 200: quarantineSummarySchema, ...problems },
        },
      },
      async (request) => {
        const categories = await quarantine.countByCategory(request.ctx, request.query);
        return { total: categories.reduce((sum, c) => sum + c.count, 0), categories: [...categories] };
      },
    );

    app.get(
      '/:quarantineId',
      {
        config: { permission: 'quarantine:manage' },
        schema: {
          tags: ['calls'],
          summary: 'One quarantined payload: why it failed, where it is',
          params,
          response: { 200: quarantineItemSchema, ...problems, ...notFound },
        },
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
          response: {
            200: {
              description: 'The raw bytes',
              content: { 'application/octet-stream': { schema: z.string() } },
            },
            ...problems,
            ...notFound,
          },
        },
      },
      async (request, reply) => {
        const raw = await quarantine.raw(
          { ...request.ctx, clientIp: request.ip },
          request.params.quarantineId,
        );
        if (raw === null) throw CallsErrors.rawNotStored();
        // Documented as a string; the bytes go out as they are (Fastify does not serialise buffers).
        return reply
          .type('application/octet-stream')
          .header('cache-control', 'no-store')
          .send(raw as unknown as string);
      },
    );

    app.post(
      '/:quarantineId/replay',
      {
        config: { permission: 'quarantine:manage' },
        schema: {
          tags: ['calls'],
          summary:
            'Re-parses the payload with the current connector of its source; indexes the calls it now yields and marks it replayed',
          description:
            '422 when the payload still cannot be normalised (the attempt and the new reason are recorded on the item); 409 when it was replayed already.',
          params,
          response: { 200: quarantineReplaySchema, ...problems, ...notFound, ...conflict, ...unprocessable },
        },
      },
      async (request) => {
        const ctx = request.ctx;
        const id = request.params.quarantineId;
        const outcome = await quarantine.replay(ctx, id, connectorReparse(deps, ctx));
        if (outcome.status === 'still_failing') throw CallsErrors.quarantineStillFailing(outcome.reason);
        const { created, updated, unchanged, outcomes } = outcome.upsert;
        return {
          status: 'replayed' as const,
          item: view(await quarantine.get(ctx, id)),
          created,
          updated,
          unchanged,
          callIds: outcomes.map((o) => o.id),
        };
      },
    );
    await Promise.resolve();
  };
}
