/** What the timeline needs of a leg (CallRecord v1's CallLeg). */
export interface TimedLeg {
  readonly legId: string;
  readonly startedAt: string | null;
  readonly answeredAt: string | null;
  readonly endedAt: string | null;
  readonly ringSeconds: number | null;
  readonly talkSeconds: number | null;
}

export interface TimedCall {
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly totalSeconds: number | null;
  readonly legs: readonly TimedLeg[];
}

/** One leg's bar, in percent of the call's span: where it starts, how long it rang, how long it talked. */
export interface LegBar {
  readonly legId: string;
  /** False when the source gave the leg no start time: nothing to draw. */
  readonly timed: boolean;
  readonly offsetPct: number;
  /** Start until answer (or until the end, for a leg never answered). */
  readonly ringPct: number;
  readonly talkPct: number;
  readonly answered: boolean;
  readonly ringSeconds: number;
  readonly talkSeconds: number;
  /** Seconds from the call's first moment to this leg's start. */
  readonly startsAfterSeconds: number;
}

export interface Timeline {
  /** Epoch ms of the first and last moment of any leg (or the call). */
  readonly start: number;
  readonly end: number;
  readonly seconds: number;
  readonly legs: readonly LegBar[];
}

const ms = (iso: string | null): number | undefined => {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
};

const clampPct = (value: number) => Math.min(100, Math.max(0, value));

/**
 * Lays the legs of a call out on one time axis from the first leg's start to the last leg's end,
 * so parallel legs (a ring group) sit side by side and transfers follow each other. Times are the
 * source's; a missing end falls back to start + ring + talk.
 */
export function legTimeline(call: TimedCall): Timeline {
  const callStart = ms(call.startedAt) ?? 0;
  const callEnd =
    ms(call.endedAt) ?? (call.totalSeconds !== null ? callStart + call.totalSeconds * 1000 : undefined);
  const spans = call.legs.map((leg) => {
    const start = ms(leg.startedAt);
    if (start === undefined) return undefined;
    const answer = ms(leg.answeredAt);
    const fallbackEnd = start + ((leg.ringSeconds ?? 0) + (leg.talkSeconds ?? 0)) * 1000;
    const end = Math.max(start, ms(leg.endedAt) ?? fallbackEnd, answer ?? start);
    return { start, answer: answer === undefined ? undefined : Math.min(Math.max(answer, start), end), end };
  });
  const starts = [callStart, ...spans.flatMap((s) => (s ? [s.start] : []))];
  const ends = [callEnd ?? callStart, ...spans.flatMap((s) => (s ? [s.end] : []))];
  const start = Math.min(...starts);
  const end = Math.max(...ends, start);
  // A call of zero length still gets an axis: one second wide.
  const width = Math.max(end - start, 1000);
  const pct = (t: number) => clampPct(((t - start) / width) * 100);

  const legs = call.legs.map((leg, index): LegBar => {
    const span = spans[index];
    if (!span) {
      return {
        legId: leg.legId,
        timed: false,
        offsetPct: 0,
        ringPct: 0,
        talkPct: 0,
        answered: leg.answeredAt !== null,
        ringSeconds: leg.ringSeconds ?? 0,
        talkSeconds: leg.talkSeconds ?? 0,
        startsAfterSeconds: 0,
      };
    }
    const ringEnd = span.answer ?? span.end;
    return {
      legId: leg.legId,
      timed: true,
      offsetPct: pct(span.start),
      ringPct: pct(ringEnd) - pct(span.start),
      talkPct: span.answer === undefined ? 0 : pct(span.end) - pct(span.answer),
      answered: span.answer !== undefined,
      ringSeconds: Math.round((ringEnd - span.start) / 1000),
      talkSeconds: span.answer === undefined ? 0 : Math.round((span.end - span.answer) / 1000),
      startsAfterSeconds: Math.round((span.start - start) / 1000),
    };
  });
  return { start, end: start + width, seconds: Math.round(width / 1000), legs };
}
