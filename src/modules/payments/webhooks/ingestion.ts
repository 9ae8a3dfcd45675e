import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { GatewayName } from '../contract.js';
import type { PaymentsTables } from '../db/payments.tables.js';
import type { WebhookRequest } from '../gateways/gateway.js';
import type { GatewayRegistry, PaymentsServiceImpl } from '../payments/payments.service.js';

/*
 * One ingestion path for every gateway's webhooks (and the simulator's delayed ones): the adapter
 * verifies the signature and reads the event; the delivery is recorded once per (gateway, event
 * id) with its payload sealed; then it is applied to the payment it names. A delivery that was
 * recorded but not processed (a crash) is processed when it comes again; a processed one is a
 * duplicate and changes nothing.
 */

export interface IngestResult {
  readonly eventId: string;
  readonly duplicate: boolean;
  readonly outcome: string;
}

type Tables = PaymentsTables;

export function createWebhookIngestion(deps: {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly audit: AuditLog;
  readonly gateways: GatewayRegistry;
  readonly service: PaymentsServiceImpl;
}) {
  const { database, service } = deps;

  return async function ingest(
    ctx: RequestContext,
    gatewayName: GatewayName,
    request: WebhookRequest,
  ): Promise<IngestResult> {
    const gateway = deps.gateways.get(gatewayName);
    const event = await gateway.parseWebhook(ctx, request);
    const rowId = newUuid();
    const sealed = await deps.keyring.encrypt(
      ctx.tenantId,
      JSON.stringify(event.payload),
      `payments.gateway_event:${rowId}`,
    );
    let followUp: (() => Promise<unknown>) | undefined;
    const recorded = await database.withTenant<Tables, IngestResult & { id: string }>(ctx, async (trx) => {
      await trx
        .insertInto('payments.gateway_events')
        .values({
          id: rowId,
          tenantId: ctx.tenantId,
          gateway: gatewayName,
          eventId: event.eventId,
          type: event.type,
          paymentId: null,
          payloadSealed: sealed,
          outcome: null,
          processedAt: null,
        })
        .onConflict((oc) => oc.columns(['tenantId', 'gateway', 'eventId']).doNothing())
        .execute();
      const stored = await trx
        .selectFrom('payments.gateway_events')
        .select(['id', 'processedAt', 'outcome'])
        .where('gateway', '=', gatewayName)
        .where('eventId', '=', event.eventId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (stored.processedAt)
        return {
          id: stored.id,
          eventId: event.eventId,
          duplicate: true,
          outcome: stored.outcome ?? 'processed',
        };
      const payment = event.paymentReference
        ? await trx
            .selectFrom('payments.payments')
            .select(['id', 'status'])
            .where('gateway', '=', gatewayName)
            .where('gatewayReference', '=', event.paymentReference)
            .executeTakeFirst()
        : undefined;
      let outcome: string;
      const action = event.action;
      if (action.kind === 'ignored') outcome = `ignored: ${action.reason}`;
      else if (!payment)
        outcome = `ignored: no payment of this tenant has the ${gatewayName} reference ${(event.paymentReference ?? '(none)').slice(0, 80)}`;
      else {
        const waiting = payment.status === 'pending' || payment.status === 'requires_action';
        switch (action.kind) {
          case 'authorized':
            if (waiting) {
              followUp = () =>
                service.applyAuthorization(ctx, payment.id, {
                  status: 'authorized',
                  reference: event.paymentReference,
                  authorizedMinor: action.authorizedMinor,
                });
              outcome = 'authorized';
            } else outcome = `no change: the payment is already ${payment.status}`;
            break;
          case 'failed':
            if (waiting) {
              followUp = () =>
                service.applyAuthorization(ctx, payment.id, {
                  status: 'failed',
                  reference: event.paymentReference,
                  authorizedMinor: 0,
                  failureCode: action.failureCode,
                });
              outcome = 'failed';
            } else outcome = `no change: the payment is already ${payment.status}`;
            break;
          case 'approved':
            followUp = () => service.confirmApproval(ctx, payment.id);
            outcome = 'approved: authorising';
            break;
          case 'captured': {
            const extra = await service.applyMoneyFromGateway(
              trx,
              ctx,
              payment.id,
              'capture',
              action.capturedTotalMinor,
              action.reference,
              `webhook:${gatewayName}:${event.eventId}`,
            );
            outcome =
              extra > 0 ? `captured at the gateway: ${extra}` : 'no change: captures already recorded';
            break;
          }
          case 'refunded': {
            const extra = await service.applyMoneyFromGateway(
              trx,
              ctx,
              payment.id,
              'refund',
              action.refundedTotalMinor,
              action.reference,
              `webhook:${gatewayName}:${event.eventId}`,
            );
            outcome = extra > 0 ? `refunded at the gateway: ${extra}` : 'no change: refunds already recorded';
            break;
          }
          case 'voided': {
            const voided = await service.applyMoneyFromGateway(
              trx,
              ctx,
              payment.id,
              'void',
              0,
              null,
              `webhook:${gatewayName}:${event.eventId}`,
            );
            outcome = voided > 0 ? 'voided at the gateway' : `no change: the payment is ${payment.status}`;
            break;
          }
          case 'disputed':
            await deps.audit.append(trx, ctx, {
              action: 'payments.payment_disputed',
              target: { type: 'payment', id: toPublicId('pay', payment.id) },
              details: { gateway: gatewayName, eventId: event.eventId, reason: action.reason.slice(0, 100) },
            });
            outcome = `disputed: ${action.reason.slice(0, 100)}`;
            break;
        }
      }
      await trx
        .updateTable('payments.gateway_events')
        .set({
          outcome: outcome.slice(0, 500),
          paymentId: payment?.id ?? null,
          processedAt: followUp ? null : new Date(),
        })
        .where('id', '=', stored.id)
        .execute();
      return { id: stored.id, eventId: event.eventId, duplicate: false, outcome };
    });
    if (followUp) {
      await followUp();
      await database.withTenant<Tables>(ctx, (trx) =>
        trx
          .updateTable('payments.gateway_events')
          .set({ processedAt: new Date() })
          .where('id', '=', recorded.id)
          .execute(),
      );
    }
    return { eventId: recorded.eventId, duplicate: recorded.duplicate, outcome: recorded.outcome };
  };
}

export type WebhookIngest = ReturnType<typeof createWebhookIngestion>;
