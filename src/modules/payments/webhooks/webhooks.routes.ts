import type { FastifyPluginAsync } from 'fastify';
import { systemContext } from '../../../platform/context.js';
import { fromPublicId, newUuid } from '../../../platform/ids.js';
import { PaymentsErrors } from '../errors.js';
import type { WebhookIngest } from './ingestion.js';

/*
 * `POST /api/v1/payments/webhooks/:tenant/:gateway`: the gateways' webhooks. No session — the
 * adapter's signature check decides — so the route is public and kept out of the OpenAPI
 * document. The body reaches the adapter as the bytes that came (signatures cover them).
 */

const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export function paymentWebhookRoutes(ingest: WebhookIngest): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });
    app.post<{ Params: { tenant: string; gateway: string } }>(
      '/:tenant/:gateway',
      { config: { public: true }, bodyLimit: WEBHOOK_BODY_LIMIT, schema: { hide: true } },
      async (request, reply) => {
        const tenantId = fromPublicId('ten', request.params.tenant);
        if (!tenantId) throw PaymentsErrors.webhookInvalid('params.tenant', 'is not a tenant id');
        const gateway = request.params.gateway;
        if (gateway !== 'stripe' && gateway !== 'paypal' && gateway !== 'simulator')
          throw PaymentsErrors.webhookInvalid('params.gateway', 'must be stripe, paypal or simulator');
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (rawBody.length === 0) throw PaymentsErrors.webhookInvalid('body', 'is empty');
        const ctx = systemContext(tenantId, request.id || newUuid(), `payments-webhook:${gateway}`);
        const result = await ingest(ctx, gateway, { headers: request.headers, rawBody });
        return reply.code(200).send({ received: true, duplicate: result.duplicate, outcome: result.outcome });
      },
    );
    await Promise.resolve();
  };
}
