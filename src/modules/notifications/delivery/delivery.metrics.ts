import { Counter, type Registry } from '../../../platform/telemetry/index.js';

/** What became of one attempt: sent, retry (queued again after a transient failure), failed (final), not_configured. */
export type DeliveryAttemptStatus = 'sent' | 'retry' | 'failed' | 'not_configured';

export interface DeliveryMetrics {
  attempted(channel: 'email' | 'sms', status: DeliveryAttemptStatus): void;
}

/**
 * `notifications_deliveries_total{channel, status}`: e-mail and SMS delivery attempts by what
 * became of them, counted once their row is settled. Both labels are fixed lists; in-app
 * notifications are not delivered through a channel and are not counted here.
 */
export function createDeliveryMetrics(registry: Registry): DeliveryMetrics {
  const deliveries = new Counter({
    name: 'notifications_deliveries_total',
    help: 'E-mail and SMS delivery attempts, by channel and status (sent, retry, failed, not_configured)',
    labelNames: ['channel', 'status'] as const,
    registers: [registry],
  });
  return { attempted: (channel, status) => deliveries.inc({ channel, status }) };
}
