import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import type { IdentityProvider, IdentityProvidersService } from '../contract.js';
import { roles } from '../roles.js';
import { authProblems, identityProviderSchema } from '../identity.schemas.js';

const view = (p: IdentityProvider) => ({
  ...p,
  roleMapping: { ...p.roleMapping },
  createdAt: p.createdAt.toISOString(),
});

export function identityProvidersRoutes(providers: IdentityProvidersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'identity_providers:read' },
        schema: {
          tags: ['identity-providers'],
          summary: 'List OIDC identity providers',
          response: { 200: z.object({ items: z.array(identityProviderSchema) }), ...authProblems },
        },
      },
      async (request) => ({ items: (await providers.list(request.ctx)).map(view) }),
    );
    app.post(
      '/',
      {
        config: { permission: 'identity_providers:write' },
        schema: {
          tags: ['identity-providers'],
          summary: 'Trust an OIDC issuer (Entra ID, Auth0, Clerk, Keycloak...) for one API surface',
          body: z.object({
            name: z.string().min(1).max(200),
            surface: z.enum(['internal', 'external']),
            issuer: z
              .url()
              .max(2000)
              .describe('Issuer URL; its /.well-known/openid-configuration names the JWKS'),
            audience: z.string().min(1).max(500).describe('The aud claim tokens must carry (the API app id)'),
            clientId: z
              .string()
              .max(500)
              .nullable()
              .default(null)
              .describe('For the console sign-in (authorisation code + PKCE)'),
            tenantClaim: z
              .string()
              .max(200)
              .nullable()
              .default(null)
              .describe('Claim that must equal tenantClaimValue, e.g. tid'),
            tenantClaimValue: z.string().max(500).nullable().default(null),
            rolesClaim: z
              .string()
              .max(200)
              .nullable()
              .default(null)
              .describe('Claim holding roles or groups, e.g. roles, groups, realm_access.roles'),
            roleMapping: z
              .record(z.string().min(1).max(500), z.enum(roles))
              .default({})
              .describe('Claim value -> Switchboard role'),
            defaultRole: z.enum(roles).nullable().default(null),
            enabled: z.boolean().default(true),
          }),
          response: { 201: identityProviderSchema, 400: problemSchema, 409: problemSchema, ...authProblems },
        },
      },
      async (request, reply) => reply.code(201).send(view(await providers.create(request.ctx, request.body))),
    );
    app.delete(
      '/:providerId',
      {
        config: { permission: 'identity_providers:write' },
        schema: {
          tags: ['identity-providers'],
          summary: 'Stop trusting an identity provider',
          params: z.object({ providerId: z.string().startsWith('idp_') }),
          response: { 204: z.null(), 404: problemSchema, ...authProblems },
        },
      },
      async (request, reply) => {
        await providers.remove(request.ctx, request.params.providerId);
        return reply.code(204).send(null);
      },
    );
    await Promise.resolve();
  };
}
