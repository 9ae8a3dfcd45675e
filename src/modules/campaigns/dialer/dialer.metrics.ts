import { Counter, type Registry } from '../../../platform/telemetry/index.js';
import type { SkipReason } from '../dialing/pre-dial-check.js';

/** What one dialer pass decided, per lead. */
export interface PassDecisions {
  readonly placed: number;
  /** The provider refused or failed the call. */
  readonly notPlaced: number;
  /** Reservations given up by the crash rule. */
  readonly released: number;
  /** Leads the pre-dial check refused, by reason. */
  readonly skipped: Partial<Record<SkipReason, number>>;
}

export interface DialerMetrics {
  pass(decisions: PassDecisions): void;
}

/**
 * `campaigns_dialer_decisions_total{decision, reason}`: every lead a dialer pass decided about.
 * `decision` is placed, not_placed, released or skipped; `reason` is the pre-dial check's refusal
 * (SKIP_REASONS, a fixed list) for skipped and absent otherwise. Dry runs are not counted. No
 * campaign or tenant label: both are unbounded.
 */
export function createDialerMetrics(registry: Registry): DialerMetrics {
  const decisions = new Counter({
    name: 'campaigns_dialer_decisions_total',
    help: 'Leads a dialer pass decided about, by decision (placed, not_placed, released, skipped) and, for skipped, the pre-dial check reason',
    labelNames: ['decision', 'reason'] as const,
    registers: [registry],
  });
  return {
    pass({ placed, notPlaced, released, skipped }) {
      if (placed > 0) decisions.inc({ decision: 'placed' }, placed);
      if (notPlaced > 0) decisions.inc({ decision: 'not_placed' }, notPlaced);
      if (released > 0) decisions.inc({ decision: 'released' }, released);
      for (const [reason, count] of Object.entries(skipped))
        if (count > 0) decisions.inc({ decision: 'skipped', reason }, count);
    },
  };
}
