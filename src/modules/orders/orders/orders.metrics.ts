import { Counter, type Registry } from '../../../platform/telemetry/index.js';
import type { OrderStatus } from '../contract.js';

export interface OrdersMetrics {
  created(channel: 'internal' | 'portal'): void;
  /** An order moved to `to` (CANCELLED, REFUNDED and the rest of the state machine). */
  statusChanged(to: OrderStatus): void;
  /** A refund was recorded on an order; `full` when it refunded everything captured. */
  refunded(full: boolean): void;
}

/**
 * Orders' counters, moved after the transaction commits. Labels are the channel, the status
 * machine's states and full/partial: all fixed. No tenant label (unbounded).
 */
export function createOrdersMetrics(registry: Registry): OrdersMetrics {
  const created = new Counter({
    name: 'orders_created_total',
    help: 'Orders placed, by channel (internal, portal)',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const changes = new Counter({
    name: 'orders_status_changes_total',
    help: 'Order status changes, by the status reached (CANCELLED counts cancellations, REFUNDED full refunds)',
    labelNames: ['to'] as const,
    registers: [registry],
  });
  const refunds = new Counter({
    name: 'orders_refunds_total',
    help: 'Refunds recorded on orders, by kind (full, partial)',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  return {
    created: (channel) => created.inc({ channel }),
    statusChanged: (to) => changes.inc({ to }),
    refunded: (full) => refunds.inc({ kind: full ? 'full' : 'partial' }),
  };
}
