import type { RequestContext } from '../../../platform/context.js';
import { configHash } from '../pipeline/provenance.js';
import type { SpeakerRole, Transcript } from '../transcripts/index.js';
import { ACTION_RULES, DUE_PHRASES } from './action-rules.js';
import {
  ANALYSIS_FORMAT,
  tenantAnalysisConfigSchema,
  type ActionItem,
  type AnalysisInput,
  type AnalysisWarning,
  type ConversationAnalyser,
  type ConversationAnalysis,
  type Entity,
  type IntentHit,
  type IntentKind,
  type SpeakerQuestions,
  type SpeakerScope,
  type TextEvidence,
  type TopicMatch,
  type TrackerHit,
} from './analyser.types.js';
import { INTENT_RULES } from './intent-rules.js';
import {
  compilePhrase,
  PhraseSet,
  PhraseSyntaxError,
  type CompiledPhrase,
  type MatchToken,
} from './phrase-match.js';
import { evidenceAt, readSegment, type SegmentView } from './segment-view.js';
import { conversationSentiment } from './sentiment.js';
import { summarise, summaryLength, type SentenceCandidate } from './summary.js';
import { WINK_MODEL } from './wink-doc.js';

/** Bump when a rule, lexicon or threshold changes what the analyser finds. */
export const LOCAL_ANALYSER_VERSION = '1.0.0';

export interface LocalAnalyserOptions {
  /** Text beyond this many characters of one segment is not analysed (a warning says so). Default 200 000. */
  readonly maxSegmentChars?: number;
  /** Most sentences in the summary. Default 5. */
  readonly maxSummarySentences?: number;
  /** Example questions kept per speaker. Default 5. */
  readonly questionExamples?: number;
}

/** wink entity types kept: the ones a contact centre acts on (CARDINAL numbers are mostly noise). */
const MODEL_ENTITY_TYPES = new Set([
  'DATE',
  'TIME',
  'DURATION',
  'MONEY',
  'PERCENT',
  'EMAIL',
  'URL',
  'ORDINAL',
]);
const REDACTION_TOKEN = /\[([A-Z][A-Z0-9_]*)\]/g;

const WH_WORDS = new Set(['what', 'when', 'where', 'who', 'whom', 'whose', 'why', 'how', 'which']);
const AUX_WORDS = new Set([
  'do',
  'does',
  'did',
  'can',
  'could',
  'would',
  'will',
  'shall',
  'should',
  'may',
  'might',
  'is',
  'are',
  'was',
  'were',
  'have',
  'has',
  'am',
]);
const SUBJECTS = new Set([
  'i',
  'you',
  'we',
  'they',
  'he',
  'she',
  'it',
  'there',
  'this',
  'that',
  'your',
  'my',
  'anyone',
]);

const intentPhrases = new PhraseSet(
  INTENT_RULES.flatMap((rule) => rule.phrases.flatMap((phrase) => compilePhrase(phrase, rule))),
);
const actionPhrases = new PhraseSet(
  ACTION_RULES.flatMap((rule) => rule.phrases.flatMap((phrase) => compilePhrase(phrase, rule))),
);
const continuationPhrases = new PhraseSet(
  ACTION_RULES.flatMap((rule) => rule.verbs.flatMap((verb) => compilePhrase(`and then|also? ${verb}`, rule))),
);
const duePhrases = new PhraseSet(DUE_PHRASES.flatMap((phrase) => compilePhrase(phrase, phrase)));

/** The local, offline analyser: wink-nlp's English model plus the rules in this folder. */
export function createLocalAnalyser(options: LocalAnalyserOptions = {}): ConversationAnalyser {
  const maxSegmentChars = options.maxSegmentChars ?? 200_000;
  const maxSummarySentences = options.maxSummarySentences ?? 5;
  const questionExamples = options.questionExamples ?? 5;
  return {
    name: 'local',
    version: LOCAL_ANALYSER_VERSION,
    analyse(_ctx: RequestContext, input: AnalysisInput): Promise<ConversationAnalysis> {
      // Synchronous work behind a promise: one call takes milliseconds (see bench:analysis).
      return Promise.resolve().then(() =>
        analyseLocally(input, { maxSegmentChars, maxSummarySentences, questionExamples }),
      );
    },
  };
}

/** Whether the English lexicon and rules apply: English, or a language nobody named. */
export function isEnglish(language: string | null): boolean {
  if (language === null || language.trim() === '') return true;
  return /^(?:en(?:[-_].*)?|eng|english)$/i.test(language.trim());
}

function analyseLocally(input: AnalysisInput, options: Required<LocalAnalyserOptions>): ConversationAnalysis {
  const startedAt = new Date();
  const started = performance.now();
  const steps: Record<string, number> = {};
  const timed = <T>(step: string, run: () => T): T => {
    const t0 = performance.now();
    const result = run();
    steps[step] = round1((steps[step] ?? 0) + performance.now() - t0);
    return result;
  };

  const config = tenantAnalysisConfigSchema.parse(input.config);
  const { transcript } = input;
  const language = input.language ?? transcript.language;
  const english = isEnglish(language);
  const warnings: AnalysisWarning[] = [];

  if (!english) {
    warnings.push({
      code: 'language_not_supported',
      message: `the local analyser's lexicon and rules are English; for "${language}" sentiment, intents, action items and model entities are left out (trackers, topics, questions and the summary still run)`,
    });
  }
  if (transcript.segments.length === 0) {
    warnings.push({ code: 'empty_transcript', message: 'the transcript has no segments' });
  }
  if (config.insightSchema !== null) {
    warnings.push({
      code: 'insights_not_supported',
      message: 'the local analyser does not fill tenant insight fields; an LLM analyser does',
    });
  }
  if (config.scorecard !== null) {
    warnings.push({
      code: 'scorecard_not_supported',
      message: 'the local analyser does not evaluate QA scorecards',
    });
  }

  const roles = new Map<string, SpeakerRole>(transcript.speakers.map((s) => [s.id, s.role]));
  let truncated = 0;
  const views = timed('read', () =>
    transcript.segments.map((segment, i) => {
      if (i % 64 === 0) input.signal?.throwIfAborted();
      if (segment.text.length > options.maxSegmentChars) truncated++;
      return readSegment(segment, roles.get(segment.speakerId) ?? 'unknown', options.maxSegmentChars);
    }),
  );
  if (truncated > 0) {
    warnings.push({
      code: 'text_truncated',
      message: `${truncated} segment(s) longer than ${options.maxSegmentChars} characters were analysed up to that length`,
    });
  }

  const durationMs = Math.max(
    transcript.durationMs ?? 0,
    input.characteristics?.durationMs ?? 0,
    ...transcript.segments.map((s) => s.endMs),
  );
  const sentiment = timed('sentiment', () => conversationSentiment(views, transcript, durationMs, english));
  const entities = timed('entities', () => findEntities(views, english));

  const phraseWarning = (phrase: string, owner: string) =>
    warnings.push({
      code: 'invalid_phrase',
      message: `${owner}: the phrase "${phrase}" has no word to match`,
    });
  const trackerHits = timed('trackers', () => findTrackerHits(views, config.trackers, phraseWarning));
  const topics = timed('topics', () => findTopics(views, config.topicRules, phraseWarning));
  const intents = timed('intents', () => (english ? findIntents(views) : []));
  const questions = timed('questions', () => findQuestions(views, transcript, options.questionExamples));
  const actionItems = timed('actionItems', () => (english ? findActionItems(views) : []));
  const summary = timed('summary', () => {
    // Bonuses by segment: the offsets in it where an intent or action item was found.
    const bonusAt = new Map<string, { at: number; bonus: number }[]>();
    const mark = (evidence: TextEvidence, bonus: number) => {
      const list = bonusAt.get(evidence.segmentId) ?? [];
      list.push({ at: evidence.charStart, bonus });
      bonusAt.set(evidence.segmentId, list);
    };
    for (const intent of intents) mark(intent.evidence, 1.5);
    for (const item of actionItems) mark(item.evidence, 1);
    const candidates: SentenceCandidate[] = views.flatMap((view) => {
      const marks = (bonusAt.get(view.segment.id) ?? []).sort((x, y) => x.at - y.at);
      let m = 0;
      return sentencesOf(view).map(({ charStart, charEnd, tokens, sentiment: lexicon }) => {
        let bonus = english && Math.abs(lexicon) >= 0.5 ? 0.5 : 0;
        while (m < marks.length && (marks[m]?.at ?? 0) < charStart) m++;
        // A sentence earns each kind of bonus once, however many hits it holds.
        let marked = 0;
        for (let k = m; k < marks.length && (marks[k]?.at ?? 0) < charEnd; k++) {
          marked = Math.max(marked, marks[k]?.bonus ?? 0);
        }
        bonus += marked;
        return { view, charStart, charEnd, tokens, bonus };
      });
    });
    return summarise(candidates, summaryLength(candidates.length, options.maxSummarySentences));
  });

  const finishedAt = new Date();
  return {
    format: ANALYSIS_FORMAT,
    sentiment,
    entities,
    trackerHits,
    topics,
    intents,
    questions,
    summary,
    actionItems,
    insights: null,
    qa: null,
    warnings,
    provenance: {
      analyser: 'local',
      version: LOCAL_ANALYSER_VERSION,
      model: WINK_MODEL,
      promptVersion: null,
      configHash: configHash({ analyser: 'local', version: LOCAL_ANALYSER_VERSION, config }),
      language,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      timings: { totalMs: round1(performance.now() - started), steps },
      usage: null,
    },
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Whether a speaker of this role is heard by a rule for `scope` (a `customer` rule hears unknown roles too). */
function inScope(scope: SpeakerScope, role: SpeakerRole): boolean {
  if (scope === 'any') return true;
  if (scope === 'agent') return role === 'agent';
  return role !== 'agent';
}

/** The sentences of a segment with their words; the whole text when wink found none. */
interface Sentence {
  readonly charStart: number;
  readonly charEnd: number;
  readonly sentiment: number;
  readonly tokens: MatchToken[];
}

function sentencesOf(view: SegmentView): Sentence[] {
  const ranges =
    view.reading.sentences.length > 0
      ? view.reading.sentences
      : view.text.trim() === ''
        ? []
        : [{ charStart: 0, charEnd: view.text.length, sentiment: 0 }];
  const result: Sentence[] = [];
  let t = 0;
  for (const range of ranges) {
    while (t < view.tokens.length && (view.tokens[t]?.charStart ?? 0) < range.charStart) t++;
    const tokens: MatchToken[] = [];
    while (t < view.tokens.length && (view.tokens[t]?.charEnd ?? 0) <= range.charEnd) {
      const token = view.tokens[t];
      if (token) tokens.push(token);
      t++;
    }
    result.push({ charStart: range.charStart, charEnd: range.charEnd, sentiment: range.sentiment, tokens });
  }
  return result;
}

function findEntities(views: readonly SegmentView[], english: boolean): Entity[] {
  const entities: Entity[] = [];
  for (const view of views) {
    const redacted: { start: number; end: number }[] = [];
    for (const match of view.text.matchAll(REDACTION_TOKEN)) {
      const start = match.index;
      const end = start + match[0].length;
      redacted.push({ start, end });
      entities.push({
        type: match[1] ?? 'PII',
        text: match[0],
        source: 'redaction',
        evidence: evidenceAt(view, start, end),
      });
    }
    if (!english) continue;
    for (const entity of view.reading.entities) {
      if (!MODEL_ENTITY_TYPES.has(entity.type)) continue;
      if (redacted.some((r) => r.start < entity.charEnd && entity.charStart < r.end)) continue;
      const evidence = evidenceAt(view, entity.charStart, entity.charEnd);
      entities.push({ type: entity.type, text: evidence.quote, source: 'model', evidence });
    }
  }
  return entities;
}

interface PhraseOwner {
  readonly id: string;
  readonly name: string;
  readonly speaker: SpeakerScope;
  readonly phrase: string;
}

function compileOwned(
  owners: readonly { id: string; name: string; speaker: SpeakerScope; phrases: readonly string[] }[],
  onInvalid: (phrase: string, owner: string) => void,
): PhraseSet<PhraseOwner> {
  const compiled: CompiledPhrase<PhraseOwner>[] = [];
  for (const owner of owners) {
    for (const phrase of owner.phrases) {
      try {
        compiled.push(
          ...compilePhrase(phrase, { id: owner.id, name: owner.name, speaker: owner.speaker, phrase }),
        );
      } catch (error) {
        if (!(error instanceof PhraseSyntaxError)) throw error;
        onInvalid(phrase, owner.name);
      }
    }
  }
  return new PhraseSet(compiled);
}

/** Overlapping matches of one owner in one segment count once: the longest (then the first). */
function distinct<M extends { readonly charStart: number; readonly charEnd: number }>(
  matches: readonly M[],
  key: (m: M) => string,
): M[] {
  const sorted = matches
    .slice()
    .sort((a, b) => a.charStart - b.charStart || b.charEnd - b.charStart - (a.charEnd - a.charStart));
  const kept: (M | null)[] = [];
  // Sorted by start, a match can only overlap the last one kept for its key.
  const lastFor = new Map<string, number>();
  for (const match of sorted) {
    const k = key(match);
    const index = lastFor.get(k);
    const last = index === undefined ? null : kept[index];
    if (!last || last.charEnd <= match.charStart) {
      lastFor.set(k, kept.length);
      kept.push(match);
    } else if (match.charEnd - match.charStart > last.charEnd - last.charStart && index !== undefined) {
      kept[index] = match;
    }
  }
  return kept.filter((m): m is M => m !== null);
}

function findTrackerHits(
  views: readonly SegmentView[],
  trackers: readonly { id: string; name: string; phrases: string[]; speaker: SpeakerScope }[],
  onInvalid: (phrase: string, owner: string) => void,
): TrackerHit[] {
  if (trackers.length === 0) return [];
  const set = compileOwned(trackers, onInvalid);
  const hits: TrackerHit[] = [];
  for (const view of views) {
    const matches = set.findAll(view.tokens).filter((m) => inScope(m.phrase.payload.speaker, view.role));
    for (const match of distinct(matches, (m) => m.phrase.payload.id)) {
      hits.push({
        trackerId: match.phrase.payload.id,
        trackerName: match.phrase.payload.name,
        phrase: match.phrase.payload.phrase,
        evidence: evidenceAt(view, match.charStart, match.charEnd),
      });
    }
  }
  return hits;
}

/** Most evidence kept per topic; `matches` still counts them all. */
const MAX_TOPIC_EVIDENCE = 20;

function findTopics(
  views: readonly SegmentView[],
  rules: readonly {
    id: string;
    name: string;
    phrases: string[];
    excludePhrases: string[];
    speaker: SpeakerScope;
    minMatches: number;
  }[],
  onInvalid: (phrase: string, owner: string) => void,
): TopicMatch[] {
  if (rules.length === 0) return [];
  const include = compileOwned(rules, onInvalid);
  const exclude = compileOwned(
    rules.map((rule) => ({ ...rule, phrases: rule.excludePhrases })),
    onInvalid,
  );
  const found = new Map<string, TextEvidence[]>();
  const excluded = new Set<string>();
  for (const view of views) {
    for (const match of exclude.findAll(view.tokens)) {
      if (inScope(match.phrase.payload.speaker, view.role)) excluded.add(match.phrase.payload.id);
    }
    const matches = include.findAll(view.tokens).filter((m) => inScope(m.phrase.payload.speaker, view.role));
    for (const match of distinct(matches, (m) => m.phrase.payload.id)) {
      const list = found.get(match.phrase.payload.id) ?? [];
      list.push(evidenceAt(view, match.charStart, match.charEnd));
      found.set(match.phrase.payload.id, list);
    }
  }
  return rules.flatMap((rule) => {
    const evidence = found.get(rule.id) ?? [];
    if (excluded.has(rule.id) || evidence.length < rule.minMatches) return [];
    return [
      {
        topicId: rule.id,
        name: rule.name,
        matches: evidence.length,
        evidence: evidence.slice(0, MAX_TOPIC_EVIDENCE),
      },
    ];
  });
}

function findIntents(views: readonly SegmentView[]): IntentHit[] {
  const hits: IntentHit[] = [];
  for (const view of views) {
    const matches = intentPhrases
      .findAll(view.tokens)
      .filter((m) => !m.negated && inScope(m.phrase.payload.speaker, view.role));
    for (const match of distinct(matches, (m) => m.phrase.payload.kind)) {
      hits.push({
        kind: match.phrase.payload.kind,
        rule: match.phrase.payload.id,
        evidence: evidenceAt(view, match.charStart, match.charEnd),
      });
    }
  }
  return hits;
}

/** Kinds of intent found, for callers that only need the set (the campaigns' suppression). */
export function intentKinds(analysis: Pick<ConversationAnalysis, 'intents'>): IntentKind[] {
  return [...new Set(analysis.intents.map((i) => i.kind))];
}

function isQuestion(text: string, tokens: readonly MatchToken[]): boolean {
  const trimmed = text.trimEnd();
  if (/[?？]["'”’)\]]*$/.test(trimmed)) return true;
  // A punctuating transcriber said where sentences end; without punctuation, read the word order.
  if (/[.!。…]["'”’)\]]*$/.test(trimmed)) return false;
  const first = tokens[0]?.norm;
  const second = tokens[1]?.norm;
  if (first === undefined) return false;
  if (WH_WORDS.has(first)) return true;
  return AUX_WORDS.has(first) && second !== undefined && SUBJECTS.has(second);
}

function findQuestions(
  views: readonly SegmentView[],
  transcript: Transcript,
  examples: number,
): SpeakerQuestions[] {
  const bySpeaker = new Map<string, { count: number; examples: TextEvidence[] }>();
  for (const view of views) {
    for (const sentence of sentencesOf(view)) {
      if (!isQuestion(view.text.slice(sentence.charStart, sentence.charEnd), sentence.tokens)) continue;
      const entry = bySpeaker.get(view.segment.speakerId) ?? { count: 0, examples: [] };
      entry.count++;
      if (entry.examples.length < examples)
        entry.examples.push(evidenceAt(view, sentence.charStart, sentence.charEnd));
      bySpeaker.set(view.segment.speakerId, entry);
    }
  }
  return transcript.speakers.map((speaker) => ({
    speaker: speaker.id,
    role: speaker.role,
    count: bySpeaker.get(speaker.id)?.count ?? 0,
    examples: bySpeaker.get(speaker.id)?.examples ?? [],
  }));
}

/** The index of the sentence holding `offset` (sentences sorted, not overlapping); -1 if none. */
function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let low = 0;
  let high = sentences.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const sentence = sentences[mid];
    if (!sentence) break;
    if (offset < sentence.charStart) high = mid - 1;
    else if (offset >= sentence.charEnd) low = mid + 1;
    else return mid;
  }
  return -1;
}

function findActionItems(views: readonly SegmentView[]): ActionItem[] {
  const items: ActionItem[] = [];
  for (const view of views) {
    const primary = distinct(
      actionPhrases.findAll(view.tokens).filter((m) => !m.negated),
      () => 'any',
    );
    if (primary.length === 0) continue;
    const sentences = sentencesOf(view);
    const whole = { charStart: 0, charEnd: view.text.length, sentiment: 0, tokens: [] };
    const sentenceOf = (offset: number) => sentenceAt(sentences, offset);
    // "I'll refund it today and send you the confirmation": the second verb is a commitment too.
    const firstIn = new Map<number, number>();
    for (const m of primary) {
      const s = sentenceOf(m.charStart);
      if (!firstIn.has(s)) firstIn.set(s, m.charStart);
    }
    const continued = continuationPhrases.findAll(view.tokens).filter((m) => {
      const first = firstIn.get(sentenceOf(m.charStart));
      return !m.negated && first !== undefined && first < m.charStart;
    });
    const matches = distinct([...primary, ...continued], () => 'any');
    const dues = distinct(
      [
        ...duePhrases.findAll(view.tokens).map((m) => ({ charStart: m.charStart, charEnd: m.charEnd })),
        ...view.reading.entities
          .filter((e) => e.type === 'DATE' || e.type === 'TIME' || e.type === 'DURATION')
          .map((e) => ({ charStart: e.charStart, charEnd: e.charEnd })),
      ],
      () => 'due',
    );
    const duesBySentence = new Map<number, { charStart: number; charEnd: number }[]>();
    for (const due of dues) {
      const s = sentenceOf(due.charStart);
      duesBySentence.set(s, [...(duesBySentence.get(s) ?? []), due]);
    }
    for (const match of matches) {
      const index = sentenceOf(match.charStart);
      const sentence = sentences[index] ?? whole;
      const inSentence = duesBySentence.get(index) ?? [];
      // A due time after the commitment; one before it only for the sentence's first commitment
      // ("Tomorrow I'll call you"), so "refund it today and send …" does not make the sending due today.
      const due =
        inSentence.find((d) => d.charStart >= match.charStart) ??
        (firstIn.get(index) === match.charStart
          ? inSentence.findLast((d) => d.charEnd <= match.charStart)
          : undefined);
      items.push({
        action: match.phrase.payload.action,
        owner: view.segment.speakerId,
        ownerRole: view.role,
        due: due ? view.text.slice(due.charStart, due.charEnd) : null,
        rule: match.phrase.payload.id,
        evidence: evidenceAt(view, sentence.charStart, sentence.charEnd),
      });
    }
  }
  return items;
}
