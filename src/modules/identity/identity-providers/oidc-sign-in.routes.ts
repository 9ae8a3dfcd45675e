import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { OidcSignInService } from './oidc-sign-in.service.js';
import { tokenPairSchema } from '../identity.schemas.js';

const tenant = z.string().min(1).max(63).describe('The tenant slug, as for password sign-in');
const providerId = z.string().startsWith('idp_').max(64).describe('idp_... from GET /auth/providers');
const redirectUri = z.string().max(2000).describe('<public URL>/auth/callback (checked exactly)');
/** Random values the browser makes; base64url, long enough not to be guessed. */
const browserRandom = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/, 'must be 22 to 128 base64url characters');

const signInOptionSchema = z
  .object({ id: z.string().describe('idp_...'), name: z.string() })
  .meta({ id: 'SignInOption' });

/**
 * "Sign in with <provider>" (authorisation code + PKCE). The console makes the PKCE verifier,
 * state and nonce, keeps them in its tab, and sends only the challenge to start; the exchange
 * happens here, so the console ends up with an ordinary Switchboard session.
 */
export function oidcSignInRoutes(service: OidcSignInService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/providers',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: 'The identity providers a tenant offers for console sign-in (empty for an unknown tenant)',
          security: [],
          querystring: z.object({ tenant }),
          response: {
            200: z.object({ items: z.array(signInOptionSchema) }),
            400: problemSchema,
            429: problemSchema,
          },
        },
      },
      async (request) => ({ items: await service.options(request.query.tenant) }),
    );
    app.post(
      '/oidc/start',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary:
            'The provider’s authorisation URL for a sign-in the browser prepared (PKCE S256, state, nonce)',
          security: [],
          body: z.object({
            tenant,
            providerId,
            redirectUri,
            codeChallenge: z
              .string()
              .regex(/^[A-Za-z0-9_-]{43}$/, 'must be BASE64URL(SHA-256(code_verifier)), 43 characters')
              .describe('S256 challenge of the verifier the browser keeps'),
            state: browserRandom,
            nonce: browserRandom,
          }),
          response: {
            200: z.object({ authorizationUrl: z.string() }),
            400: problemSchema,
            404: problemSchema,
            429: problemSchema,
            503: problemSchema,
          },
        },
      },
      (request) => service.start(request.body),
    );
    app.post(
      '/oidc/exchange',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary:
            'Finish a provider sign-in: redeem the authorisation code and get a Switchboard token pair',
          security: [],
          body: z.object({
            tenant,
            providerId,
            code: z.string().min(1).max(4096),
            codeVerifier: z
              .string()
              .regex(/^[A-Za-z0-9._~-]{43,128}$/, 'must be an RFC 7636 code verifier (43 to 128 characters)'),
            redirectUri,
            nonce: browserRandom,
            iss: z
              .string()
              .max(2000)
              .optional()
              .describe('The iss parameter of the authorisation response, when the provider sent one'),
          }),
          response: {
            200: tokenPairSchema,
            400: problemSchema,
            401: problemSchema,
            403: problemSchema,
            404: problemSchema,
            409: problemSchema,
            429: problemSchema,
            503: problemSchema,
          },
        },
      },
      (request) =>
        service.exchange(request.body, {
          requestId: request.id,
          ip: request.ip,
          userAgent: request.headers['user-agent'],
        }),
    );
    await Promise.resolve();
  };
}
