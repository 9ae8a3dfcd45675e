import type { FastifyPluginAsync } from 'fastify';
import type { SigningKeys } from './signing-keys.service.js';

/** The public keys our access tokens are signed with, for any service that verifies them. */
export function jwksRoutes(signingKeys: SigningKeys): FastifyPluginAsync {
  return async (app) => {
    app.get('/jwks.json', { config: { public: true } }, async (_request, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      return signingKeys.jwks();
    });
    await Promise.resolve();
  };
}
