import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { SavedView, SavedViewsService } from '../contract.js';
import { authProblems } from '../identity.schemas.js';

const savedViewSchema = z
  .object({
    id: z.string().describe('view_...'),
    list: z.string(),
    name: z.string(),
    state: z.string().describe("The list's address query string, without '?'"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SavedView' });

const listName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a list name such as calls')
  .describe('The console list: calls, users, api-keys…');
/** Names are trimmed; the limits are the table's, said here so the form can say them first. */
const viewName = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');
const viewState = z
  .string()
  .max(2000, 'must be at most 2,000 characters')
  .refine((s) => !s.startsWith('?'), 'must not start with ?');
const viewId = z.object({ viewId: z.string().max(64).startsWith('view_') });

const view = (v: SavedView) => ({
  ...v,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});

/** The caller's saved views of console lists: private to them, every change audited. */
export function savedViewsRoutes(views: SavedViewsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { authenticated: true },
        schema: {
          tags: ['views'],
          summary: 'Your saved views of one list, by name',
          querystring: z.object({ list: listName }),
          response: {
            200: z.object({ items: z.array(savedViewSchema) }),
            400: problemSchema,
            ...authProblems,
          },
        },
      },
      async (request) => ({ items: (await views.list(request.ctx, request.query.list)).map(view) }),
    );
    app.post(
      '/',
      {
        config: { authenticated: true },
        schema: {
          tags: ['views'],
          summary: 'Save a view of a list (audited)',
          body: z.object({ list: listName, name: viewName, state: viewState }),
          response: { 201: savedViewSchema, 400: problemSchema, 409: problemSchema, ...authProblems },
        },
      },
      async (request, reply) => reply.code(201).send(view(await views.create(request.ctx, request.body))),
    );
    app.put(
      '/:viewId',
      {
        config: { authenticated: true },
        schema: {
          tags: ['views'],
          summary: 'Rename a saved view or replace its state (audited)',
          params: viewId,
          body: z.object({ name: viewName.optional(), state: viewState.optional() }),
          response: {
            200: savedViewSchema,
            400: problemSchema,
            404: problemSchema,
            409: problemSchema,
            ...authProblems,
          },
        },
      },
      async (request) => view(await views.update(request.ctx, request.params.viewId, request.body)),
    );
    app.delete(
      '/:viewId',
      {
        config: { authenticated: true },
        schema: {
          tags: ['views'],
          summary: 'Delete a saved view (audited)',
          params: viewId,
          response: { 204: z.null(), 404: problemSchema, ...authProblems },
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
