import type { Span } from './audio.types.js';
import { powerToDb, type ChannelTrack } from './frame-track.js';

export interface MonoDiarisation {
  /** One or two lists of speech spans; index 0 is whoever spoke first (the agent, as CCI Lite assumes). */
  readonly speakers: Span[][];
  /** How far apart the two voices are, in pooled standard deviations (0 when one speaker was found). */
  readonly separation: number;
}

export interface MonoDiarisationOptions {
  /** Below this separation the recording is taken as one speaker. Default 2.5. */
  readonly minSeparation?: number;
}

interface Turn {
  readonly span: Span;
  readonly weight: number;
  readonly level: number;
  readonly brightness: number;
}

/**
 * Splits the speech of a one-channel recording between at most two speakers, without a model:
 * each speech span (a turn, as the VAD's hangover delimits it) is described by its median level
 * and median zero-crossing rate, and the turns are split in two by weighted 2-means over these.
 * The split is kept only when the two groups are well apart (`minSeparation`).
 *
 * Limits, stated plainly: it tells voices apart only when they differ in level or brightness
 * (the common case on a phone line, where one side is recorded near and the other through the
 * network, or a deep and a high voice); two similar voices at similar levels come out as one
 * speaker. A turn is never split, so a change of speaker without a pause of the hangover's length
 * is missed, and overlapping speech goes to one side. For real diarisation, use a stereo
 * recording (one party per channel) or a provider's diarised transcript.
 */
export function diariseMono(
  spans: readonly Span[],
  track: ChannelTrack,
  frameMs: number,
  options: MonoDiarisationOptions = {},
): MonoDiarisation {
  const turns = spans.map((span) => describe(span, track, frameMs));
  const single = { speakers: [spans.slice()], separation: 0 };
  if (turns.length < 2) return single;

  const spread = (pick: (t: Turn) => number) => {
    const values = turns.map(pick);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) || 1;
  };
  // Standardise: a dB of level and a unit of log-brightness are not comparable otherwise.
  const levelScale = spread((t) => t.level);
  const brightnessScale = spread((t) => t.brightness);
  const points = turns.map((t) => [t.level / levelScale, t.brightness / brightnessScale] as const);

  // Start from the two turns farthest apart.
  let a = 0;
  let b = 1;
  let farthest = -1;
  points.forEach((p, i) =>
    points.forEach((q, j) => {
      const d = (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;
      if (d > farthest) [farthest, a, b] = [d, i, j];
    }),
  );
  let centres = [points[a] ?? [0, 0], points[b] ?? [0, 0]] as [readonly [number, number], readonly [number, number]];
  let labels = new Array<number>(points.length).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const next = points.map((p) => (dist2(p, centres[0]) <= dist2(p, centres[1]) ? 0 : 1));
    const same = next.every((label, i) => label === labels[i]);
    labels = next;
    const mean = (label: number): readonly [number, number] => {
      let w = 0;
      let x = 0;
      let y = 0;
      points.forEach((p, i) => {
        if (labels[i] !== label) return;
        const weight = turns[i]?.weight ?? 0;
        w += weight;
        x += p[0] * weight;
        y += p[1] * weight;
      });
      return w > 0 ? [x / w, y / w] : centres[label] ?? [0, 0];
    };
    centres = [mean(0), mean(1)];
    if (same && iteration > 0) break;
  }
  if (labels.every((label) => label === labels[0])) return single;

  // Separation: distance between centres over the pooled within-group spread.
  let within = 0;
  let total = 0;
  points.forEach((p, i) => {
    const weight = turns[i]?.weight ?? 0;
    within += dist2(p, labels[i] === 1 ? centres[1] : centres[0]) * weight;
    total += weight;
  });
  const separation = Math.sqrt(dist2(centres[0], centres[1])) / Math.max(Math.sqrt(within / total), 0.05);
  if (separation < (options.minSeparation ?? 2.5)) return single;

  const first = labels[0] ?? 0;
  const speakers: Span[][] = [[], []];
  spans.forEach((span, i) => speakers[labels[i] === first ? 0 : 1]?.push(span));
  return { speakers, separation };
}

const dist2 = (p: readonly [number, number], q: readonly [number, number]) => (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;

function describe(span: Span, track: ChannelTrack, frameMs: number): Turn {
  const from = Math.floor(span.startMs / frameMs);
  const to = Math.min(track.power.length, Math.ceil(span.endMs / frameMs));
  const levels: number[] = [];
  const crossings: number[] = [];
  for (let i = from; i < to; i++) {
    levels.push(powerToDb(track.power[i] ?? 0));
    crossings.push(track.zeroCrossings[i] ?? 0);
  }
  // The loud half of the turn: pauses inside it would drag both medians towards the noise.
  const loud = levels.reduce((max, level) => Math.max(max, level), -100) - 15;
  const voiced = levels.map((level, i) => [level, crossings[i] ?? 0] as const).filter(([level]) => level >= loud);
  return {
    span,
    weight: span.endMs - span.startMs,
    level: median(voiced.map(([level]) => level)),
    brightness: Math.log(median(voiced.map(([, zc]) => zc)) + 1e-3),
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = values.slice().sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
