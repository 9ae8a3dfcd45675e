import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import { fromPublicId } from '../../../platform/ids.js';
import { currencySchema } from '../../../platform/money.js';
import type { AnalyticsService } from './analytics.service.js';
import type { SavedViewsService } from './saved-views.service.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const tags = ['orders'];
const STATUSES = [
  'PENDING',
  'CONFIRMED',
  'PROCESSING',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'REFUNDED',
] as const;
const MAX_DAYS = 366;

// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const noControl = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must have at most ${max} characters`)
    .refine(noControl, 'must not contain NUL or control characters');

const isDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};
const dateSchema = z.string().max(10).refine(isDate, 'must be a date YYYY-MM-DD');
const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return /^[A-Za-z0-9_+\-/]{1,64}$/.test(zone);
  } catch {
    return false;
  }
};

const analyticsQuery = z
  .object({
    from: dateSchema,
    to: dateSchema,
    currency: currencySchema,
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, 'must be an IANA time zone (Europe/Berlin)')
      .default('UTC'),
  })
  .superRefine((q, ctx) => {
    const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (days >= MAX_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `the range is at most ${MAX_DAYS} days` });
  });

const analyticsSchema = z
  .object({
    currency: z.string(),
    timeZone: z.string(),
    days: z.array(
      z.object({
        date: z.string(),
        orders: z.number().int(),
        revenueMinor: z.number().int(),
        averageOrderValueMinor: z.number().int(),
      }),
    ),
    totals: z.object({
      orders: z.number().int(),
      revenueMinor: z.number().int(),
      refundedMinor: z.number().int(),
      averageOrderValueMinor: z.number().int(),
    }),
    byStatus: z.record(z.string(), z.number().int()),
    topProducts: z.array(
      z.object({
        sku: z.string(),
        name: z.string(),
        quantity: z.number().int(),
        revenueMinor: z.number().int(),
      }),
    ),
    fulfilment: z.object({
      shipped: z.number().int(),
      medianHoursToShip: z.number().nullable(),
      p90HoursToShip: z.number().nullable(),
      medianHoursToDeliver: z.number().nullable(),
    }),
  })
  .meta({ id: 'OrdersAnalytics' });

const numeric = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .refine((v) => /^\d{1,14}$/.test(v), 'must be a non-negative integer of minor units');
const dateOrTime = z
  .string()
  .max(40)
  .refine(
    (v) => isDate(v) || (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))),
    'must be a date or an ISO 8601 date-time',
  );

/** The query keys of GET /orders a view may hold, each checked as the list checks it. */
export const viewFiltersSchema = z.strictObject({
  status: z
    .string()
    .max(200)
    .refine(
      (v) => v.split(',').every((s) => (STATUSES as readonly string[]).includes(s)),
      `must be a comma-separated list of ${STATUSES.join(', ')}`,
    )
    .optional(),
  customerId: z
    .string()
    .max(100)
    .refine((v) => fromPublicId('usr', v) !== undefined, 'must be a user id (usr_…)')
    .optional(),
  email: text(320).optional(),
  number: z
    .string()
    .max(40)
    .regex(/^[A-Za-z0-9-]+$/, 'must be an order number (SO-000123)')
    .optional(),
  placedFrom: dateOrTime.optional(),
  placedTo: dateOrTime.optional(),
  totalMin: numeric.optional(),
  totalMax: numeric.optional(),
  sku: text(100).optional(),
});

const viewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    filters: z.record(z.string(), z.string()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'OrdersSavedView' });

/** Mounted at /api/v1/orders: analytics and the saved views of the list. */
export function analyticsRoutes(
  analytics: AnalyticsService,
  views: SavedViewsService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/analytics',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary:
            'Orders and revenue per day in a time zone, average order value, refunds, statuses, top products, fulfilment times',
          querystring: analyticsQuery,
          response: { 200: analyticsSchema, ...problems },
        },
      },
      async (request) => analytics.orders(request.ctx, request.query),
    );
    const viewView = (v: Awaited<ReturnType<SavedViewsService['create']>>) => ({
      ...v,
      filters: { ...v.filters },
      createdAt: new Date(v.createdAt).toISOString(),
    });
    app.get(
      '/views',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: 'Your saved views of the order list',
          response: { 200: z.object({ items: z.array(viewSchema) }), ...problems },
        },
      },
      async (request) => ({ items: (await views.list(request.ctx)).map(viewView) }),
    );
    app.post(
      '/views',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: 'Save a view (a name and the list’s filters)',
          body: z.strictObject({ name: text(100), filters: viewFiltersSchema }),
          response: { 201: viewSchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) => {
        const filters = Object.fromEntries(
          Object.entries(request.body.filters).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        );
        return reply
          .code(201)
          .send(viewView(await views.create(request.ctx, { name: request.body.name, filters })));
      },
    );
    app.delete(
      '/views/:viewId',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: 'Remove one of your saved views',
          params: z.object({ viewId: z.string().max(100) }),
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await views.remove(request.ctx, request.params.viewId);
        return reply.code(204).send(null);
      },
    );
    await Promise.resolve();
  };
}
