import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { systemContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import { CampaignsErrors } from '../errors.js';
import type { PostCallSink } from '../post-call/call-report.sink.js';
import { isSmsOptOut } from '../suppression/sms-opt-out.js';
import type { TelephonyAdapter } from './adapter.js';
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
  readonly sink: Pick<PostCallSink, 'apply' | 'optOut'>;
  readonly publicUrl: string;
}): FastifyPluginAsync {
  const base = deps.publicUrl.replace(/\/+$/, '');
  return async (app) => {
    // This plugin's own parsers: every body as a Buffer, untouched.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });

    /**
     * What both webhooks read first: the tenant in the path, an adapter that takes this kind of
     * webhook, and the body as the bytes that came (signatures cover them).
     */
    const callbackOf = <Parse>(
      request: FastifyRequest<{ Params: { tenant: string; adapter: string } }>,
      parserOf: (adapter: TelephonyAdapter) => Parse | undefined,
      expected: string,
      kind: string,
    ) => {
      const tenantId = fromPublicId('ten', request.params.tenant);
      if (!tenantId) throw CampaignsErrors.telephonyCallbackNotFound('params.tenant', 'is not a tenant id');
      const adapter = deps.adapters.find(request.params.adapter);
      const parse = adapter && parserOf(adapter);
      if (!adapter || parse === undefined)
        throw CampaignsErrors.telephonyCallbackNotFound('params.adapter', expected);
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (rawBody.length === 0) throw CampaignsErrors.telephonyWebhookInvalid('body', 'is empty');
      return {
        adapter,
        parse,
        ctx: systemContext(tenantId, request.id, `telephony-webhook:${adapter.name}${kind}`),
        webhook: { headers: request.headers, rawBody, url: `${base}${request.url}` },
      };
    };

    // Texts to the tenant's numbers (Twilio's messaging webhook): a STOP reply is an opt-out.
    app.post<{ Params: { tenant: string; adapter: string } }>(
      '/:tenant/:adapter/messages',
      { config: { public: true }, bodyLimit: CALLBACK_BODY_LIMIT, schema: { hide: true } },
      async (request, reply) => {
        const { adapter, parse, ctx, webhook } = callbackOf(
          request,
          (a) => a.parseInboundMessage?.bind(a),
          'must be twilio (the adapter that carries texts)',
          ':messages',
        );
        const message = await parse(ctx, webhook);
        if (isSmsOptOut(message.body))
          await deps.sink.optOut(ctx, {
            number: message.from,
            source: 'sms_stop',
            quote: message.body.replaceAll('\u0000', '').slice(0, 2000),
            note: `SMS ${message.messageId} to ${message.to.slice(0, 32)} via ${adapter.name}`,
          });
        // An empty TwiML answer: the provider's own opt-out handling sends any confirmation.
        return reply.code(200).type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response/>');
      },
    );

    app.post<{ Params: { tenant: string; adapter: string } }>(
      '/:tenant/:adapter',
      { config: { public: true }, bodyLimit: CALLBACK_BODY_LIMIT, schema: { hide: true } },
      async (request, reply) => {
        const { parse, ctx, webhook } = callbackOf(
          request,
          (a) => (a.name === 'simulator' ? undefined : a.parseWebhook.bind(a)),
          'must be twilio, vapi or retell',
          '',
        );
        const reports = await parse(ctx, webhook);
        for (const report of reports) await deps.sink.apply(ctx, report, 'webhook');
        return reply.code(204).send();
      },
    );
    await Promise.resolve();
  };
}
