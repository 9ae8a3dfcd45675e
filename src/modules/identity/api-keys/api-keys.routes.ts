import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { ApiKey, ApiKeysService } from '../contract.js';
import { apiKeySchema, authProblems, iso } from '../identity.schemas.js';

const view = (key: ApiKey) => ({
  ...key,
  scopes: [...key.scopes],
  createdAt: key.createdAt.toISOString(),
  expiresAt: iso(key.expiresAt),
  lastUsedAt: iso(key.lastUsedAt),
  revokedAt: iso(key.revokedAt),
});

export function apiKeysRoutes(apiKeys: ApiKeysService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'api_keys:read' },
        schema: {
          tags: ['api-keys'],
          summary: 'List API keys (never their secrets)',
          response: { 200: z.object({ items: z.array(apiKeySchema) }), ...authProblems },
        },
      },
      async (request) => ({ items: (await apiKeys.list(request.ctx)).map(view) }),
    );
    app.post(
      '/',
      {
        config: { permission: 'api_keys:write' },
        schema: {
          tags: ['api-keys'],
          summary: 'Create an API key; the key is in the answer and is never shown again',
          body: z.object({
            name: z.string().min(1).max(200),
            scopes: z
              .array(z.string().max(100))
              .min(1)
              .max(50)
              .describe('e.g. calls:ingest, recordings:ingest'),
            expiresAt: z.iso.datetime().optional(),
          }),
          response: {
            201: z.object({ apiKey: apiKeySchema, key: z.string() }),
            400: problemSchema,
            ...authProblems,
          },
        },
      },
      async (request, reply) => {
        const { expiresAt, ...rest } = request.body;
        const created = await apiKeys.create(request.ctx, {
          ...rest,
          expiresAt: expiresAt ? new Date(expiresAt) : undefined,
        });
        return reply.code(201).send({ apiKey: view(created.apiKey), key: created.key });
      },
    );
    app.delete(
      '/:apiKeyId',
      {
        config: { permission: 'api_keys:write' },
        schema: {
          tags: ['api-keys'],
          summary: 'Revoke an API key (it stops working at once)',
          params: z.object({ apiKeyId: z.string().startsWith('key_') }),
          response: { 200: apiKeySchema, 404: problemSchema, ...authProblems },
        },
      },
      async (request) => view(await apiKeys.revoke(request.ctx, request.params.apiKeyId)),
    );
    await Promise.resolve();
  };
}
