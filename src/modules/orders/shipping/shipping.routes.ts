import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { systemContext } from '../../../platform/context.js';
import { problemSchema } from '../../../platform/http/index.js';
import { fromPublicId } from '../../../platform/ids.js';
import type { CarrierName, Shipment, ShippingRate } from '../contract.js';
import type { Carrier } from './carrier.js';
import type { ShippingService } from './shipping.service.js';
import { ShippingErrors } from './shipping.errors.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const tags = ['orders'];
const params = z.object({ orderId: z.string().max(100) });
const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const shippingRateSchema = z
  .object({
    id: z.string().describe('Opaque; give it to POST /orders/{id}/shipments'),
    carrier: z.string(),
    service: z.string(),
    price: moneySchema,
    deliveryDays: z.number().int().nullable(),
  })
  .meta({ id: 'ShippingRate' });

const shipmentStatusSchema = z.enum([
  'label_created',
  'pre_transit',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'return_to_sender',
  'failure',
  'cancelled',
]);

export const shipmentSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    carrier: z.enum(['simulator', 'easypost']),
    service: z.string(),
    trackingCode: z.string().nullable(),
    trackingUrl: z.string().nullable(),
    labelUrl: z
      .string()
      .nullable()
      .describe('A short-lived link (an hour) for the simulator’s PDF; the carrier’s own link otherwise'),
    status: shipmentStatusSchema,
    cost: moneySchema.nullable(),
    lines: z.array(z.object({ lineId: z.string(), quantity: z.number().int() })),
    events: z.array(
      z.object({
        status: shipmentStatusSchema,
        message: z.string(),
        location: z.string().nullable(),
        at: z.iso.datetime(),
      }),
    ),
    createdAt: z.iso.datetime(),
    shippedAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Shipment' });

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
export const shipmentView = (s: Shipment) => ({
  ...s,
  lines: [...s.lines],
  events: s.events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  createdAt: new Date(s.createdAt).toISOString(),
  shippedAt: iso(s.shippedAt),
  deliveredAt: iso(s.deliveredAt),
});
const rateView = (r: ShippingRate) => ({ ...r });

const noNul = (v: string) => !v.includes('\u0000');
const createBody = z.strictObject({
  rateId: z.string().min(1).max(2000).refine(noNul, 'must not contain a NUL character').optional(),
  lines: z
    .array(
      z.strictObject({
        lineId: z.string().min(1).max(100),
        quantity: z.number().int().min(1).max(1_000_000),
      }),
    )
    .min(1)
    .max(500)
    .optional(),
});

/** Mounted at /api/v1/orders: rates, label purchase, an order's shipments. */
export function shippingRoutes(service: ShippingService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/:orderId/shipping-rates',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: 'Rates for an order’s parcel from the tenant’s carrier',
          params,
          response: {
            200: z.object({ items: z.array(shippingRateSchema) }),
            ...problems,
            409: problemSchema,
            422: problemSchema,
            503: problemSchema,
          },
        },
      },
      async (request) => ({
        items: (await service.rates(request.ctx, request.params.orderId)).map(rateView),
      }),
    );
    app.post(
      '/:orderId/shipments',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags,
          summary:
            'Buy a label (a rate, or the cheapest) and start tracking; a CONFIRMED order moves to PROCESSING',
          params,
          body: createBody,
          response: {
            201: shipmentSchema,
            ...problems,
            409: problemSchema,
            422: problemSchema,
            503: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const shipment = await service.create(request.ctx, request.params.orderId, {
          ...(body.rateId !== undefined ? { rateId: body.rateId } : {}),
          ...(body.lines !== undefined ? { lines: body.lines } : {}),
        });
        return reply.code(201).send(shipmentView(shipment));
      },
    );
    app.get(
      '/:orderId/shipments',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: 'An order’s shipments with their tracking',
          params,
          response: { 200: z.object({ items: z.array(shipmentSchema) }), ...problems },
        },
      },
      async (request) => ({
        items: (await service.forOrder(request.ctx, request.params.orderId)).map(shipmentView),
      }),
    );
    await Promise.resolve();
  };
}

const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * `POST /orders/shipping/webhooks/:tenant/:carrier`: carriers' tracking webhooks. No session — the
 * signature decides — so public and kept out of the OpenAPI document; the body reaches the carrier
 * as the bytes that came (the HMAC covers them).
 */
export function shippingWebhookRoutes(deps: {
  readonly service: ShippingService;
  readonly carriers: Readonly<Record<CarrierName, Carrier>>;
}): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });
    app.post<{ Params: { tenant: string; carrier: string } }>(
      '/:tenant/:carrier',
      { config: { public: true }, bodyLimit: WEBHOOK_BODY_LIMIT, schema: { hide: true } },
      async (request, reply) => {
        const tenantId = fromPublicId('ten', request.params.tenant);
        if (!tenantId) throw ShippingErrors.webhookNotFound('params.tenant', 'is not a tenant id');
        const name = request.params.carrier;
        const carrier = name === 'easypost' ? deps.carriers.easypost : undefined;
        if (!carrier?.parseWebhook)
          throw ShippingErrors.webhookNotFound('params.carrier', 'must be easypost');
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (rawBody.length === 0) throw ShippingErrors.webhookInvalid('body', 'is empty');
        const ctx = systemContext(tenantId, request.id, `shipping-webhook:${carrier.name}`);
        const updates = await carrier.parseWebhook(ctx, { headers: request.headers, rawBody });
        for (const update of updates) await deps.service.ingest(ctx, carrier.name, update, rawBody);
        return reply.code(204).send();
      },
    );
    await Promise.resolve();
  };
}
