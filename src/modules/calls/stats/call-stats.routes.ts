import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CallsService } from '../contract.js';
import { callStatsSchema, problems, statsQuerySchema, toFilters } from '../query/calls.schemas.js';

/** `GET /calls/stats`: the dashboard's figures per interval of the tenant's local time. */
export function callStatsRoutes(calls: Pick<CallsService, 'stats'>): FastifyPluginAsyncZod {
  return async (app) => {
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
    await Promise.resolve();
  };
}
