import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { Item, ItemsService } from '../contract.js';

const itemSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.iso.datetime(),
    announcedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'NotificationsItem' });

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};

const view = (item: Item) => ({
  ...item,
  createdAt: item.createdAt.toISOString(),
  announcedAt: item.announcedAt?.toISOString() ?? null,
});

/** Mounted at /api/v1/notifications/items. The permissions are granted to roles in identity's roles.ts. */
export function itemsRoutes(items: ItemsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/',
      {
        config: { permission: 'notifications:write' },
        schema: {
          tags: ['notifications'],
          summary: 'Add an item',
          body: z.strictObject({ name: z.string().min(1).max(200) }),
          response: { 201: itemSchema, ...problems },
        },
      },
      async (request, reply) => reply.code(201).send(view(await items.create(request.ctx, request.body))),
    );
    app.get(
      '/',
      {
        config: { permission: 'notifications:read' },
        schema: {
          tags: ['notifications'],
          summary: 'The items, newest first',
          response: { 200: z.object({ items: z.array(itemSchema) }), ...problems },
        },
      },
      async (request) => ({ items: (await items.list(request.ctx)).map(view) }),
    );
    app.get(
      '/:itemId',
      {
        config: { permission: 'notifications:read' },
        schema: {
          tags: ['notifications'],
          summary: 'One item',
          params: z.object({ itemId: z.string().max(100) }),
          response: { 200: itemSchema, ...problems },
        },
      },
      async (request) => view(await items.get(request.ctx, request.params.itemId)),
    );
    await Promise.resolve();
  };
}
