import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { InventoryAdmin, InventoryLevelView, Location } from './inventory.service.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const tags = ['catalog'];

export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must have at most ${max} characters`)
    .refine((v) => !v.includes('\u0000'), 'must not contain a NUL character (U+0000)');

const publicId = (prefix: string) =>
  z
    .string()
    .max(100)
    .regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `must be a ${prefix}_… id`);

export const locationSchema = z
  .object({ id: z.string(), code: z.string(), name: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'CatalogLocation' });

export const inventoryLevelSchema = z
  .object({
    productId: z.string(),
    sku: z.string(),
    name: z.string(),
    locationId: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    lowStockThreshold: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CatalogInventoryLevel' });

const locationView = (l: Location) => ({ ...l, createdAt: l.createdAt.toISOString() });
const levelView = (l: InventoryLevelView) => ({ ...l, updatedAt: l.updatedAt.toISOString() });

/** Mounted at /api/v1/catalog. */
export function inventoryRoutes(inventory: InventoryAdmin): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/locations',
      {
        config: { permission: 'products:read' },
        schema: {
          tags,
          summary: 'The stock locations (warehouses, stores)',
          response: { 200: z.object({ items: z.array(locationSchema) }), ...problems },
        },
      },
      async (request) => ({ items: (await inventory.listLocations(request.ctx)).map(locationView) }),
    );
    app.post(
      '/locations',
      {
        config: { permission: 'inventory:write' },
        schema: {
          tags,
          summary: 'Add a stock location',
          body: z.strictObject({
            code: z
              .string()
              .regex(
                /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
                'must be 1–64 letters, digits, dots, dashes or underscores',
              ),
            name: text(200),
          }),
          response: { 201: locationSchema, ...problems, 409: problemSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(locationView(await inventory.createLocation(request.ctx, request.body))),
    );
    app.get(
      '/inventory',
      {
        config: { permission: 'products:read' },
        schema: {
          tags,
          summary: 'Stock levels per product and location',
          querystring: z.strictObject({
            productId: publicId('prod').optional(),
            locationId: publicId('loc').optional(),
            lowStock: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(200).optional(),
          }),
          response: {
            200: z.object({ items: z.array(inventoryLevelSchema), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => {
        const page = await inventory.listLevels(request.ctx, {
          productId: request.query.productId,
          locationId: request.query.locationId,
          lowStock: request.query.lowStock === 'true',
          limit: request.query.limit,
          cursor: request.query.cursor,
        });
        return { items: page.items.map(levelView), nextCursor: page.nextCursor };
      },
    );
    app.put(
      '/inventory/:productId/:locationId',
      {
        config: { permission: 'inventory:write' },
        schema: {
          tags,
          summary: 'Set or adjust the stock of a product at a location',
          params: z.object({ productId: z.string().max(100), locationId: z.string().max(100) }),
          body: z
            .strictObject({
              onHand: z.number().int().min(0).max(1_000_000_000).optional(),
              adjustBy: z.number().int().min(-1_000_000_000).max(1_000_000_000).optional(),
              lowStockThreshold: z.number().int().min(0).max(1_000_000_000).optional(),
              reason: text(500),
            })
            .refine((b) => !(b.onHand !== undefined && b.adjustBy !== undefined), {
              path: ['adjustBy'],
              message: 'give either onHand or adjustBy, not both',
            }),
          response: { 200: inventoryLevelSchema, ...problems, 409: problemSchema },
        },
      },
      async (request) =>
        levelView(
          await inventory.setLevel(
            request.ctx,
            request.params.productId,
            request.params.locationId,
            request.body,
          ),
        ),
    );
    await Promise.resolve();
  };
}
