import type { AuditLog } from '../../../platform/audit/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import { createTenantBatchLoader, type Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { WebhookDeliveriesService, WebhookDelivery } from '../contract.js';
import type { WebhooksTables, WebhooksTransaction } from '../db/webhooks.tables.js';
import { endpointPrefix, secretAad } from '../endpoints/endpoints.service.js';
import { WebhooksErrors } from '../errors.js';
import { webhookPingType } from '../events.js';
import {
  claimDue,
  findDelivery,
  findEndpoint,
  findMessage,
  insertDeliveries,
  insertMessage,
  listDeliveries,
  pruneMessages,
  subscribedTypes,
  updateDelivery,
  type DeliveryRow,
} from '../webhooks.repo.js';
import type { HttpSender } from './http-sender.js';
import { classifyStatus, parseRetryAfter, retryDelayMs, type RetrySchedule } from './retry-schedule.js';
import { signedHeaders } from './signature.js';

export const deliveryPrefix = 'whdl';
/** The event id as receivers see it (`webhook-id`, the payload's `id`). */
export const messagePrefix = 'evt';
export const messageAad = (messageUuid: string) => `webhooks.message:${messageUuid}`;

export function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: toPublicId(deliveryPrefix, row.id),
    endpointId: toPublicId(endpointPrefix, row.endpointId),
    eventId: toPublicId(messagePrefix, row.messageId),
    eventType: row.eventType,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? row.nextAttemptAt : null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastResponseMs: row.lastResponseMs,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface DeliveriesDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly auditLog: AuditLog;
  readonly logger: Logger;
  readonly send: HttpSender;
  readonly schedule: RetrySchedule;
  /** How long a claimed delivery is left to its sender: more than the request timeout. */
  readonly claimLeaseMs: number;
  /** Counts deliveries that ran out of attempts. */
  onDead?(): void;
}

export interface DeliveriesService extends WebhookDeliveriesService {
  /** Sealed message and one pending delivery per endpoint, in the caller's transaction (the fan-out handler). */
  enqueueWithin(
    trx: WebhooksTransaction,
    tenantId: string,
    event: { readonly id: string; readonly type: string; readonly occurredAt: Date; readonly data: unknown },
    endpointIds: readonly string[],
  ): Promise<DeliveryRow[]>;
  /**
   * Whether an enabled endpoint of the tenant subscribed to the event type: a read without the
   * inbox row and the commit's WAL flush, so the events nobody subscribed to (most of them) cost
   * the fan-out one read-only transaction.
   */
  anySubscribed(tenantId: string, eventType: string): Promise<boolean>;
}

export function createDeliveriesService(deps: DeliveriesDeps): DeliveriesService {
  const { database, keyring, auditLog, logger } = deps;
  const inTenant = <T>(ctx: RequestContext, fn: (trx: WebhooksTransaction) => Promise<T>) =>
    database.withTenant<WebhooksTables, T>(ctx, fn);
  // The fan-out asks this of every event it consumes, most of them at the same moment as others
  // of the same fetch round: one query per tenant for all of them.
  const subscriptions = createTenantBatchLoader<WebhooksTables, string, true>({
    database,
    keyId: (type) => type,
    loadMany: async (trx, types) =>
      new Map((await subscribedTypes(trx, [...new Set(types)])).map((type) => [type, true])),
  });

  const enqueueWithin: DeliveriesService['enqueueWithin'] = async (trx, tenantId, event, endpointIds) => {
    const dataSealed = await keyring.encrypt(
      tenantId,
      JSON.stringify(event.data ?? null),
      messageAad(event.id),
    );
    await insertMessage(trx, {
      id: event.id,
      tenantId,
      eventType: event.type,
      occurredAt: event.occurredAt,
      dataSealed,
    });
    const now = new Date();
    return insertDeliveries(
      trx,
      endpointIds.map((endpointId) => ({
        id: newUuid(),
        tenantId,
        endpointId,
        messageId: event.id,
        eventType: event.type,
        nextAttemptAt: now,
        lastStatusCode: null,
        lastError: null,
        lastResponseMs: null,
      })),
    );
  };

  /** One attempt of a delivery, in the delivery's tenant; returns the row as it ends. */
  const attempt = async (ctx: RequestContext, deliveryUuid: string): Promise<DeliveryRow | undefined> => {
    const loaded = await inTenant(ctx, async (trx) => {
      const delivery = await findDelivery(trx, deliveryUuid);
      if (!delivery || delivery.state !== 'pending') return undefined;
      const [endpoint, message] = await Promise.all([
        findEndpoint(trx, delivery.endpointId),
        findMessage(trx, delivery.messageId),
      ]);
      return endpoint && message ? { delivery, endpoint, message } : undefined;
    });
    if (!loaded) return undefined;
    const { delivery, endpoint, message } = loaded;
    if (!endpoint.enabled) {
      return inTenant(ctx, (trx) =>
        updateDelivery(trx, delivery.id, {
          state: 'failed',
          nextAttemptAt: null,
          claimedUntil: null,
          lastError: 'the endpoint is disabled',
        }),
      );
    }
    const [secret, data] = await Promise.all([
      keyring.decrypt(ctx.tenantId, endpoint.secretSealed, secretAad(endpoint.id)),
      keyring.decrypt(ctx.tenantId, message.dataSealed, messageAad(message.id)),
    ]);
    const eventId = toPublicId(messagePrefix, message.id);
    const body = `{"id":${JSON.stringify(eventId)},"type":${JSON.stringify(message.eventType)},"occurredAt":${JSON.stringify(
      message.occurredAt.toISOString(),
    )},"tenantId":${JSON.stringify(toPublicId('ten', ctx.tenantId))},"data":${data.toString('utf8')}}`;
    const now = new Date();
    const headers = signedHeaders(secret.toString('utf8'), eventId, Math.floor(now.getTime() / 1000), body);
    const result = await deps.send(endpoint.url, headers, body);
    const attempts = delivery.attempts + 1;
    const outcome = result.kind === 'error' ? { kind: 'retry' as const } : classifyStatus(result.status);
    const retryAfterMs = result.kind === 'response' ? parseRetryAfter(result.retryAfter, now) : undefined;
    const state =
      outcome.kind === 'succeeded'
        ? 'succeeded'
        : outcome.kind === 'failed'
          ? 'failed'
          : attempts >= deps.schedule.maxAttempts
            ? 'dead'
            : 'pending';
    if (state === 'dead') {
      deps.onDead?.();
      logger.warn({ tenantId: ctx.tenantId, deliveryId: delivery.id, attempts }, 'webhook delivery is dead');
    }
    return inTenant(ctx, (trx) =>
      updateDelivery(trx, delivery.id, {
        state,
        attempts,
        claimedUntil: null,
        nextAttemptAt:
          state === 'pending'
            ? new Date(Date.now() + retryDelayMs(deps.schedule, attempts, retryAfterMs))
            : null,
        lastStatusCode: result.kind === 'response' ? result.status : null,
        lastError:
          result.kind === 'error'
            ? result.error
            : outcome.kind === 'succeeded'
              ? null
              : `the receiver answered ${result.status}`,
        lastResponseMs: result.ms,
      }),
    );
  };

  const uuidOf = (prefix: string, id: string, notFound: () => Error) => {
    const uuid = fromPublicId(prefix, id);
    if (!uuid) throw notFound();
    return uuid;
  };

  return {
    enqueueWithin,

    async anySubscribed(tenantId, eventType) {
      return (await subscriptions.load(tenantId, eventType)) === true;
    },

    async ping(ctx, endpointId) {
      const endpointUuid = uuidOf(endpointPrefix, endpointId, WebhooksErrors.endpointNotFound);
      const created = await inTenant(ctx, async (trx) => {
        const endpoint = await findEndpoint(trx, endpointUuid);
        if (!endpoint) return undefined;
        const id = newUuid();
        const [row] = await enqueueWithin(
          trx,
          ctx.tenantId,
          { id, type: webhookPingType, occurredAt: new Date(), data: { endpointId } },
          [endpoint.id],
        );
        await auditLog.append(trx, ctx, {
          action: 'webhooks.endpoint.tested',
          target: { type: 'webhook_endpoint', id: endpointId },
        });
        return row;
      });
      if (!created) throw WebhooksErrors.endpointNotFound();
      return toDelivery((await attempt(ctx, created.id)) ?? created);
    },

    async list(ctx, endpointId, limit) {
      const endpointUuid = uuidOf(endpointPrefix, endpointId, WebhooksErrors.endpointNotFound);
      const rows = await inTenant(ctx, async (trx) =>
        (await findEndpoint(trx, endpointUuid)) ? listDeliveries(trx, endpointUuid, limit) : undefined,
      );
      if (!rows) throw WebhooksErrors.endpointNotFound();
      return rows.map(toDelivery);
    },

    async redeliver(ctx, deliveryId) {
      const uuid = uuidOf(deliveryPrefix, deliveryId, WebhooksErrors.deliveryNotFound);
      const row = await inTenant(ctx, async (trx) => {
        const updated = await updateDelivery(trx, uuid, {
          state: 'pending',
          attempts: 0,
          nextAttemptAt: new Date(),
          claimedUntil: null,
          lastError: null,
        });
        if (updated)
          await auditLog.append(trx, ctx, {
            action: 'webhooks.delivery.redelivered',
            target: { type: 'webhook_delivery', id: deliveryId },
            details: { endpointId: toPublicId(endpointPrefix, updated.endpointId) },
          });
        return updated;
      });
      if (!row) throw WebhooksErrors.deliveryNotFound();
      return toDelivery(row);
    },

    async prune(at, keepDays) {
      const settledBefore = new Date(at.getTime() - keepDays * 86_400_000);
      const orphanedBefore = new Date(at.getTime() - 3600_000);
      return { removed: await pruneMessages(database.owner, settledBefore, orphanedBefore) };
    },

    async sendDue(at = new Date(), limit = 200) {
      const claimed = await claimDue(database.owner, at, deps.claimLeaseMs, limit);
      const queue = [...claimed];
      let sent = 0;
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const ctx = systemContext(next.tenantId, newUuid(), 'webhooks-sender');
          try {
            if (await attempt(ctx, next.id)) sent++;
          } catch (error) {
            // Left claimed: tried again when the lease passes.
            logger.error(
              { err: error, tenantId: next.tenantId, deliveryId: next.id },
              'webhook attempt failed',
            );
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      return { sent };
    },
  };
}
