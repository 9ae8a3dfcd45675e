import type { ConversationCharacteristics } from '../audio/characteristics.js';

/*
 * What the deterministic scoring and the categories read: a narrow view of a call, so that the
 * local analyser, the LLM analysers and the preview of a stored recording can all hand it over
 * without sharing their own types. Times are integer milliseconds from the start of the recording.
 */

export type SpeakerRole = 'agent' | 'customer' | 'unknown';

export interface ScoringSegment {
  /** `seg_<n>` as the transcript names it. */
  readonly id: string;
  readonly speaker: SpeakerRole;
  readonly startMs: number;
  readonly endMs: number;
  /** The redacted text. */
  readonly text: string;
  /** Sentiment of the segment in -1 (negative) .. 1 (positive), when an analyser gave one. */
  readonly sentiment?: number | null;
}

export interface TimedPeriod {
  readonly startMs: number;
  readonly endMs: number;
}

/** The acoustic facts by role: what talk ratio, silence, interruption and monologue checks read. */
export interface RoleCharacteristics {
  /** Every silence of at least the characteristics' minimum (3 s), start and end of the call included. */
  readonly nonTalk: readonly TimedPeriod[];
  /** Share of all talk per role, 0..1. */
  readonly talkRatio: Readonly<Partial<Record<SpeakerRole, number>>>;
  readonly interruptions: readonly {
    readonly by: SpeakerRole;
    readonly atMs: number;
    readonly durationMs: number;
  }[];
  readonly longestMonologue: Readonly<Partial<Record<SpeakerRole, TimedPeriod | null>>>;
}

export interface ScoringInput {
  /** Length of the recording; null = the end of the last segment. */
  readonly durationMs: number | null;
  readonly segments: readonly ScoringSegment[];
  /** From the audio when it was measured; otherwise derived from the segments' times. */
  readonly characteristics?: RoleCharacteristics | null;
}

/** The call's length: the recording's, or the end of its last segment. */
export function callDuration(input: ScoringInput): number {
  return input.durationMs ?? input.segments.reduce((end, s) => Math.max(end, s.endMs), 0);
}

/**
 * The pipeline's characteristics (speakers named `spk_<n>`) by role. `roleOf` maps a
 * characteristics speaker (its name and channel) to the transcript speaker's role.
 */
export function characteristicsByRole(
  measured: ConversationCharacteristics,
  roleOf: (speaker: string, channel: number | null) => SpeakerRole,
): RoleCharacteristics {
  const talkRatio: Partial<Record<SpeakerRole, number>> = {};
  const longestMonologue: Partial<Record<SpeakerRole, TimedPeriod | null>> = {};
  const roleByName = new Map<string, SpeakerRole>();
  for (const speaker of measured.speakers) {
    const role = roleOf(speaker.speaker, speaker.channel);
    roleByName.set(speaker.speaker, role);
    talkRatio[role] = (talkRatio[role] ?? 0) + speaker.talkRatio;
    const mine = speaker.longestMonologue;
    const before = longestMonologue[role];
    if (mine && (!before || mine.endMs - mine.startMs > before.endMs - before.startMs))
      longestMonologue[role] = { startMs: mine.startMs, endMs: mine.endMs };
    else longestMonologue[role] ??= null;
  }
  return {
    nonTalk: measured.nonTalk.periods.map((p) => ({ startMs: p.startMs, endMs: p.endMs })),
    talkRatio,
    interruptions: measured.interruptions.map((i) => ({
      by: roleByName.get(i.interrupter) ?? 'unknown',
      atMs: i.atMs,
      durationMs: i.durationMs,
    })),
    longestMonologue,
  };
}

const MIN_NON_TALK_MS = 3000;
const MIN_INTERRUPTION_MS = 500;

/**
 * The same facts from the segments' times alone, for a call whose audio was not measured (a
 * supplied transcript without audio). Coarser than the audio's: a segment is talk from its start
 * to its end, pauses inside it included.
 */
export function characteristicsFromSegments(input: ScoringInput): RoleCharacteristics {
  const segments = [...input.segments].sort((a, b) => a.startMs - b.startMs);
  const duration = callDuration(input);
  const nonTalk: TimedPeriod[] = [];
  let cursor = 0;
  for (const s of [...segments, { startMs: duration, endMs: duration }]) {
    if (s.startMs - cursor >= MIN_NON_TALK_MS) nonTalk.push({ startMs: cursor, endMs: s.startMs });
    cursor = Math.max(cursor, s.endMs);
  }
  const talk = new Map<SpeakerRole, number>();
  for (const s of segments) talk.set(s.speaker, (talk.get(s.speaker) ?? 0) + (s.endMs - s.startMs));
  const total = [...talk.values()].reduce((a, b) => a + b, 0);
  const talkRatio: Partial<Record<SpeakerRole, number>> = {};
  for (const [role, ms] of talk) talkRatio[role] = total > 0 ? ms / total : 0;

  const interruptions: { by: SpeakerRole; atMs: number; durationMs: number }[] = [];
  for (const s of segments) {
    const held = segments.find(
      (o) => o.speaker !== s.speaker && o.startMs < s.startMs && s.startMs < o.endMs,
    );
    if (!held) continue;
    const overlap = Math.min(s.endMs, held.endMs) - s.startMs;
    if (overlap >= MIN_INTERRUPTION_MS)
      interruptions.push({ by: s.speaker, atMs: s.startMs, durationMs: overlap });
  }

  // A monologue: consecutive segments of one role, until another role starts talking.
  const longestMonologue: Partial<Record<SpeakerRole, TimedPeriod | null>> = {};
  let run: { role: SpeakerRole; startMs: number; endMs: number } | null = null;
  const close = () => {
    if (!run) return;
    const best = longestMonologue[run.role];
    if (!best || run.endMs - run.startMs > best.endMs - best.startMs)
      longestMonologue[run.role] = { startMs: run.startMs, endMs: run.endMs };
  };
  for (const s of segments) {
    if (run && run.role === s.speaker) run.endMs = Math.max(run.endMs, s.endMs);
    else {
      close();
      run = { role: s.speaker, startMs: s.startMs, endMs: s.endMs };
    }
  }
  close();
  return { nonTalk, talkRatio, interruptions, longestMonologue };
}

/** The characteristics given with the input, or those the segments imply. */
export function roleCharacteristics(input: ScoringInput): RoleCharacteristics {
  return input.characteristics ?? characteristicsFromSegments(input);
}

/** Lower case, punctuation as space, single spaces, padded: so `includes(' word ')` matches whole words. */
export function normaliseText(text: string): string {
  return ` ${text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** Whether the segment's text contains the phrase as whole words, case and punctuation ignored. */
export function saysPhrase(segmentText: string, phrase: string): boolean {
  const needle = normaliseText(phrase);
  return needle.trim().length > 0 && normaliseText(segmentText).includes(needle);
}
