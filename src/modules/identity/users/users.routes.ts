import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { User, UsersService } from '../contract.js';
import { roles } from '../roles.js';
import { authProblems, iso, userSchema } from '../identity.schemas.js';

export const userView = (user: User) => ({
  ...user,
  roles: [...user.roles],
  lockedUntil: iso(user.lockedUntil),
  createdAt: user.createdAt.toISOString(),
});
const view = userView;
const params = z.object({ userId: z.string().startsWith('usr_') });

export function usersRoutes(users: UsersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'users:read' },
        schema: {
          tags: ['users'],
          summary: 'List users',
          response: { 200: z.object({ items: z.array(userSchema) }), ...authProblems },
        },
      },
      async (request) => ({ items: (await users.list(request.ctx)).map(view) }),
    );
    app.post(
      '/',
      {
        config: { permission: 'users:write' },
        schema: {
          tags: ['users'],
          summary: 'Create a user (employee or client) with a password',
          body: z.object({
            email: z.email().max(320),
            password: z
              .string()
              .min(12)
              .max(256)
              .optional()
              .describe('Omit for users who only sign in through an identity provider'),
            displayName: z.string().min(1).max(200).optional(),
            kind: z.enum(['employee', 'client']).default('employee'),
            roles: z.array(z.enum(roles)).min(1),
          }),
          response: { 201: userSchema, 400: problemSchema, 409: problemSchema, ...authProblems },
        },
      },
      async (request, reply) => reply.code(201).send(view(await users.create(request.ctx, request.body))),
    );
    app.put(
      '/:userId/roles',
      {
        config: { permission: 'users:write' },
        schema: {
          tags: ['users'],
          summary: "Replace a user's roles",
          params,
          body: z.object({ roles: z.array(z.enum(roles)).min(1) }),
          response: {
            200: userSchema,
            400: problemSchema,
            404: problemSchema,
            409: problemSchema,
            ...authProblems,
          },
        },
      },
      async (request) => view(await users.setRoles(request.ctx, request.params.userId, request.body.roles)),
    );
    app.put(
      '/:userId/status',
      {
        config: { permission: 'users:write' },
        schema: {
          tags: ['users'],
          summary: 'Disable a user (ending their sessions) or enable them again',
          params,
          body: z.object({ status: z.enum(['active', 'disabled']) }),
          response: {
            200: userSchema,
            400: problemSchema,
            404: problemSchema,
            409: problemSchema,
            ...authProblems,
          },
        },
      },
      async (request) => view(await users.setStatus(request.ctx, request.params.userId, request.body.status)),
    );
    await Promise.resolve();
  };
}
