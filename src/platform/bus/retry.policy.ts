/** How a group retries a failing handler before the event goes to the dead-letter store. */
export interface RetryPolicy {
  /** Deliveries in all, the first included; the last failure dead-letters the event. */
  readonly maxDeliveries: number;
  /** Wait before the second delivery. */
  readonly initialBackoffMs: number;
  /** Each further wait is multiplied by this. */
  readonly backoffFactor: number;
  readonly maxBackoffMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxDeliveries: 5,
  initialBackoffMs: 1_000,
  backoffFactor: 4,
  maxBackoffMs: 5 * 60_000,
};

/** The wait after the given failed delivery (1-based), before the next one. */
export function backoffMs(policy: RetryPolicy, failedDelivery: number): number {
  const raw = policy.initialBackoffMs * policy.backoffFactor ** Math.max(0, failedDelivery - 1);
  return Math.min(policy.maxBackoffMs, Math.round(raw));
}

/** The whole schedule, for adapters that hand it to the broker (JetStream's `backoff`). */
export function backoffSchedule(policy: RetryPolicy): number[] {
  return Array.from({ length: Math.max(0, policy.maxDeliveries - 1) }, (_, i) => backoffMs(policy, i + 1));
}
