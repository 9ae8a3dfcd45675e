/* eslint-disable @typescript-eslint/unbound-method -- wink's `its` helpers are plain functions
   that `out()` recognises by identity, so they are passed as they are, not wrapped. */
import { createRequire } from 'node:module';
import winkNLP, { type Document, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * wink-nlp with its English lite model, read into plain data with character offsets. The model is
 * inside the npm package (no download, no network); it is loaded once per process, on first use.
 */

const require = createRequire(import.meta.url);
const modelPackage = require('wink-eng-lite-web-model/package.json') as { version?: unknown };

/** The model as provenance names it. */
export const WINK_MODEL = `wink-eng-lite-web-model@${typeof modelPackage.version === 'string' ? modelPackage.version : 'unknown'}`;

/** What the analysis asks of wink: sentences, negation (for sentiment), sentiment, named entities. */
const ANALYSIS_PIPE = ['sbd', 'negation', 'sentiment', 'ner'];

let analysisNlp: WinkMethods | null = null;
let tokenNlp: WinkMethods | null = null;

function nlpFor(kind: 'analysis' | 'tokens'): WinkMethods {
  if (kind === 'analysis') return (analysisNlp ??= winkNLP(model, ANALYSIS_PIPE));
  return (tokenNlp ??= winkNLP(model, []));
}

export interface WinkSentence {
  readonly charStart: number;
  readonly charEnd: number;
  /** -1..1 as wink scores it (lexicon with negation handling). */
  readonly sentiment: number;
}

export interface WinkEntity {
  readonly type: string;
  readonly charStart: number;
  readonly charEnd: number;
}

export interface WinkReading {
  readonly sentences: readonly WinkSentence[];
  readonly entities: readonly WinkEntity[];
  /** Tokens wink counted as words (not punctuation), for weighting. */
  readonly wordCount: number;
}

/** Tokenisation alone (the benchmark's baseline): the number of tokens. */
export function tokenCount(text: string): number {
  return nlpFor('tokens').readDoc(text).tokens().length();
}

/** Sentences with sentiment and entities of one segment's text, offsets into `text`. */
export function readWith(text: string): WinkReading {
  const nlp = nlpFor('analysis');
  const its = nlp.its;
  const readable = breakLongRuns(text);
  const doc = nlp.readDoc(readable);
  const offsets = tokenOffsets(doc, readable);
  const types = strings(doc.tokens().out(its.type));
  const range = (span: readonly number[]): { charStart: number; charEnd: number } => {
    const first = offsets[span[0] ?? 0];
    const last = offsets[span[1] ?? 0];
    return { charStart: first?.start ?? 0, charEnd: last?.end ?? first?.end ?? 0 };
  };
  const sentenceSpans = spans(doc.sentences().out(its.span));
  const sentenceScores = numbers(doc.sentences().out(its.sentiment));
  const sentences = sentenceSpans.map((span, i) => ({ ...range(span), sentiment: sentenceScores[i] ?? 0 }));
  const entitySpans = spans(doc.entities().out(its.span));
  const entityTypes = doc.entities().out(its.detail) as unknown;
  const entities = entitySpans.map((span, i) => ({
    type: detailType(entityTypes, i),
    ...range(span),
  }));
  return {
    sentences: sentences.filter((s) => s.charEnd > s.charStart),
    entities: entities.filter((e) => e.charEnd > e.charStart),
    wordCount: types.filter((t) => t === 'word' || t === 'number' || t === 'emoji').length,
  };
}

/** wink's tokeniser takes time that grows with the square of a token's length (50 000 letters: 6 s). */
const LONG_RUN = /[^\s]{64,}/g;

/**
 * The text with a space put in place of every 64th character of a run without white space: the
 * same length, so every offset still points into the original; only wink reads this copy.
 */
function breakLongRuns(text: string): string {
  return text.replace(LONG_RUN, (run) => {
    let out = '';
    for (let i = 0; i < run.length; i += 64)
      out += `${run.slice(i, i + 63)}${i + 63 < run.length ? ' ' : ''}`;
    return out;
  });
}

/**
 * Each token's place in the text. wink keeps each token's text and the spaces before it, so the
 * offsets are a running sum; where its text is not found at that place (wink normalised a
 * character), the token is searched for further on.
 */
function tokenOffsets(doc: Document, text: string): { start: number; end: number }[] {
  const values = strings(doc.tokens().out());
  const spaces = strings(doc.tokens().out(nlpFor('analysis').its.precedingSpaces));
  const offsets: { start: number; end: number }[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? '';
    const expected = cursor + (spaces[i]?.length ?? 0);
    let start = text.startsWith(value, expected) ? expected : text.indexOf(value, cursor);
    if (start < 0 || value === '') start = Math.min(expected, text.length);
    const end = Math.min(text.length, start + value.length);
    offsets.push({ start, end });
    cursor = end;
  }
  return offsets;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : String(v))) : [];
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)) : [];
}

function spans(value: unknown): number[][] {
  if (!Array.isArray(value)) return [];
  return value.map((v: unknown) =>
    Array.isArray(v) ? v.map((n: unknown) => (typeof n === 'number' ? n : 0)) : [0, 0],
  );
}

function detailType(details: unknown, i: number): string {
  if (!Array.isArray(details)) return 'UNKNOWN';
  const detail: unknown = details[i];
  if (typeof detail === 'object' && detail !== null && 'type' in detail && typeof detail.type === 'string') {
    return detail.type;
  }
  return 'UNKNOWN';
}
