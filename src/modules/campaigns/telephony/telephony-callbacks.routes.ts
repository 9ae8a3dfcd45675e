import type { FastifyPluginAsync } from 'fastify';
import { systemContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import { CampaignsErrors } from '../errors.js';
import type { CallReportSink } from './adapter.js';
import type { TelephonyAdapters } from './telephony-adapters.js';

/*
 * `POST /campaigns/telephony/callbacks/:tenant/:adapter`: the providers' webhooks. No session —
 * the adapter's signature check decides — so the route is public and kept out of the OpenAPI
 * document. The body reaches the adapter as the bytes that came (signatures cover them), JSON
 * (Vapi, Retell) and forms (Twilio) alike. Each report goes to the sink; the provider gets 204.
 */

const CALLBACK_BODY_LIMIT = 2 * 1024 * 1024;

export function telephonyCallbackRoutes(deps: {
  readonly adapters: TelephonyAdapters;
  readonly sink: CallReportSink;
  readonly publicUrl: string;
}): FastifyPluginAsync {
  const base = deps.publicUrl.replace(/\/+$/, '');
  return async (app) => {
    // This plugin's own parsers: every body as a Buffer, untouched.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });

    app.post<{ Params: { tenant: string; adapter: string } }>(
      '/:tenant/:adapter',
      { config: { public: true }, bodyLimit: CALLBACK_BODY_LIMIT, schema: { hide: true } },
      async (request, reply) => {
        const tenantId = fromPublicId('ten', request.params.tenant);
        if (!tenantId) throw CampaignsErrors.telephonyCallbackNotFound('params.tenant', 'is not a tenant id');
        const adapter = deps.adapters.find(request.params.adapter);
        if (!adapter || adapter.name === 'simulator')
          throw CampaignsErrors.telephonyCallbackNotFound('params.adapter', 'must be twilio, vapi or retell');
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        if (rawBody.length === 0) throw CampaignsErrors.telephonyWebhookInvalid('body', 'is empty');
        const ctx = systemContext(tenantId, request.id, `telephony-webhook:${adapter.name}`);
        const reports = await adapter.parseWebhook(ctx, {
          headers: request.headers,
          rawBody,
          url: `${base}${request.url}`,
        });
        for (const report of reports) await deps.sink.apply(ctx, report, 'webhook');
        return reply.code(204).send();
      },
    );
    await Promise.resolve();
  };
}
