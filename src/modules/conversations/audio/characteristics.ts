import type { Span } from './audio.types.js';
import { powerToDb, type ChannelTrack } from './frame-track.js';

/** One party's speech, as voice activity found it. */
export interface SpeakerSpeech {
  /** `spk_0`, `agent`, …: whatever the caller names the parties. */
  readonly speaker: string;
  /** The channel the speaker was heard on; null when diarised from one channel. */
  readonly channel: number | null;
  /** Sorted, non-overlapping speech spans. */
  readonly spans: readonly Span[];
}

export interface CharacteristicsOptions {
  /** Silences at least this long are non-talk time (Contact Lens: 3 s). Default 3000 ms. */
  readonly minNonTalkMs?: number;
  /**
   * Speaking over another party counts as an interruption when the overlap lasts at least this
   * long; shorter overlaps (a quick "mm-hm") count only as overtalk. Default 500 ms.
   */
  readonly minInterruptionMs?: number;
}

export interface TimedSpan extends Span {
  readonly durationMs: number;
}

export interface Interruption {
  /** Who started talking over the other. */
  readonly interrupter: string;
  readonly interrupted: string;
  /** When the interrupter started. */
  readonly atMs: number;
  /** How long both talked at once. */
  readonly durationMs: number;
}

export interface SpeakerCharacteristics {
  readonly speaker: string;
  readonly channel: number | null;
  readonly talkTimeMs: number;
  /** Share of all talk (the talk times of all speakers sum to 1). */
  readonly talkRatio: number;
  /** Share of the recording's length. */
  readonly talkShareOfCall: number;
  /** The longest stretch this speaker talked without anyone else starting to talk. */
  readonly longestMonologue: TimedSpan | null;
  readonly interruptionsMade: number;
  readonly interruptionsSuffered: number;
  readonly spans: readonly Span[];
}

export interface ConversationCharacteristics {
  readonly durationMs: number;
  /** Time during which at least one party talks. */
  readonly talkTimeMs: number;
  readonly speakers: readonly SpeakerCharacteristics[];
  /** Every silence of at least `minNonTalkMs`, the start and end of the recording included. */
  readonly nonTalk: { readonly totalMs: number; readonly periods: readonly TimedSpan[] };
  readonly interruptions: readonly Interruption[];
  /** Time during which two or more parties talk at once. */
  readonly overtalk: { readonly totalMs: number; readonly periods: readonly TimedSpan[] };
}

const timed = (startMs: number, endMs: number): TimedSpan => ({
  startMs,
  endMs,
  durationMs: endMs - startMs,
});
const length = (spans: readonly Span[]) => spans.reduce((sum, s) => sum + (s.endMs - s.startMs), 0);

/**
 * The characteristics Contact Lens reports, from who spoke when: talk time and ratio, non-talk
 * time, interruptions, overtalk, longest monologue. Pure: the spans come from voice activity
 * (a channel per party) or from mono diarisation, or from a transcript's segments.
 */
export function conversationCharacteristics(
  speech: readonly SpeakerSpeech[],
  durationMs: number,
  options: CharacteristicsOptions = {},
): ConversationCharacteristics {
  const minNonTalkMs = options.minNonTalkMs ?? 3000;
  const minInterruptionMs = options.minInterruptionMs ?? 500;

  // Sweep over span edges: how many talk at each instant.
  const edges = speech
    .flatMap((s) =>
      s.spans.flatMap((span) => [
        { at: span.startMs, delta: 1 },
        { at: span.endMs, delta: -1 },
      ]),
    )
    .sort((x, y) => x.at - y.at || x.delta - y.delta);
  const talking: Span[] = [];
  const overtalk: TimedSpan[] = [];
  let active = 0;
  let talkStart = 0;
  let overStart = 0;
  for (const edge of edges) {
    const before = active;
    active += edge.delta;
    if (before === 0 && active === 1) talkStart = edge.at;
    if (before === 1 && active === 0 && edge.at > talkStart)
      talking.push({ startMs: talkStart, endMs: edge.at });
    if (before === 1 && active === 2) overStart = edge.at;
    if (before === 2 && active === 1 && edge.at > overStart) overtalk.push(timed(overStart, edge.at));
  }

  const nonTalk: TimedSpan[] = [];
  let cursor = 0;
  for (const span of [...talking, { startMs: durationMs, endMs: durationMs }]) {
    if (span.startMs - cursor >= minNonTalkMs) nonTalk.push(timed(cursor, span.startMs));
    cursor = Math.max(cursor, span.endMs);
  }

  const interruptions: Interruption[] = [];
  for (const interrupter of speech) {
    for (const other of speech) {
      if (other === interrupter) continue;
      for (const span of interrupter.spans) {
        const held = other.spans.find((o) => o.startMs < span.startMs && span.startMs < o.endMs);
        if (held === undefined) continue;
        const overlap = Math.min(span.endMs, held.endMs) - span.startMs;
        if (overlap >= minInterruptionMs) {
          interruptions.push({
            interrupter: interrupter.speaker,
            interrupted: other.speaker,
            atMs: span.startMs,
            durationMs: overlap,
          });
        }
      }
    }
  }
  interruptions.sort((x, y) => x.atMs - y.atMs);

  const totalTalk = speech.reduce((sum, s) => sum + length(s.spans), 0);
  const speakers = speech.map((s): SpeakerCharacteristics => {
    const talkTimeMs = length(s.spans);
    const othersStart = speech.filter((o) => o !== s).flatMap((o) => o.spans.map((span) => span.startMs));
    return {
      speaker: s.speaker,
      channel: s.channel,
      talkTimeMs,
      talkRatio: totalTalk > 0 ? talkTimeMs / totalTalk : 0,
      talkShareOfCall: durationMs > 0 ? talkTimeMs / durationMs : 0,
      longestMonologue: longestMonologue(s.spans, othersStart, minNonTalkMs),
      interruptionsMade: interruptions.filter((i) => i.interrupter === s.speaker).length,
      interruptionsSuffered: interruptions.filter((i) => i.interrupted === s.speaker).length,
      spans: s.spans,
    };
  });

  return {
    durationMs,
    talkTimeMs: length(talking),
    speakers,
    nonTalk: { totalMs: length(nonTalk), periods: nonTalk },
    interruptions,
    overtalk: { totalMs: length(overtalk), periods: overtalk },
  };
}

/**
 * A monologue runs over the speaker's spans and the pauses between them until someone else
 * starts talking or a silence reaches non-talk length.
 */
function longestMonologue(
  spans: readonly Span[],
  othersStart: readonly number[],
  maxPauseMs: number,
): TimedSpan | null {
  const cuts = othersStart.slice().sort((a, b) => a - b);
  const cutBetween = (from: number, to: number) => cuts.some((c) => c > from && c < to);
  // Split the speaker's spans where another party starts talking inside them.
  const pieces: Span[] = [];
  for (const span of spans) {
    let start = span.startMs;
    for (const cut of cuts) {
      if (cut > start && cut < span.endMs) {
        pieces.push({ startMs: start, endMs: cut });
        start = cut;
      }
    }
    pieces.push({ startMs: start, endMs: span.endMs });
  }
  let best: TimedSpan | null = null;
  let run: Span | null = null;
  const consider = (r: Span) => {
    if (best === null || r.endMs - r.startMs > best.durationMs) best = timed(r.startMs, r.endMs);
  };
  for (const piece of pieces) {
    if (
      run !== null &&
      piece.startMs - run.endMs < maxPauseMs &&
      !cutBetween(run.endMs - 1, piece.startMs + 1)
    ) {
      run = { startMs: run.startMs, endMs: piece.endMs };
      continue;
    }
    if (run !== null) consider(run);
    run = piece;
  }
  if (run !== null) consider(run);
  return best;
}

export interface Loudness {
  /** Level while speaking, over the whole recording (dBFS, RMS). Null if the speaker never spoke. */
  readonly averageDbfs: number | null;
  /** Level while speaking in each second of the recording; null in seconds the speaker is silent. */
  readonly perSecondDbfs: readonly (number | null)[];
}

/** Loudness of one speaker over time: the RMS of the frames inside their speech spans. */
export function speakerLoudness(
  track: ChannelTrack,
  spans: readonly Span[],
  frameMs: number,
  durationMs: number,
): Loudness {
  const seconds = Math.ceil(durationMs / 1000);
  const sum = new Float64Array(seconds);
  const count = new Uint32Array(seconds);
  let total = 0;
  let frames = 0;
  for (const span of spans) {
    const to = Math.min(track.power.length, Math.ceil(span.endMs / frameMs));
    for (let i = Math.floor(span.startMs / frameMs); i < to; i++) {
      const second = Math.floor((i * frameMs) / 1000);
      const power = track.power[i] ?? 0;
      sum[second] = (sum[second] ?? 0) + power;
      count[second] = (count[second] ?? 0) + 1;
      total += power;
      frames++;
    }
  }
  const round = (db: number) => Math.round(db * 10) / 10;
  return {
    averageDbfs: frames > 0 ? round(powerToDb(total / frames)) : null,
    perSecondDbfs: Array.from(sum, (power, s) =>
      (count[s] ?? 0) > 0 ? round(powerToDb(power / (count[s] ?? 1))) : null,
    ),
  };
}

/**
 * Talk speed once a transcript exists: words per minute of talk time, per speaker. Speakers
 * without talk time or without a word count get null.
 */
export function talkSpeed(
  characteristics: Pick<ConversationCharacteristics, 'speakers'>,
  wordCounts: Readonly<Record<string, number>>,
): Record<string, number | null> {
  return Object.fromEntries(
    characteristics.speakers.map((s) => {
      const words = wordCounts[s.speaker];
      const wpm =
        words === undefined || s.talkTimeMs <= 0
          ? null
          : Math.round((words / (s.talkTimeMs / 60_000)) * 10) / 10;
      return [s.speaker, wpm];
    }),
  );
}
