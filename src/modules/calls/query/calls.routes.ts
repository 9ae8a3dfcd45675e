import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { toSort } from '../../../platform/http/index.js';
import type { CallsService } from '../contract.js';
import { decodeCursor, encodeCursor } from './call-filters.js';
import {
  callDetailSchema,
  callPageSchema,
  listQuerySchema,
  notFound,
  problems,
  toFilters,
} from './calls.schemas.js';

const auditContext = (request: FastifyRequest) => ({ ...request.ctx, clientIp: request.ip });

/** The calls API: list and detail of the tenant's call records (statistics: stats/, export: export/). */
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
