import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { UsageService } from '../contract.js';
import { csvResponse, periodQuerySchema, problems, usageSummarySchema } from './usage.schemas.js';

const tags = ['metering'];

/** Mounted at /api/v1/metering: the tenant's usage and its cost-allocation report. */
export function usageRoutes(usage: UsageService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/usage',
      {
        config: { permission: 'metering:read' },
        schema: {
          tags,
          summary:
            "The tenant's usage in a period of UTC days: each meter's quantity and cost at the tenant's prices, and the quantities day by day",
          querystring: periodQuerySchema,
          response: { 200: usageSummarySchema, ...problems },
        },
      },
      async (request) => {
        const summary = await usage.summary(request.ctx, request.query);
        return { ...summary, lines: [...summary.lines], daily: [...summary.daily] };
      },
    );
    app.get(
      '/report.csv',
      {
        config: { permission: 'metering:read' },
        schema: {
          tags,
          summary:
            'The cost-allocation report of a period as CSV: tenant, period, meter, area, module, quantity, unit, unit price, currency, cost (audited)',
          querystring: periodQuerySchema,
          response: csvResponse,
        },
      },
      async (request, reply) => {
        const report = await usage.report(request.ctx, request.query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${report.filename}"`)
          .header('cache-control', 'no-store')
          .send(report.csv);
      },
    );
    await Promise.resolve();
  };
}
