import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { ClientMeta } from '../contract.js';
import { tokenPairSchema } from '../identity.schemas.js';
import type { SignUpService } from './sign-up.service.js';

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const controlChars = /[\u0000-\u001f\u007f]/;
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !controlChars.test(value), { message: 'must not contain control characters' });

const tenant = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a tenant slug')
  .describe('The tenant slug');

const metaOf = (request: FastifyRequest): ClientMeta => ({
  requestId: request.id,
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

/** Client sign-up and e-mail verification (external surface; its rate limit applies). */
export function signUpRoutes(signUp: SignUpService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/sign-up',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary:
            'Create a client account; a verification link is e-mailed (same answer for a known address)',
          security: [],
          body: z.object({
            tenant,
            email: text(320).pipe(z.string().trim().pipe(z.email('must be an e-mail address'))),
            password: text(256).pipe(z.string().min(1)),
            displayName: text(120).pipe(z.string().trim().min(1, 'must not be empty')),
          }),
          response: {
            202: z.object({ status: z.literal('verification_sent') }),
            400: problemSchema,
            429: problemSchema,
          },
        },
      },
      async (request, reply) => {
        await signUp.signUp(request.body, metaOf(request));
        return reply.code(202).send({ status: 'verification_sent' as const });
      },
    );
    app.post(
      '/verify-email',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: 'Confirm the e-mail address with the link’s token; answers a session like sign-in',
          security: [],
          body: z.object({
            tenant,
            token: z
              .string()
              .min(16)
              .max(128)
              .regex(/^[A-Za-z0-9_-]+$/, 'must be a token'),
          }),
          response: { 200: tokenPairSchema, 400: problemSchema, 429: problemSchema },
        },
      },
      (request) => signUp.verifyEmail(request.body, metaOf(request)),
    );
    await Promise.resolve();
  };
}
