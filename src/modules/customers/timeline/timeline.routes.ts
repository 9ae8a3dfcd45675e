import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../profiles/profiles.routes.js';
import type { TimelineService } from './timeline.service.js';

const entrySchema = z
  .object({
    module: z.string(),
    kind: z.string(),
    id: z.string(),
    at: z.iso.datetime().nullable(),
    summary: z.string(),
    consolePath: z.string().nullable(),
  })
  .meta({ id: 'CustomerTimelineEntry' });

/** Mounted at /api/v1/customers (beside the profile routes): GET /{customerId}/timeline. */
export function timelineRoutes(timeline: TimelineService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/:customerId/timeline',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags: ['customers'],
          summary: 'The 360° timeline: what every module holds about the customer, newest first',
          params: z.object({ customerId: z.string().max(100) }),
          querystring: z.object({
            before: z
              .string()
              .max(400)
              .optional()
              .describe('A date-time, or nextBefore of the previous page'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(entrySchema),
              errors: z.array(z.object({ module: z.string(), message: z.string() })),
              nextBefore: z.string().nullable(),
            }),
            ...problems,
          },
        },
      },
      async (request) => {
        const page = await timeline.of(request.ctx, request.params.customerId, request.query);
        return {
          ...page,
          items: page.items.map((e) => ({ ...e, at: e.at ? e.at.toISOString() : null })),
          errors: [...page.errors],
        };
      },
    );
    await Promise.resolve();
  };
}
