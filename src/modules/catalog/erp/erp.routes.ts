import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { ErpSyncReport } from '../contract.js';
import type { ErpConnectionView, ErpSync } from './erp.sync.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const tags = ['catalog'];
const noNul = (v: string) => !v.includes('\u0000');

export const erpSyncReportSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['inventory', 'products']),
    state: z.enum(['running', 'succeeded', 'failed']),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    rejections: z.array(z.object({ item: z.string(), field: z.string(), reason: z.string() })),
    cursor: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'CatalogErpSyncReport' });

const connectionSchema = z
  .object({
    endpoint: z.string().nullable(),
    enabled: z.boolean(),
    intervalMinutes: z.number().int(),
    auth: z.enum(['ws_security', 'basic']),
    locationMap: z.record(z.string(), z.string()),
    hasCredentials: z.boolean(),
    lastInventorySync: erpSyncReportSchema.nullable(),
    lastProductsSync: erpSyncReportSchema.nullable(),
    circuit: z.enum(['closed', 'open', 'half_open']),
    /** When the last sync recorded the circuit; null before any sync. */
    circuitAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CatalogErpConnection' });

const reportView = (r: ErpSyncReport) => ({
  ...r,
  rejections: [...r.rejections],
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});
const connectionView = (c: ErpConnectionView) => ({
  ...c,
  lastInventorySync: c.lastInventorySync ? reportView(c.lastInventorySync) : null,
  lastProductsSync: c.lastProductsSync ? reportView(c.lastProductsSync) : null,
  circuitAt: c.circuitAt?.toISOString() ?? null,
});

/** Mounted at /api/v1/catalog/erp. */
export function erpRoutes(sync: ErpSync): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/connection',
      {
        config: { permission: 'products:read' },
        schema: {
          tags,
          summary: 'The ERP connection, its last syncs and its circuit breaker',
          response: { 200: connectionSchema, ...problems },
        },
      },
      async (request) => connectionView(await sync.connection(request.ctx)),
    );
    app.put(
      '/connection',
      {
        config: { permission: 'commerce:configure' },
        schema: {
          tags,
          summary: 'Configure the ERP connection (credentials go to the secrets store)',
          body: z.strictObject({
            endpoint: z
              .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
              .max(2000)
              .refine(noNul, 'must not contain a NUL character'),
            enabled: z.boolean(),
            intervalMinutes: z.number().int().min(1).max(10080),
            locationMap: z
              .record(
                z.string().min(1).max(100).refine(noNul, 'must not contain a NUL character'),
                z.string().max(100),
              )
              .refine((m) => Object.keys(m).length <= 500, 'must have at most 500 warehouses'),
            auth: z.enum(['ws_security', 'basic']).optional(),
            username: z.string().max(500).refine(noNul, 'must not contain a NUL character').optional(),
            password: z.string().max(500).refine(noNul, 'must not contain a NUL character').optional(),
          }),
          response: { 200: connectionSchema, ...problems },
        },
      },
      async (request) => connectionView(await sync.putConnection(request.ctx, request.body)),
    );
    app.post(
      '/syncs',
      {
        config: { permission: 'inventory:write' },
        schema: {
          tags,
          summary: 'Run an ERP sync now (the running one when one is running)',
          body: z.strictObject({ kind: z.enum(['inventory', 'products']) }),
          response: { 202: erpSyncReportSchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) =>
        reply.code(202).send(reportView(await sync.start(request.ctx, request.body.kind))),
    );
    app.get(
      '/syncs',
      {
        config: { permission: 'products:read' },
        schema: {
          tags,
          summary: 'ERP sync reports, newest first',
          querystring: z.strictObject({
            kind: z.enum(['inventory', 'products']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ items: z.array(erpSyncReportSchema) }), ...problems },
        },
      },
      async (request) => ({
        items: (await sync.list(request.ctx, request.query.kind, request.query.limit)).map(reportView),
      }),
    );
    app.get(
      '/syncs/:id',
      {
        config: { permission: 'products:read' },
        schema: {
          tags,
          summary: 'One ERP sync report',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: erpSyncReportSchema, ...problems },
        },
      },
      async (request) => reportView(await sync.get(request.ctx, request.params.id)),
    );
    await Promise.resolve();
  };
}
