import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newUuid } from '../../../platform/ids.js';
import { problemSchema } from '../../../platform/http/index.js';
import { maxAmountMinor } from '../../../platform/money.js';
import type { Payment } from '../contract.js';
import type { Reconciliation, ReconciliationReport } from '../reconciliation/reconciliation.js';
import type { GatewaySettings } from './gateway-settings.js';
import { GATEWAY_NAMES } from './gateway-settings.js';
import type { PaymentsServiceImpl } from './payments.service.js';

/*
 * /api/v1/payments (API-ORDERS.md, payments): read with orders:read, capture with orders:write,
 * refund and void with payments:refund, gateways and reconciliations with commerce:configure.
 */

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const writeProblems = { ...problems, 409: problemSchema, 422: problemSchema, 503: problemSchema };
const tags = ['payments'];

const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const paymentSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    gateway: z.enum(GATEWAY_NAMES),
    gatewayReference: z.string().nullable(),
    status: z.enum([
      'pending',
      'requires_action',
      'authorized',
      'partially_captured',
      'captured',
      'partially_refunded',
      'refunded',
      'voided',
      'failed',
    ]),
    amount: moneySchema,
    authorizedMinor: z.number().int(),
    capturedMinor: z.number().int(),
    refundedMinor: z.number().int(),
    method: z
      .object({ type: z.string(), brand: z.string().nullable(), last4: z.string().nullable() })
      .nullable(),
    nextAction: z.object({ type: z.enum(['3ds', 'approve']), url: z.string() }).nullable(),
    failureCode: z.string().nullable(),
    transactions: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['authorize', 'capture', 'void', 'refund']),
        amount: moneySchema,
        status: z.enum(['pending', 'succeeded', 'failed']),
        gatewayReference: z.string().nullable(),
        failureCode: z.string().nullable(),
        failureMessage: z.string().nullable(),
        idempotencyKey: z.string(),
        createdAt: z.string(),
        settledAt: z.string().nullable(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Payment' });

export function paymentJson(payment: Payment): z.infer<typeof paymentSchema> {
  return {
    ...payment,
    method: payment.method ? { ...payment.method } : null,
    nextAction: payment.nextAction ? { ...payment.nextAction } : null,
    transactions: payment.transactions.map((t) => ({
      ...t,
      amount: { ...t.amount },
      createdAt: new Date(t.createdAt).toISOString(),
      settledAt: t.settledAt ? new Date(t.settledAt).toISOString() : null,
    })),
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
  };
}

const reportSchema = z
  .object({
    id: z.string(),
    gateway: z.enum(GATEWAY_NAMES),
    date: z.string(),
    matched: z.number().int(),
    missingAtGateway: z.array(
      z.object({
        transactionId: z.string(),
        paymentId: z.string(),
        kind: z.string(),
        reference: z.string().nullable(),
        amountMinor: z.number().int(),
        currency: z.string(),
      }),
    ),
    missingHere: z.array(
      z.object({
        reference: z.string(),
        kind: z.string(),
        paymentReference: z.string().nullable(),
        amountMinor: z.number().int(),
        currency: z.string(),
      }),
    ),
    amountMismatches: z.array(
      z.object({
        reference: z.string(),
        paymentId: z.string(),
        kind: z.string(),
        oursMinor: z.number().int(),
        theirsMinor: z.number().int(),
        currency: z.string(),
      }),
    ),
    createdAt: z.string(),
  })
  .meta({ id: 'PaymentReconciliation' });

const reportJson = (report: ReconciliationReport) => ({
  ...report,
  missingAtGateway: [...report.missingAtGateway],
  missingHere: [...report.missingHere],
  amountMismatches: [...report.amountMismatches],
  createdAt: new Date(report.createdAt).toISOString(),
});

const gatewaysSchema = z
  .object({
    items: z.array(
      z.object({
        name: z.enum(GATEWAY_NAMES),
        configured: z.boolean(),
        default: z.boolean(),
        mode: z.enum(['test', 'live']),
      }),
    ),
  })
  .meta({ id: 'PaymentGateways' });

const paymentParams = z.strictObject({ id: z.string().max(100) });
const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1, 'must be 1 to 200 printable ASCII characters')
    .max(200, 'must be 1 to 200 printable ASCII characters')
    .regex(/^[\x21-\x7e]+$/, 'must be 1 to 200 printable ASCII characters')
    .optional()
    .describe('Optional: the same key again replays the first result (never charges twice)'),
});
const secretText = (max: number) =>
  z
    .string()
    .min(1, `must be 1 to ${max} characters`)
    .max(max, `must be 1 to ${max} characters`)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** Mounted at /api/v1/payments. */
export function paymentsRoutes(deps: {
  readonly service: PaymentsServiceImpl;
  readonly settings: GatewaySettings;
  readonly reconciliation: Reconciliation;
}): FastifyPluginAsyncZod {
  const { service, settings, reconciliation } = deps;
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: "Payments, newest first; an order's payments with ?orderId=",
          querystring: z.strictObject({
            orderId: z.string().min(1).max(100, 'must be at most 100 characters').optional(),
            limit: z.coerce
              .number({ message: 'must be a whole number from 1 to 200' })
              .int('must be a whole number from 1 to 200')
              .min(1, 'must be a whole number from 1 to 200')
              .max(200, 'must be a whole number from 1 to 200')
              .default(50),
            cursor: z.string().max(200).optional(),
          }),
          response: {
            200: z.object({ items: z.array(paymentSchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const page = await service.list(request.ctx, request.query);
        return { items: page.items.map(paymentJson), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/gateways',
      {
        config: { permission: 'commerce:configure' },
        schema: {
          tags,
          summary: "The tenant's gateways: configured, default, test or live",
          response: { 200: gatewaysSchema, ...problems },
        },
      },
      async (request) => ({ items: await settings.list(request.ctx) }),
    );

    app.put(
      '/gateways/:name',
      {
        config: { permission: 'commerce:configure' },
        schema: {
          tags,
          summary:
            'Configures a gateway: default, credentials (kept in the secrets store, never returned), base URL',
          params: z.strictObject({
            name: z.enum(GATEWAY_NAMES, { message: 'must be simulator, stripe or paypal' }),
          }),
          body: z.strictObject({
            default: z.boolean().optional(),
            secretKey: secretText(300).optional(),
            webhookSecret: secretText(300).optional(),
            clientId: secretText(300).optional(),
            clientSecret: secretText(300).optional(),
            webhookId: secretText(100).optional(),
            baseUrl: z
              .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
              .max(300, 'must be at most 300 characters')
              .nullable()
              .optional(),
          }),
          response: { 200: gatewaysSchema, ...writeProblems },
        },
      },
      async (request) => ({
        items: await settings.configure(request.ctx, request.params.name, request.body),
      }),
    );

    app.post(
      '/reconciliations',
      {
        config: { permission: 'commerce:configure' },
        schema: {
          tags,
          summary: "Compares a gateway's captures and refunds of a UTC day with ours",
          body: z.strictObject({
            gateway: z.enum(GATEWAY_NAMES, { message: 'must be simulator, stripe or paypal' }),
            date: z.iso.date({ message: 'must be a date YYYY-MM-DD' }),
          }),
          response: { 201: reportSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const report = await reconciliation.run(request.ctx, request.body.gateway, request.body.date);
        return reply.code(201).send(reportJson(report));
      },
    );

    app.get(
      '/reconciliations',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: 'Reconciliation reports, newest first',
          querystring: z.strictObject({
            limit: z.coerce
              .number({ message: 'must be a whole number from 1 to 200' })
              .int()
              .min(1)
              .max(200)
              .default(50),
          }),
          response: { 200: z.object({ items: z.array(reportSchema), nextCursor: z.null() }), ...problems },
        },
      },
      async (request) => ({
        items: (await reconciliation.list(request.ctx, request.query.limit)).map(reportJson),
        nextCursor: null,
      }),
    );

    app.get(
      '/:id',
      {
        config: { permission: 'orders:read' },
        schema: {
          tags,
          summary: 'A payment with its transactions',
          params: paymentParams,
          response: { 200: paymentSchema, ...problems },
        },
      },
      async (request) => paymentJson(await service.get(request.ctx, request.params.id)),
    );

    app.post(
      '/:id/captures',
      {
        config: { permission: 'orders:write' },
        schema: {
          tags,
          summary: 'Captures all (default) or part of what is authorised',
          params: paymentParams,
          headers: idempotencyHeaders,
          body: z
            .strictObject({
              amountMinor: z
                .number()
                .int('must be a whole number')
                .min(1, 'must be above 0')
                .max(maxAmountMinor)
                .optional(),
            })
            .optional(),
          response: { 200: paymentSchema, ...writeProblems },
        },
      },
      async (request) =>
        paymentJson(
          await service.capture(request.ctx, request.params.id, {
            amountMinor: request.body?.amountMinor,
            idempotencyKey: request.headers['idempotency-key'] ?? newUuid(),
          }),
        ),
    );

    app.post(
      '/:id/voids',
      {
        config: { permission: 'payments:refund' },
        schema: {
          tags,
          summary: 'Voids an authorisation nothing was captured of',
          params: paymentParams,
          headers: idempotencyHeaders,
          response: { 200: paymentSchema, ...writeProblems },
        },
      },
      async (request) =>
        paymentJson(
          await service.void(request.ctx, request.params.id, {
            idempotencyKey: request.headers['idempotency-key'] ?? newUuid(),
          }),
        ),
    );

    app.post(
      '/:id/refunds',
      {
        config: { permission: 'payments:refund' },
        schema: {
          tags,
          summary: 'Refunds part or all of what was captured (never more)',
          params: paymentParams,
          headers: idempotencyHeaders,
          body: z.strictObject({
            amountMinor: z
              .number({ message: 'must be a whole number' })
              .int('must be a whole number')
              .min(1, 'must be above 0')
              .max(maxAmountMinor),
            reason: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
          }),
          response: { 200: paymentSchema, ...writeProblems },
        },
      },
      async (request) =>
        paymentJson(
          await service.refund(request.ctx, request.params.id, {
            amountMinor: request.body.amountMinor,
            reason: request.body.reason,
            idempotencyKey: request.headers['idempotency-key'] ?? newUuid(),
          }),
        ),
    );
    await Promise.resolve();
  };
}
