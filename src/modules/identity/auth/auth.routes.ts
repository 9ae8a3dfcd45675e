import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Surface } from '../../../platform/auth/index.js';
import { problemSchema } from '../../../platform/http/index.js';
import type { AuthService, ClientMeta, UsersService } from '../contract.js';
import { authProblems, tokenPairSchema, userSchema } from '../identity.schemas.js';
import { userView } from '../users/users.routes.js';

function metaOf(request: FastifyRequest): ClientMeta {
  return { requestId: request.id, ip: request.ip, userAgent: request.headers['user-agent'] };
}

export function authRoutes(deps: {
  auth: AuthService;
  users: UsersService;
  surface: Surface;
}): FastifyPluginAsyncZod {
  const { auth, users, surface } = deps;
  return async (app) => {
    app.post(
      '/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password (and a TOTP code when enabled)',
          security: [],
          body: z.object({
            tenant: z.string().min(1).max(63).describe('The tenant slug'),
            email: z.string().min(3).max(320),
            password: z.string().min(1).max(256),
            totp: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
          }),
          response: { 200: tokenPairSchema, 400: problemSchema, 401: problemSchema, 429: problemSchema },
        },
      },
      (request) => auth.login(request.body, surface, metaOf(request)),
    );
    app.post(
      '/refresh',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: 'Exchange a refresh token for a new pair (the old refresh token stops working)',
          security: [],
          body: z.object({ refreshToken: z.string().min(1).max(512) }),
          response: { 200: tokenPairSchema, 400: problemSchema, 401: problemSchema },
        },
      },
      (request) => auth.refresh(request.body.refreshToken, surface, metaOf(request)),
    );
    app.post(
      '/logout',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: 'End the session of a refresh token',
          security: [],
          body: z.object({ refreshToken: z.string().min(1).max(512) }),
          response: { 204: z.null(), 400: problemSchema },
        },
      },
      async (request, reply) => {
        await auth.logout(request.body.refreshToken, surface, metaOf(request));
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/logout-everywhere',
      {
        config: { authenticated: true },
        schema: {
          tags: ['auth'],
          summary: 'End every session of the caller',
          response: { 200: z.object({ revoked: z.number().int() }), ...authProblems },
        },
      },
      async (request) => ({ revoked: await auth.logoutEverywhere(request.ctx) }),
    );
    app.get(
      '/me',
      {
        config: { authenticated: true },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in caller, with the permissions this session has',
          response: {
            200: z.object({
              user: userSchema.nullable(),
              tenantId: z.string(),
              actor: z.string(),
              permissions: z.array(z.string()),
            }),
            ...authProblems,
          },
        },
      },
      async (request) => {
        const principal = request.principal;
        const actorId = request.ctx.actor.id;
        const user = actorId.startsWith('usr_') ? await users.get(request.ctx, actorId) : null;
        return {
          user: user ? userView(user) : null,
          tenantId: request.ctx.tenantId,
          actor: actorId,
          permissions: [...(principal?.permissions ?? [])].sort(),
        };
      },
    );
    app.post(
      '/totp/setup',
      {
        config: { authenticated: true },
        schema: {
          tags: ['auth'],
          summary: 'Start enrolling an authenticator app: returns the secret once, as an otpauth:// URI',
          response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }), ...authProblems },
        },
      },
      (request) => auth.startTotp(request.ctx),
    );
    app.post(
      '/totp/confirm',
      {
        config: { authenticated: true },
        schema: {
          tags: ['auth'],
          summary: 'Finish enrolment with a current code; sign-in asks for a code from then on',
          body: z.object({ code: z.string().regex(/^\d{6}$/) }),
          response: { 204: z.null(), 400: problemSchema, ...authProblems, 409: problemSchema },
        },
      },
      async (request, reply) => {
        await auth.confirmTotp(request.ctx, request.body.code);
        return reply.code(204).send(null);
      },
    );
    await Promise.resolve();
  };
}
