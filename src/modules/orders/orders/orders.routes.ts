import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../../platform/context.js';
import { PlatformErrors } from '../../../platform/errors.js';
import { problemSchema } from '../../../platform/http/index.js';
import { fromPublicId } from '../../../platform/ids.js';
import type { OrderDetail } from '../contract.js';
import { OrderErrors } from './orders.errors.js';
import {
  cancelBodySchema,
  createOrderBodySchema,
  discountBodySchema,
  discountOutSchema,
  idempotencyHeaders,
  listQuerySchema,
  orderDetailSchema,
  orderSchema,
  orderSummarySchema,
  refundBodySchema,
  returnBodySchema,
  returnSchema,
  settingsSchema,
  statusBodySchema,
} from './orders.schemas.js';
import type { OrderListQuery, OrderScope, OrdersService } from './orders.service.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const tags = ['orders'];
const params = z.object({ orderId: z.string().max(100) });
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape the route's schema declares
const json = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T;

function toListQuery(query: z.output<typeof listQuerySchema>): OrderListQuery {
  return {
    ...query,
    placedFrom: query.placedFrom ? new Date(query.placedFrom) : undefined,
    placedTo: query.placedTo ? new Date(query.placedTo) : undefined,
  };
}

/** The If-Match of PUT /status: `"3"`, `W/"3"` or `3`. */
function expectedVersion(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match)
    throw PlatformErrors.validation([
      { field: 'header.if-match', message: 'must be the order version, "3"' },
    ]);
  return Number(match[1]);
}

/** What a portal client sees of an order: no internal actors or notes. */
function forClient(order: OrderDetail): unknown {
  return json({
    ...order,
    history: order.history.map((h) => ({
      ...h,
      actor: h.actor.startsWith('usr_') && h.actor === order.customerId ? 'you' : 'store',
    })),
    timeline: order.timeline.map((e) => ({ ...e, actor: null })),
  });
}

/** Mounted at /api/v1/orders. */
export function ordersRoutes(orders: OrdersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags,
          summary: 'Place an order (Idempotency-Key required); the place-order workflow confirms it',
          headers: idempotencyHeaders,
          body: createOrderBodySchema,
          response: {
            200: orderDetailSchema,
            201: orderDetailSchema,
            ...problems,
            409: problemSchema,
            422: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const result = await orders.create(request.ctx, request.body, {
          idempotencyKey: request.headers['idempotency-key'],
          channel: 'internal',
        });
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(result.status).send(result.body as z.output<typeof orderDetailSchema>);
      },
    );

    app.get(
      '/',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: 'Orders, newest first, filtered; keyset pages',
          querystring: listQuerySchema,
          response: {
            200: z.object({ items: z.array(orderSummarySchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => json(await orders.list(request.ctx, toListQuery(request.query))),
    );

    app.get(
      '/settings',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: 'The orders settings (taxes, shipping options, capture mode …)',
          response: { 200: settingsSchema, ...problems },
        },
      },
      async (request) => orders.settings.get(request.ctx),
    );

    app.put(
      '/settings',
      {
        config: { permission: 'commerce:configure' },
        schema: {
          tags,
          summary: 'Replace the orders settings (defaults fill what is left out)',
          body: settingsSchema,
          response: { 200: settingsSchema, ...problems, 422: problemSchema },
        },
      },
      async (request) => orders.settings.put(request.ctx, request.body),
    );

    app.get(
      '/discounts',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: 'Discount codes',
          response: { 200: z.object({ items: z.array(discountOutSchema) }), ...problems },
        },
      },
      async (request) => json({ items: await orders.discounts.list(request.ctx) }),
    );

    app.post(
      '/discounts',
      {
        config: { permission: 'commerce:configure' },
        schema: {
          tags,
          summary: 'Create a discount code',
          body: discountBodySchema,
          response: { 201: discountOutSchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(json(await orders.discounts.create(request.ctx, request.body))),
    );

    app.delete(
      '/discounts/:code',
      {
        config: { permission: 'commerce:configure' },
        schema: {
          tags,
          summary: 'Delete a discount code',
          params: z.object({ code: z.string().max(40) }),
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await orders.discounts.remove(request.ctx, request.params.code);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/:orderId',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: 'One order with lines, history, payments, shipments and timeline',
          params,
          response: { 200: orderDetailSchema, ...problems },
        },
      },
      async (request) => json(await orders.get(request.ctx, request.params.orderId)),
    );

    app.put(
      '/:orderId/status',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags,
          summary: 'Move an order through the state machine (optional If-Match: "<version>")',
          params,
          body: statusBodySchema,
          response: { 200: orderSchema, ...problems, 409: problemSchema, 422: problemSchema },
        },
      },
      async (request) => {
        const { status, reason } = request.body;
        const version = expectedVersion(request.headers['if-match']);
        if (status === 'REFUNDED') throw OrderErrors.useRefunds();
        if (status === 'CANCELLED')
          return json(await orders.cancel(request.ctx, request.params.orderId, reason, undefined, version));
        return json(
          await orders.transition(request.ctx, request.params.orderId, status, {
            reason,
            expectedVersion: version,
          }),
        );
      },
    );

    app.delete(
      '/:orderId',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags,
          summary: 'Cancel an order: reservations released, payment voided or refunded',
          params,
          querystring: z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }),
          body: cancelBodySchema,
          response: { 200: orderSchema, ...problems, 409: problemSchema },
        },
      },
      async (request) =>
        json(
          await orders.cancel(
            request.ctx,
            request.params.orderId,
            request.body?.reason ?? request.query.reason ?? 'cancelled by staff',
          ),
        ),
    );

    app.post(
      '/:orderId/refunds',
      {
        config: { permission: 'payments:refund' },
        schema: {
          tags,
          summary:
            'Refund an amount, or lines (their totals incl. tax, in proportion); all refunded → REFUNDED',
          description:
            'With an Idempotency-Key (optional), the same key and body answer the first answer and never refund twice; the same key with another body is 422.',
          params,
          headers: idempotencyHeaders.partial(),
          body: refundBodySchema,
          response: { 200: orderDetailSchema, ...problems, 409: problemSchema, 422: problemSchema },
        },
      },
      async (request, reply) => {
        const key = request.headers['idempotency-key'];
        if (key === undefined)
          return json(await orders.refund(request.ctx, request.params.orderId, request.body));
        const result = await orders.refundOnce(request.ctx, request.params.orderId, request.body, key);
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return json(result.body);
      },
    );

    app.post(
      '/:orderId/returns',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags,
          summary: 'Record returned lines: optionally restock them and refund them',
          params,
          body: returnBodySchema,
          response: { 201: returnSchema, ...problems, 409: problemSchema, 422: problemSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(json(await orders.createReturn(request.ctx, request.params.orderId, request.body))),
    );
    await Promise.resolve();
  };
}

/** The signed-in client's scope: their user uuid (actor.id is their public id, usr_…). */
function clientScope(ctx: RequestContext): OrderScope {
  const customerId = fromPublicId('usr', ctx.actor.id);
  return customerId ? { customerId } : {};
}

/** Mounted at /ext/v1/orders: a client's own orders only (another client's are 404). */
export function portalOrdersRoutes(orders: OrdersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/',
      {
        config: { permission: 'portal:orders:write' },
        schema: {
          tags,
          summary: 'Place an order as the signed-in client (Idempotency-Key required)',
          headers: idempotencyHeaders,
          body: createOrderBodySchema.omit({ customerId: true }),
          response: {
            200: orderDetailSchema,
            201: orderDetailSchema,
            ...problems,
            409: problemSchema,
            422: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const result = await orders.create(request.ctx, request.body, {
          idempotencyKey: request.headers['idempotency-key'],
          channel: 'portal',
        });
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(result.status).send(result.body as z.output<typeof orderDetailSchema>);
      },
    );

    app.get(
      '/',
      {
        config: { permission: 'portal:read' },
        schema: {
          tags,
          summary: 'My orders, newest first',
          querystring: listQuerySchema.omit({ customerId: true, email: true }),
          response: {
            200: z.object({ items: z.array(orderSummarySchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) =>
        json(await orders.list(request.ctx, toListQuery(request.query), clientScope(request.ctx))),
    );

    app.get(
      '/:orderId',
      {
        config: { permission: 'portal:read' },
        schema: {
          tags,
          summary: 'One of my orders',
          params,
          response: { 200: orderDetailSchema, ...problems },
        },
      },
      async (request) =>
        forClient(
          await orders.get(request.ctx, request.params.orderId, clientScope(request.ctx)),
        ) as z.output<typeof orderDetailSchema>,
    );

    app.delete(
      '/:orderId',
      {
        config: { permission: 'portal:orders:write' },
        schema: {
          tags,
          summary: 'Cancel one of my orders, when it still can be',
          params,
          response: { 200: orderSchema, ...problems, 409: problemSchema },
        },
      },
      async (request) =>
        json(
          await orders.cancel(
            request.ctx,
            request.params.orderId,
            'cancelled by the customer',
            clientScope(request.ctx),
          ),
        ),
    );
    await Promise.resolve();
  };
}
