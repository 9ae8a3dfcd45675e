import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../http/index.js';
import type { SecretsStore } from './secrets.store.js';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const params = z.object({
  name: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9][a-z0-9._-]*$/)
    .describe('e.g. teams.client_secret, twilio.auth_token'),
});

/** Connector credentials: set and delete, list names. There is deliberately no route that reads a value. */
export function secretsRoutes(secrets: SecretsStore): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'settings:read' },
        schema: {
          tags: ['settings'],
          summary: 'Names of the stored connector secrets (never their values)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  name: z.string(),
                  updatedAt: z.iso.datetime(),
                  updatedBy: z.string(),
                  expiresAt: z.iso
                    .datetime()
                    .nullable()
                    .describe('When the credential stops working, if given'),
                }),
              ),
            }),
            ...problems,
          },
        },
      },
      async (request) => ({
        items: (await secrets.list(request.ctx)).map((s) => ({
          ...s,
          updatedAt: s.updatedAt.toISOString(),
          expiresAt: s.expiresAt?.toISOString() ?? null,
        })),
      }),
    );
    app.put(
      '/:name',
      {
        config: { permission: 'settings:write' },
        schema: {
          tags: ['settings'],
          summary: 'Store a connector secret (write-only: it can be replaced or deleted, not read back)',
          params,
          body: z.object({
            value: z.string().min(1).max(16_384),
            expiresAt: z.iso
              .datetime({ offset: true, message: 'must be an ISO 8601 instant with Z or an offset' })
              .optional()
              .describe(
                'When the credential stops working at its issuer (a client secret, a certificate): the expiry alert warns ahead of it',
              ),
          }),
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        const { value, expiresAt } = request.body;
        await secrets.put(request.ctx, request.params.name, value, {
          expiresAt: expiresAt === undefined ? null : new Date(expiresAt),
        });
        return reply.code(204).send(null);
      },
    );
    app.delete(
      '/:name',
      {
        config: { permission: 'settings:write' },
        schema: {
          tags: ['settings'],
          summary: 'Delete a connector secret',
          params,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await secrets.remove(request.ctx, request.params.name);
        return reply.code(204).send(null);
      },
    );
    await Promise.resolve();
  };
}
