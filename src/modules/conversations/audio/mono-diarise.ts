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
  /**
   * …and the two groups must also differ by at least this much in level (dB) or brightness
   * (natural log of the zero-crossing rate): one voice varies a little between turns, and
   * standardised features would magnify that. Defaults 6 dB and 0.35 (a ratio of 1.4).
   */
  readonly minLevelGapDb?: number;
  readonly minBrightnessGap?: number;
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

  const minLevelGap = options.minLevelGapDb ?? 6;
  const minBrightnessGap = options.minBrightnessGap ?? 0.35;
  const features = [turns.map((t) => t.level), turns.map((t) => t.brightness)];
  const weights = turns.map((t) => t.weight);
  // Candidate splits: by level alone, by brightness alone (each the best cut of the sorted
  // values), and by both (2-means on standardised features). The most separated one wins.
  const candidates = [
    bestCut(features[0] ?? [], weights),
    bestCut(features[1] ?? [], weights),
    twoMeans(features, weights),
  ];
  let labels: number[] | null = null;
  let separation = 0;
  for (const candidate of candidates) {
    if (candidate.every((label) => label === candidate[0])) continue;
    // Per feature: gap between the groups' means over the pooled spread inside the groups; the
    // raw gap must also be one a change of voice makes, not one voice varying between turns.
    const scores = features.map((values, f) => {
      const { gap, within } = groupStats(values, weights, candidate);
      const enough = f === 0 ? gap >= minLevelGap : gap >= minBrightnessGap;
      return enough ? gap / Math.max(within, f === 0 ? 0.5 : 0.02) : 0;
    });
    const score = Math.max(...scores);
    if (score > separation) [labels, separation] = [candidate, score];
  }
  if (labels === null || separation < (options.minSeparation ?? 2.5)) return single;

  const first = labels[0] ?? 0;
  const speakers: Span[][] = [[], []];
  spans.forEach((span, i) => speakers[labels[i] === first ? 0 : 1]?.push(span));
  return { speakers, separation };
}

/**
 * The cut of the sorted values into low and high that leaves the least weighted variance inside
 * the two groups (exact 1-D 2-means, O(n log n) with running sums).
 */
function bestCut(values: readonly number[], weights: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  const totals = { w: 0, s: 0, q: 0 };
  for (const i of order) {
    const w = weights[i] ?? 0;
    const v = values[i] ?? 0;
    totals.w += w;
    totals.s += w * v;
    totals.q += w * v * v;
  }
  const cost = (w: number, s: number, q: number) => (w > 0 ? q - (s * s) / w : 0);
  let best = Number.POSITIVE_INFINITY;
  let cut = 0;
  let w = 0;
  let sum = 0;
  let squares = 0;
  for (let k = 1; k < order.length; k++) {
    const i = order[k - 1] ?? 0;
    const weight = weights[i] ?? 0;
    const v = values[i] ?? 0;
    w += weight;
    sum += weight * v;
    squares += weight * v * v;
    const total = cost(w, sum, squares) + cost(totals.w - w, totals.s - sum, totals.q - squares);
    if (total < best) [best, cut] = [total, k];
  }
  const labels = new Array<number>(values.length).fill(1);
  for (const i of order.slice(0, cut)) labels[i] = 0;
  return labels;
}

function weightedVariance(
  values: readonly number[],
  weights: readonly number[],
  labels: readonly number[],
  group: number,
): number {
  let w = 0;
  let sum = 0;
  values.forEach((v, i) => {
    if (labels[i] !== group) return;
    w += weights[i] ?? 0;
    sum += v * (weights[i] ?? 0);
  });
  if (w === 0) return 0;
  const mean = sum / w;
  return values.reduce(
    (acc, v, i) => acc + (labels[i] === group ? (weights[i] ?? 0) * (v - mean) ** 2 : 0),
    0,
  );
}

function groupStats(
  values: readonly number[],
  weights: readonly number[],
  labels: readonly number[],
): { gap: number; within: number } {
  const means = [0, 1].map((group) => {
    let w = 0;
    let sum = 0;
    values.forEach((v, i) => {
      if (labels[i] !== group) return;
      w += weights[i] ?? 0;
      sum += v * (weights[i] ?? 0);
    });
    return w > 0 ? sum / w : 0;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const within = Math.sqrt(
    (weightedVariance(values, weights, labels, 0) + weightedVariance(values, weights, labels, 1)) / total,
  );
  return { gap: Math.abs((means[0] ?? 0) - (means[1] ?? 0)), within };
}

/** Weighted 2-means over standardised features, from the two points farthest apart. */
function twoMeans(features: readonly (readonly number[])[], weights: readonly number[]): number[] {
  const n = weights.length;
  const scaled = features.map((values) => {
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / n) || 1;
    return values.map((v) => v / sd);
  });
  const point = (i: number): [number, number] => [scaled[0]?.[i] ?? 0, scaled[1]?.[i] ?? 0];
  // Seeds: the point farthest from the centre, then the point farthest from it (linear time).
  const centre: [number, number] = [0, 1].map((f) => (scaled[f] ?? []).reduce((x, y) => x + y, 0) / n) as [
    number,
    number,
  ];
  const farthestFrom = (p: [number, number]) => {
    let best = 0;
    for (let i = 1; i < n; i++) if (dist2(point(i), p) > dist2(point(best), p)) best = i;
    return best;
  };
  const a = farthestFrom(centre);
  const b = farthestFrom(point(a));
  let centres: [[number, number], [number, number]] = [point(a), point(b)];
  let labels = new Array<number>(n).fill(-1);
  for (let iteration = 0; iteration < 50; iteration++) {
    const next = Array.from({ length: n }, (_, i) =>
      dist2(point(i), centres[0]) <= dist2(point(i), centres[1]) ? 0 : 1,
    );
    if (next.every((label, i) => label === labels[i])) break;
    labels = next;
    const mean = (group: number, fallback: [number, number]): [number, number] => {
      let w = 0;
      let x = 0;
      let y = 0;
      for (let i = 0; i < n; i++) {
        if (labels[i] !== group) continue;
        const weight = weights[i] ?? 0;
        const p = point(i);
        w += weight;
        x += p[0] * weight;
        y += p[1] * weight;
      }
      return w > 0 ? [x / w, y / w] : fallback;
    };
    centres = [mean(0, centres[0]), mean(1, centres[1])];
  }
  return labels;
}

const dist2 = (p: readonly [number, number], q: readonly [number, number]) =>
  (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;

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
  const voiced = levels
    .map((level, i) => [level, crossings[i] ?? 0] as const)
    .filter(([level]) => level >= loud);
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
