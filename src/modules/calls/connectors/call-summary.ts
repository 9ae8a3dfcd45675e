import type { CallDisposition, CallQuality, CauseCodes } from '../call-record.js';

/** Whole seconds between two ISO instants, rounded to nearest; null when either is unknown. */
export function secondsBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms)) return null;
  return Math.max(0, Math.round(ms / 1000));
}

export interface CallTimes {
  startedAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
}

export interface CallDurations {
  ringSeconds: number | null;
  talkSeconds: number | null;
  totalSeconds: number | null;
}

/**
 * The three durations from the three instants. `reported` wins where the source states a
 * duration itself (billsec, CallDuration): those are what the customer is billed for, and
 * they do not suffer from second-truncated timestamps.
 */
export function deriveDurations(times: CallTimes, reported: Partial<CallDurations> = {}): CallDurations {
  const totalSeconds = reported.totalSeconds ?? secondsBetween(times.startedAt, times.endedAt);
  const answered = times.answeredAt !== null;
  const talkSeconds =
    reported.talkSeconds ??
    (answered ? secondsBetween(times.answeredAt, times.endedAt) : times.endedAt !== null ? 0 : null);
  const ringSeconds =
    reported.ringSeconds ?? (answered ? secondsBetween(times.startedAt, times.answeredAt) : totalSeconds);
  return { ringSeconds, talkSeconds, totalSeconds };
}

export function noCauseCodes(): CauseCodes {
  return { q850: null, sip: null, sourceText: null };
}

export function q850OrNull(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  return Number.isInteger(n) && n > 0 && n <= 127 ? n : null;
}

export function sipCodeOrNull(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^(?:sip:)?([1-6]\d\d)$/i.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * Outcome of an *unanswered* attempt from its Q.850 cause. Normal clearing (16, 31) says
 * nothing about why there was no answer, so it returns null and the caller decides.
 */
export function dispositionFromQ850(cause: number | null): CallDisposition | null {
  if (cause === null) return null;
  if (cause === 17) return 'busy';
  if (cause === 18 || cause === 19) return 'no_answer';
  if (cause === 16 || cause === 31) return null;
  return 'failed';
}

/** Outcome from a final SIP response code. */
export function dispositionFromSip(code: number | null): CallDisposition | null {
  if (code === null) return null;
  if (code >= 200 && code < 300) return 'answered';
  if (code === 486 || code === 600) return 'busy';
  if (code === 408 || code === 480) return 'no_answer';
  if (code === 487) return 'cancelled';
  if (code >= 300) return 'failed';
  return null;
}

/**
 * Worst-case quality over several measurements: the lowest MOS, the highest jitter,
 * loss and round trip. A call is as good as its worst direction.
 */
export function worstQuality(samples: readonly (CallQuality | null)[]): CallQuality | null {
  const present = samples.filter((sample): sample is CallQuality => sample !== null);
  if (present.length === 0) return null;
  const pick = (key: keyof CallQuality, choose: (a: number, b: number) => number): number | null => {
    const values = present.map((sample) => sample[key]).filter((v): v is number => v !== null);
    return values.length === 0 ? null : values.reduce((a, b) => choose(a, b));
  };
  const quality: CallQuality = {
    mos: pick('mos', Math.min),
    jitterMs: pick('jitterMs', Math.max),
    packetLossPct: pick('packetLossPct', Math.max),
    rttMs: pick('rttMs', Math.max),
  };
  return Object.values(quality).every((v) => v === null) ? null : quality;
}

/** Rounds to a sensible precision so that float noise from the source does not leak out. */
export function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function earliest(values: readonly (string | null)[]): string | null {
  const present = values.filter((v): v is string => v !== null).sort();
  return present[0] ?? null;
}

export function latest(values: readonly (string | null)[]): string | null {
  const present = values.filter((v): v is string => v !== null).sort();
  return present[present.length - 1] ?? null;
}
