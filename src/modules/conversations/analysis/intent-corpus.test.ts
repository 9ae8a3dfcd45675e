import { describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/context.js';
import { intentKindSchema, type ConversationAnalysis, type IntentKind } from './analyser.types.js';
import { createLocalAnalyser } from './local.analyser.js';
import {
  DEV_UTTERANCES,
  HELD_OUT_UTTERANCES,
  syntheticConversation,
  transcriptOf,
  type LabelledUtterance,
} from './synthetic-conversations.js';

/*
 * Intents measured on synthetic calls whose truth is known per segment: precision and recall per
 * intent over every labelled line (each line once, in its own call among ordinary talk), then over
 * random calls mixing them. Floors are what the rules measured on this corpus, rounded down.
 *
 * The held-out set was written after the rules and first measured at precision 0.955, recall 0.913
 * (misses: "waste of my time", "who's in charge", "pass this on to my team leader", "I
 * unsubscribed by mistake"). Three general fixes followed (a gap in "waste of … time", "in charge",
 * "unsubscribe" not in the past tense), so it is no longer unseen; its floors stay at that first
 * measurement. Run with the console output to see the table and every miss.
 */

const analyser = createLocalAnalyser();
const ctx = systemContext('ten_test', 'req_test', 'analysis-test');
const KINDS = intentKindSchema.options;

interface Tally {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
}

interface Scores {
  perKind: Record<IntentKind, Tally>;
  total: Tally;
  misses: string[];
}

function emptyTally(): Tally {
  return { truePositive: 0, falsePositive: 0, falseNegative: 0 };
}

const precision = (t: Tally) =>
  t.truePositive + t.falsePositive === 0 ? 1 : t.truePositive / (t.truePositive + t.falsePositive);
const recall = (t: Tally) =>
  t.truePositive + t.falseNegative === 0 ? 1 : t.truePositive / (t.truePositive + t.falseNegative);

function score(
  analyses: readonly {
    analysis: ConversationAnalysis;
    truth: readonly { segmentId: string; intents: readonly IntentKind[] }[];
    texts: Map<string, string>;
  }[],
): Scores {
  const perKind = Object.fromEntries(KINDS.map((k) => [k, emptyTally()])) as Record<IntentKind, Tally>;
  const total = emptyTally();
  const misses: string[] = [];
  for (const { analysis, truth, texts } of analyses) {
    for (const segment of truth) {
      const found = new Set(
        analysis.intents.filter((i) => i.evidence.segmentId === segment.segmentId).map((i) => i.kind),
      );
      for (const kind of KINDS) {
        const expected = segment.intents.includes(kind);
        const got = found.has(kind);
        const tally = perKind[kind];
        if (expected && got) tally.truePositive++;
        if (!expected && got) tally.falsePositive++;
        if (expected && !got) tally.falseNegative++;
        if (expected !== got)
          misses.push(`${got ? 'FP' : 'FN'} ${kind}: ${texts.get(segment.segmentId) ?? ''}`);
      }
    }
  }
  for (const tally of Object.values(perKind)) {
    total.truePositive += tally.truePositive;
    total.falsePositive += tally.falsePositive;
    total.falseNegative += tally.falseNegative;
  }
  return { perKind, total, misses: [...new Set(misses)] };
}

function report(name: string, scores: Scores): void {
  const rows = KINDS.map(
    (k) =>
      `  ${k.padEnd(17)} P ${precision(scores.perKind[k]).toFixed(2)}  R ${recall(scores.perKind[k]).toFixed(2)}  (TP ${scores.perKind[k].truePositive}, FP ${scores.perKind[k].falsePositive}, FN ${scores.perKind[k].falseNegative})`,
  );
  process.stdout.write(
    `${[
      `${name}: precision ${precision(scores.total).toFixed(3)}, recall ${recall(scores.total).toFixed(3)}`,
      ...rows,
      ...(scores.misses.length > 0 ? ['  misses:', ...scores.misses.map((m) => `    ${m}`)] : []),
    ].join('\n')}\n`,
  );
}

/** Each line alone, between a greeting and a closing, so a miss points at one line. */
async function eachLine(lines: readonly LabelledUtterance[]): Promise<Scores> {
  const opener: LabelledUtterance = {
    speaker: 'agent',
    text: 'Thanks for calling, how can I help?',
    intents: [],
  };
  const closer: LabelledUtterance = { speaker: 'agent', text: 'Okay, thank you for that.', intents: [] };
  const runs = [];
  for (const line of lines) {
    const call = [opener, line, closer];
    const transcript = transcriptOf(call);
    const analysis = await analyser.analyse(ctx, {
      transcript,
      characteristics: null,
      language: 'en',
      config: {},
    });
    runs.push({
      analysis,
      truth: call.map((l, i) => ({ segmentId: `seg_${i}`, intents: l.intents })),
      texts: new Map(call.map((l, i) => [`seg_${i}`, `[${l.speaker}] ${l.text}`])),
    });
  }
  return score(runs);
}

describe('intents on the built corpus', () => {
  it('development set, each line alone: precision and recall at their measured floors', async () => {
    const scores = await eachLine(DEV_UTTERANCES);
    report('dev set', scores);
    expect(precision(scores.total)).toBeGreaterThanOrEqual(0.95);
    expect(recall(scores.total)).toBeGreaterThanOrEqual(0.95);
    for (const kind of KINDS) {
      expect(precision(scores.perKind[kind]), kind).toBeGreaterThanOrEqual(0.9);
      expect(recall(scores.perKind[kind]), kind).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('development set in 60 random calls of 16 to 24 lines: the same floors', async () => {
    const runs = [];
    for (let seed = 1; seed <= 60; seed++) {
      const call = syntheticConversation(seed, DEV_UTTERANCES, {
        labelled: 4 + (seed % 5),
        fillerLines: 12 + (seed % 4),
      });
      const analysis = await analyser.analyse(ctx, {
        transcript: call.transcript,
        characteristics: null,
        language: 'en',
        config: {},
      });
      runs.push({
        analysis,
        truth: call.truth,
        texts: new Map(call.transcript.segments.map((s) => [s.id, s.text])),
      });
    }
    const scores = score(runs);
    report('dev set, random calls', scores);
    expect(precision(scores.total)).toBeGreaterThanOrEqual(0.95);
    expect(recall(scores.total)).toBeGreaterThanOrEqual(0.95);
  });

  it('held-out set (written after the rules), each line alone: at the floors of its first measurement', async () => {
    const scores = await eachLine(HELD_OUT_UTTERANCES);
    report('held-out set', scores);
    expect(precision(scores.total)).toBeGreaterThanOrEqual(0.95);
    expect(recall(scores.total)).toBeGreaterThanOrEqual(0.9);
  });

  it('every intent quotes the exact words of its segment', async () => {
    const transcript = transcriptOf(DEV_UTTERANCES);
    const analysis = await analyser.analyse(ctx, {
      transcript,
      characteristics: null,
      language: 'en',
      config: {},
    });
    expect(analysis.intents.length).toBeGreaterThan(40);
    for (const intent of analysis.intents) {
      const segment = transcript.segments.find((s) => s.id === intent.evidence.segmentId);
      expect(segment?.text.slice(intent.evidence.charStart, intent.evidence.charEnd)).toBe(
        intent.evidence.quote,
      );
      expect(segment?.speakerId).toBe(intent.evidence.speaker);
    }
  });
});
