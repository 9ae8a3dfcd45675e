import { systemContext } from '../../../platform/context.js';
import type { SubjectKeys } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { NotificationsTables } from '../db/notifications.tables.js';
import { DeliveryFailure, type Channels } from './channels.js';
import { claimDelivery, dueDeliveries, settleDelivery, type DeliveryRow } from './deliveries.repo.js';
import type { DeliveryAttemptStatus, DeliveryMetrics } from './delivery.metrics.js';

/** Attempts per delivery before a transient failure becomes final. */
export const maxAttempts = 6;

/** 30 s, 2 min, 8 min, 32 min, then hourly. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 4 ** (attempt - 1), 3_600_000);
}

export const addressAad = (deliveryId: string) => `notifications.delivery.address:${deliveryId}`;
export const contentAad = (deliveryId: string) => `notifications.delivery.content:${deliveryId}`;

export interface Dispatcher {
  /** Sends one delivery if it is due now (after its notification committed). */
  dispatch(tenantId: string, deliveryId: string, now?: Date): Promise<void>;
  /** Sends every due delivery of every tenant: deferred ones whose quiet hours ended, retries. */
  runDue(now?: Date): Promise<number>;
}

export function createDispatcher(deps: {
  readonly database: Database;
  readonly subjectKeys: SubjectKeys;
  readonly channels: Channels;
  readonly logger: Logger;
  /** Counts each attempt by channel and what became of it, once settled. */
  readonly metrics?: DeliveryMetrics;
}): Dispatcher {
  const { database, subjectKeys, channels, logger } = deps;

  async function send(tenantId: string, row: DeliveryRow): Promise<{ providerId: string | null }> {
    const ctx = systemContext(tenantId, `delivery-${row.id}`, 'notifications.dispatcher');
    if (!row.addressCiphertext || !row.contentCiphertext)
      throw new DeliveryFailure('terminal', 'nothing to send (no address or content)');
    const opened = await Promise.all([
      subjectKeys.open(tenantId, row.addressCiphertext, addressAad(row.id)),
      subjectKeys.open(tenantId, row.contentCiphertext, contentAad(row.id)),
    ]).catch((error: unknown) => {
      throw new DeliveryFailure('terminal', `the recipient's data was erased (${(error as Error).name})`);
    });
    const address = opened[0].toString('utf8');
    const content = JSON.parse(opened[1].toString('utf8')) as { subject: string; body: string };
    if (row.channel === 'email')
      return channels.email(ctx, { to: address, subject: content.subject, text: content.body });
    return channels.sms(ctx, { to: address, body: content.body });
  }

  async function dispatch(tenantId: string, deliveryId: string, now = new Date()): Promise<void> {
    const scope = { tenantId };
    const claimed = await database.withTenant<NotificationsTables, DeliveryRow | undefined>(scope, (trx) =>
      claimDelivery(trx, deliveryId, now),
    );
    if (!claimed || claimed.channel === 'in_app') return;
    let changes: Parameters<typeof settleDelivery>[2];
    let attempt: DeliveryAttemptStatus;
    try {
      const { providerId } = await send(tenantId, claimed);
      // Sent: the rendered text is not kept (it may hold a single-use link).
      changes = { status: 'sent', sentAt: new Date(), providerId, reason: null, contentCiphertext: null };
      attempt = 'sent';
    } catch (error) {
      const failure =
        error instanceof DeliveryFailure ? error : new DeliveryFailure('transient', (error as Error).message);
      attempt =
        failure.outcome === 'not_configured'
          ? 'not_configured'
          : failure.outcome === 'transient' && claimed.attempts < maxAttempts
            ? 'retry'
            : 'failed';
      if (attempt === 'not_configured') changes = { status: 'not_configured', reason: failure.message };
      else if (attempt === 'retry')
        changes = {
          status: 'queued',
          reason: failure.message,
          dueAt: new Date(now.getTime() + backoffMs(claimed.attempts)),
        };
      else
        changes = {
          status: 'failed',
          reason:
            failure.outcome === 'transient'
              ? `gave up after ${claimed.attempts} attempts: ${failure.message}`
              : failure.message,
          contentCiphertext: null,
        };
      logger.info(
        { deliveryId, channel: claimed.channel, status: changes.status },
        'notification delivery not sent',
      );
    }
    await database.withTenant<NotificationsTables>(scope, (trx) => settleDelivery(trx, deliveryId, changes));
    deps.metrics?.attempted(claimed.channel, attempt);
  }

  return {
    dispatch,
    async runDue(now = new Date()) {
      const due = await dueDeliveries(database, now, 200);
      for (const { tenantId, id } of due) {
        await dispatch(tenantId, id, now).catch((error: unknown) =>
          logger.warn({ err: error, deliveryId: id }, 'notification delivery failed unexpectedly'),
        );
      }
      return due.length;
    },
  };
}
