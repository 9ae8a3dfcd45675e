import type { ConversationSummary, TextEvidence } from './analyser.types.js';
import type { MatchToken } from './phrase-match.js';
import { evidenceAt, type SegmentView } from './segment-view.js';

/**
 * Extractive summary: the call's most telling sentences, quoted, in call order. A sentence scores
 * by how often the call repeats its content words (what the call is about), with a bonus where an
 * intent or action item was found in it or its sentiment is strong, and for the customer's first
 * substantial sentence (usually why they called). Sentences under five words are not candidates.
 */

const STOP_WORDS = new Set(
  (
    'a an the and or but if so of to in on at by for with from as is be am are was were been being do does did not no ' +
    'i me my we us our you your he him his she her it its they them their this that these those there here what which ' +
    'who whom when where why how all any some can could would should will shall may might must have has had just ' +
    'about into over than then too very also yes yeah okay ok oh um uh hmm like well right really get got going go ' +
    'know think one would let thanks thank please sure'
  ).split(' '),
);

export interface SentenceCandidate {
  readonly view: SegmentView;
  readonly charStart: number;
  readonly charEnd: number;
  /** The sentence's words. */
  readonly tokens: readonly MatchToken[];
  /** Set by the analyser: an intent, action item or strong sentiment in this sentence. */
  readonly bonus: number;
}

interface Scored extends SentenceCandidate {
  readonly order: number;
  readonly score: number;
}

export function summarise(
  candidates: readonly SentenceCandidate[],
  maxSentences: number,
): ConversationSummary {
  const words = candidates.map((c) =>
    c.tokens.map((t) => t.stem).filter((s) => s.length > 2 && !STOP_WORDS.has(s) && !s.startsWith('[')),
  );
  const frequency = new Map<string, number>();
  for (const list of words) for (const w of new Set(list)) frequency.set(w, (frequency.get(w) ?? 0) + 1);

  let customerOpener = false;
  const scored: Scored[] = [];
  candidates.forEach((candidate, order) => {
    const content = words[order] ?? [];
    const wordCount = candidate.tokens.length;
    if (wordCount < 5) return;
    let score = 0;
    for (const w of new Set(content)) score += Math.log1p((frequency.get(w) ?? 1) - 1);
    score /= Math.sqrt(Math.max(1, wordCount));
    score += candidate.bonus;
    if (!customerOpener && candidate.view.role !== 'agent' && wordCount >= 6) {
      customerOpener = true;
      score += 1;
    }
    scored.push({ ...candidate, order, score });
  });

  const picked = scored
    .slice()
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, Math.max(0, maxSentences))
    .sort((a, b) => a.order - b.order);
  const sentences: TextEvidence[] = picked.map((p) => evidenceAt(p.view, p.charStart, p.charEnd));
  return { kind: 'extractive', text: sentences.map((s) => s.quote).join(' '), sentences };
}

/** How many sentences a summary of this many candidates gets: one per eight, between one and five. */
export function summaryLength(candidates: number, max = 5): number {
  if (candidates === 0) return 0;
  return Math.max(1, Math.min(max, Math.round(candidates / 8)));
}
