import { Counter, type Registry } from '../../../platform/telemetry/index.js';
import type { GatewayName, TransactionKind } from '../contract.js';

export type OperationOutcome = 'succeeded' | 'failed' | 'requires_action';

export interface PaymentsMetrics {
  /** A gateway's answer to an operation we asked for was recorded (once per operation). */
  settled(gateway: GatewayName, operation: TransactionKind, outcome: OperationOutcome): void;
}

/**
 * `payments_operations_total{gateway, operation, outcome}`: operations asked of a gateway
 * (authorize, capture, void, refund) by the outcome recorded: succeeded, failed (declined,
 * refused), requires_action (3-D Secure, an approval). All three labels are fixed lists. Movements
 * a gateway reports by webhook without our asking are not operations and are not counted here.
 */
export function createPaymentsMetrics(registry: Registry): PaymentsMetrics {
  const operations = new Counter({
    name: 'payments_operations_total',
    help: 'Payment operations asked of a gateway, by gateway, operation (authorize, capture, void, refund) and outcome (succeeded, failed, requires_action)',
    labelNames: ['gateway', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  return {
    settled: (gateway, operation, outcome) => operations.inc({ gateway, operation, outcome }),
  };
}
