/**
 * When a failed attempt is tried again. Exponential (×4 from the first wait, capped at 10 hours)
 * with ±20% jitter so receivers that came back are not hit by every installation at once; a
 * Retry-After the receiver sent wins when longer (capped at a day). With the defaults (8 attempts,
 * 30 s first wait) the waits are about 30 s, 2 min, 8 min, 32 min, 2 h, 8.5 h, 10 h: about 21 hours.
 */
export interface RetrySchedule {
  readonly maxAttempts: number;
  readonly firstRetryMs: number;
}

const factor = 4;
const capMs = 10 * 3600_000;
const retryAfterCapMs = 24 * 3600_000;

/** Wait after the given failed attempt (1-based); `random` in [0, 1) for the jitter. */
export function retryDelayMs(
  schedule: RetrySchedule,
  failedAttempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const base = Math.min(capMs, schedule.firstRetryMs * factor ** Math.max(0, failedAttempt - 1));
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, retryAfterCapMs));
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export type AttemptOutcome =
  | { readonly kind: 'succeeded' }
  /** Network error, timeout, 408, 429 or 5xx: tried again until the attempts run out. */
  | { readonly kind: 'retry' }
  /** Any other answer (4xx, a redirect, which is never followed): not tried again. */
  | { readonly kind: 'failed' };

export function classifyStatus(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: 'succeeded' };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry' };
  return { kind: 'failed' };
}
