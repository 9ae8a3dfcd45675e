import type { FastifyPluginAsync } from 'fastify';
import { systemContext } from '../../../platform/context.js';
import { fromPublicId, newUuid } from '../../../platform/ids.js';
import type { Database } from '../../../platform/db/index.js';
import type { PaymentsTables } from '../db/payments.tables.js';
import { PaymentsErrors } from '../errors.js';
import type { SimulatorGateway } from '../gateways/simulator.js';
import type { PaymentsServiceImpl } from '../payments/payments.service.js';

/*
 * The simulator's 3-D Secure challenge: `GET /api/v1/payments/simulator/3ds/:paymentId?token=`
 * is a tiny page with Approve and Deny; `POST` the same with `{ outcome }` (JSON or the page's
 * form) settles the authorisation. Public: the token (`ten_….<HMAC of the payment id under a
 * tenant key>`) decides, and a wrong one is a 404 like an unknown payment.
 */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function simulatorChallengeRoutes(deps: {
  readonly simulator: SimulatorGateway;
  readonly service: PaymentsServiceImpl;
  readonly database: Database;
}): FastifyPluginAsync {
  async function challengeOf(paymentId: string, token: unknown) {
    const uuid = fromPublicId('pay', paymentId);
    if (!uuid || typeof token !== 'string' || token.length > 200) throw PaymentsErrors.challengeNotFound();
    const [tenantPart, signature] = token.split('.');
    const tenantId = tenantPart ? fromPublicId('ten', tenantPart) : undefined;
    if (
      !tenantId ||
      !signature ||
      !(await deps.simulator.verifyChallengeToken(tenantId, paymentId, signature))
    )
      throw PaymentsErrors.challengeNotFound();
    const ctx = systemContext(tenantId, newUuid(), 'payments.simulator-3ds');
    const payment = await deps.database.withTenant<
      PaymentsTables,
      { status: string; gatewayReference: string | null; amountMinor: number; currency: string } | undefined
    >(ctx, (trx) =>
      trx
        .selectFrom('payments.payments')
        .select(['status', 'gatewayReference', 'amountMinor', 'currency'])
        .where('id', '=', uuid)
        .where('gateway', '=', 'simulator')
        .executeTakeFirst(),
    );
    if (!payment?.gatewayReference) throw PaymentsErrors.challengeNotFound();
    return { ctx, uuid, payment, reference: payment.gatewayReference };
  }

  return async (app) => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        done(
          null,
          Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))),
        );
      },
    );

    app.get<{ Params: { paymentId: string }; Querystring: { token?: string } }>(
      '/:paymentId',
      { config: { public: true }, schema: { hide: true } },
      async (request, reply) => {
        const { payment } = await challengeOf(request.params.paymentId, request.query.token);
        const action = `?token=${encodeURIComponent(request.query.token ?? '')}`;
        const waiting = payment.status === 'requires_action';
        const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>3-D Secure (simulator)</title></head>
<body><h1>3-D Secure — simulator</h1>
<p>Payment of ${escapeHtml(String(payment.amountMinor))} (minor units) ${escapeHtml(payment.currency)}: ${escapeHtml(payment.status)}.</p>
${waiting ? `<form method="post" action="${escapeHtml(action)}"><button name="outcome" value="approve">Approve</button> <button name="outcome" value="deny">Deny</button></form>` : ''}
</body></html>`;
        return reply
          .code(200)
          .header('content-security-policy', "default-src 'none'; form-action 'self'")
          .type('text/html; charset=utf-8')
          .send(html);
      },
    );

    app.post<{ Params: { paymentId: string }; Querystring: { token?: string }; Body: unknown }>(
      '/:paymentId',
      { config: { public: true }, bodyLimit: 4096, schema: { hide: true } },
      async (request, reply) => {
        const body = request.body as { outcome?: unknown } | undefined;
        const outcome = body?.outcome;
        if (outcome !== 'approve' && outcome !== 'deny')
          throw PaymentsErrors.invalidInput('body.outcome', "must be 'approve' or 'deny'");
        const { ctx, uuid, reference } = await challengeOf(request.params.paymentId, request.query.token);
        const result = await deps.simulator.completeChallenge(ctx, reference, outcome);
        const payment = await deps.service.applyAuthorization(ctx, uuid, result);
        return reply
          .code(200)
          .send({ id: payment.id, status: payment.status, failureCode: payment.failureCode });
      },
    );
    await Promise.resolve();
  };
}
