import { z } from 'zod';
import type { RequestContext } from '../../../platform/context.js';
import type { ConversationCharacteristics } from '../audio/characteristics.js';
import type { Transcript } from '../transcripts/index.js';

/*
 * The one analyser interface of conversations. The local analyser (local.analyser.ts, offline,
 * rule- and lexicon-based) and the LLM analysers (Anthropic, Bedrock, OpenAI-compatible) all take an
 * `AnalysisInput` and return a `ConversationAnalysis`; the pipeline picks one per tenant and never
 * needs to know which ran. Everything here is plain data: the tenant's configuration arrives as
 * typed values (where it is stored and versioned is the settings' business, not the analyser's).
 */

export const ANALYSIS_FORMAT = 'switchboard.analysis/1';

// ---------------------------------------------------------------------------------------------
// Shared building blocks
// ---------------------------------------------------------------------------------------------

const ms = z.number().int().nonnegative();

/**
 * Where in the call something was said: the unit every finding points at, so the console can jump
 * to the moment and a QA rule can quote it. `speaker` is the transcript's speaker id (`spk_0`);
 * `quote` is text copied from the (redacted) segment, never paraphrased, at most
 * `MAX_QUOTE_CHARS` long.
 */
export const evidenceSchema = z.object({
  segmentId: z.string().regex(/^seg_\d+$/),
  startMs: ms,
  endMs: ms,
  speaker: z.string(),
  quote: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** Evidence with the quote's place in the segment's text: `text.slice(charStart, charEnd) === quote`. */
export const textEvidenceSchema = evidenceSchema.extend({
  charStart: z.number().int().nonnegative(),
  charEnd: z.number().int().nonnegative(),
});
export type TextEvidence = z.infer<typeof textEvidenceSchema>;

/** Longer quotes are cut to their first MAX_QUOTE_CHARS characters (still a verbatim prefix). */
export const MAX_QUOTE_CHARS = 400;

export const sentimentLabelSchema = z.enum(['positive', 'neutral', 'negative']);
export type SentimentLabel = z.infer<typeof sentimentLabelSchema>;

/** A sentiment score in -1..1 (negative to positive) and its label. */
export const sentimentScoreSchema = z.object({
  score: z.number().min(-1).max(1),
  label: sentimentLabelSchema,
});
export type SentimentScore = z.infer<typeof sentimentScoreSchema>;

export const speakerRoleSchema = z.enum(['agent', 'customer', 'unknown']);

// ---------------------------------------------------------------------------------------------
// Input: the tenant's analysis configuration
// ---------------------------------------------------------------------------------------------

/** Which party a rule listens to. */
export const speakerScopeSchema = z.enum(['agent', 'customer', 'any']);
export type SpeakerScope = z.infer<typeof speakerScopeSchema>;

/**
 * A keyword/phrase tracker (Gong style): every time one of its phrases is said, a hit. Phrases are
 * matched without regard to case, punctuation, contractions ("don't" = "do not") and simple
 * inflections ("cancelled" = "cancel"); `*` stands for up to three words ("take * off * list").
 */
export const trackerDefinitionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  phrases: z.array(z.string().min(1)).min(1),
  speaker: speakerScopeSchema.default('any'),
});
export type TrackerDefinition = z.input<typeof trackerDefinitionSchema>;

/**
 * A topic by tenant rule: the call is about the topic when at least `minMatches` of the `phrases`
 * are said (by the given party) and none of `excludePhrases` is.
 */
export const topicRuleSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  phrases: z.array(z.string().min(1)).min(1),
  excludePhrases: z.array(z.string().min(1)).default([]),
  speaker: speakerScopeSchema.default('any'),
  minMatches: z.number().int().positive().default(1),
});
export type TopicRule = z.input<typeof topicRuleSchema>;

/** One field of the tenant's insight schema (what an LLM analyser fills in for each call). */
export const insightFieldSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  type: z.enum(['string', 'number', 'integer', 'boolean', 'enum', 'string_array']),
  description: z.string(),
  enumValues: z.array(z.string()).optional(),
  required: z.boolean().default(false),
});
export type InsightField = z.input<typeof insightFieldSchema>;

export const insightSchemaInputSchema = z.object({
  id: z.string().min(1),
  version: z.number().int().positive(),
  fields: z.array(insightFieldSchema),
});
export type InsightSchemaInput = z.input<typeof insightSchemaInputSchema>;

/**
 * A QA scorecard rule. `deterministic` rules are judged from the transcript and characteristics
 * alone (no LLM); the others need an LLM analyser (or a reviewer).
 */
export const scorecardRuleSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  category: z.string(),
  weight: z.number().nonnegative(),
  description: z.string(),
  howToJudge: z.string(),
  autoFail: z.boolean().default(false),
  deterministic: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('phrase_within'),
        phrases: z.array(z.string().min(1)).min(1),
        speaker: speakerScopeSchema,
        withinMs: ms,
      }),
      z.object({ kind: z.literal('max_silence'), maxMs: ms }),
      z.object({
        kind: z.literal('max_talk_ratio'),
        speaker: z.enum(['agent', 'customer']),
        max: z.number(),
      }),
    ])
    .nullable()
    .default(null),
});
export type ScorecardRule = z.input<typeof scorecardRuleSchema>;

export const scorecardInputSchema = z.object({
  id: z.string().min(1),
  version: z.number().int().positive(),
  rules: z.array(scorecardRuleSchema),
});
export type ScorecardInput = z.input<typeof scorecardInputSchema>;

/** What a tenant configured for analysis; every part optional but the lists (empty = none). */
export const tenantAnalysisConfigSchema = z.object({
  trackers: z.array(trackerDefinitionSchema).default([]),
  topicRules: z.array(topicRuleSchema).default([]),
  insightSchema: insightSchemaInputSchema.nullable().default(null),
  scorecard: scorecardInputSchema.nullable().default(null),
});
/** As the caller writes it (defaults may be left out). */
export type TenantAnalysisConfig = z.input<typeof tenantAnalysisConfigSchema>;
/** With the defaults filled in. */
export type ResolvedAnalysisConfig = z.output<typeof tenantAnalysisConfigSchema>;

/** One call to analyse. */
export interface AnalysisInput {
  /** The transcript as stored after redaction: `[CARD_NUMBER]` tokens in the text, never clear PII. */
  readonly transcript: Transcript;
  /** From the audio analysis; null for a supplied transcript without audio. */
  readonly characteristics: ConversationCharacteristics | null;
  /** BCP 47 (`en-US`); null = the transcript's own, else unknown. */
  readonly language: string | null;
  readonly config: TenantAnalysisConfig;
  /** Stops the analysis (the workflow was cancelled). */
  readonly signal?: AbortSignal;
}

/** One analyser, configured. */
export interface ConversationAnalyser {
  /** Stable name as settings and provenance name it: `local`, `anthropic`, `bedrock`, `openai-compatible`. */
  readonly name: string;
  readonly version: string;
  /**
   * An invalid `config` is rejected with the `ZodError` of `tenantAnalysisConfigSchema`; odd text
   * (NUL, control characters, very long segments) is analysed, never thrown on. Provider failures
   * are the LLM analysers' own errors.
   */
  analyse(ctx: RequestContext, input: AnalysisInput): Promise<ConversationAnalysis>;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

export const segmentSentimentSchema = sentimentScoreSchema.extend({
  segmentId: z.string(),
  speaker: z.string(),
  startMs: ms,
  endMs: ms,
});
export type SegmentSentiment = z.infer<typeof segmentSentimentSchema>;

export const speakerSentimentSchema = sentimentScoreSchema.extend({
  speaker: z.string(),
  role: speakerRoleSchema,
  segmentCount: z.number().int().nonnegative(),
});
export type SpeakerSentiment = z.infer<typeof speakerSentimentSchema>;

/** A quarter of the call by time (Contact Lens style); null sentiment where nobody spoke. */
export const quarterSentimentSchema = z.object({
  quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  startMs: ms,
  endMs: ms,
  overall: sentimentScoreSchema.nullable(),
  bySpeaker: z.array(speakerSentimentSchema),
});
export type QuarterSentiment = z.infer<typeof quarterSentimentSchema>;

export const sentimentSchema = z.object({
  overall: sentimentScoreSchema,
  bySpeaker: z.array(speakerSentimentSchema),
  byQuarter: z.array(quarterSentimentSchema),
  perSegment: z.array(segmentSentimentSchema),
});
export type ConversationSentiment = z.infer<typeof sentimentSchema>;

export const entitySchema = z.object({
  /** `DATE`, `TIME`, `MONEY`, … (model) or a redaction type (`CARD_NUMBER`, `PII`). */
  type: z.string(),
  /** As written in the segment; for a redacted entity the token itself (`[CARD_NUMBER]`). */
  text: z.string(),
  source: z.enum(['model', 'redaction', 'llm']),
  evidence: textEvidenceSchema,
});
export type Entity = z.infer<typeof entitySchema>;

export const trackerHitSchema = z.object({
  trackerId: z.string(),
  trackerName: z.string(),
  /** The tracker's phrase that matched, as configured. */
  phrase: z.string(),
  evidence: textEvidenceSchema,
});
export type TrackerHit = z.infer<typeof trackerHitSchema>;

export const topicMatchSchema = z.object({
  topicId: z.string(),
  name: z.string(),
  matches: z.number().int().positive(),
  evidence: z.array(textEvidenceSchema),
});
export type TopicMatch = z.infer<typeof topicMatchSchema>;

export const intentKindSchema = z.enum([
  'opt_out',
  'complaint',
  'cancel',
  'callback_request',
  'escalation',
  'payment_promise',
]);
export type IntentKind = z.infer<typeof intentKindSchema>;

export const intentHitSchema = z.object({
  kind: intentKindSchema,
  /** Which rule fired (`opt_out.take_off_list`), for tuning; an LLM analyser writes `llm`. */
  rule: z.string(),
  /** `evidence.quote` is the exact phrase that triggered the intent. */
  evidence: textEvidenceSchema,
});
export type IntentHit = z.infer<typeof intentHitSchema>;

export const speakerQuestionsSchema = z.object({
  speaker: z.string(),
  role: speakerRoleSchema,
  count: z.number().int().nonnegative(),
  /** The first few questions (at most five). */
  examples: z.array(textEvidenceSchema),
});
export type SpeakerQuestions = z.infer<typeof speakerQuestionsSchema>;

export const summarySchema = z.object({
  kind: z.enum(['extractive', 'abstractive']),
  /** The summary as one text (the sentences joined for an extractive summary). */
  text: z.string(),
  /** Extractive: the picked sentences in call order; abstractive: the evidence the summary rests on. */
  sentences: z.array(textEvidenceSchema),
});
export type ConversationSummary = z.infer<typeof summarySchema>;

export const actionItemSchema = z.object({
  /** What is promised: `send`, `call_back`, `follow_up`, `check`, … (`other` when unclassified). */
  action: z.string(),
  /** The speaker who committed to it. */
  owner: z.string(),
  ownerRole: speakerRoleSchema,
  /** A due time as said ("tomorrow", "by Friday"); null when none was said. */
  due: z.string().nullable(),
  rule: z.string(),
  evidence: textEvidenceSchema,
});
export type ActionItem = z.infer<typeof actionItemSchema>;

export const qaRuleResultSchema = z.object({
  ruleId: z.string(),
  score: z.number().min(0).max(100),
  pass: z.boolean(),
  evidence: z.array(evidenceSchema),
  coachNote: z.string().nullable(),
});
export type QaRuleResult = z.infer<typeof qaRuleResultSchema>;

export const qaEvaluationSchema = z.object({
  scorecardId: z.string(),
  scorecardVersion: z.number().int().positive(),
  rules: z.array(qaRuleResultSchema),
  /** Weighted over the rules' weights, 0..100. */
  overallScore: z.number().min(0).max(100),
  grade: z.enum(['A', 'B', 'C', 'D', 'E']),
  autoFailed: z.boolean(),
});
export type QaEvaluation = z.infer<typeof qaEvaluationSchema>;

export const analysisWarningSchema = z.object({
  code: z.enum([
    'language_not_supported',
    'empty_transcript',
    'text_truncated',
    'insights_not_supported',
    'scorecard_not_supported',
    /** A tracker or topic phrase with no word in it; it was skipped. */
    'invalid_phrase',
  ]),
  message: z.string(),
});
export type AnalysisWarning = z.infer<typeof analysisWarningSchema>;

export const analysisProvenanceSchema = z.object({
  /** The analyser's `name`. */
  analyser: z.string(),
  version: z.string(),
  /** The NLP model or LLM used (`wink-eng-lite-web-model@1.8.1`, `claude-haiku-…`). */
  model: z.string().nullable(),
  promptVersion: z.string().nullable(),
  /** `configHash()` of the resolved tenant configuration plus the analyser's version. */
  configHash: z.string(),
  language: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  timings: z.object({
    totalMs: z.number().nonnegative(),
    /** Per step (`tokenise`, `sentiment`, `intents`, …, or `request` for an LLM call). */
    steps: z.record(z.string(), z.number().nonnegative()),
  }),
  /** LLM analysers: requests made (retries included), tokens and cost; null for the local analyser. */
  usage: z
    .object({
      requests: z.number().int().nonnegative(),
      tokensIn: z.number().int().nonnegative(),
      tokensOut: z.number().int().nonnegative(),
      costMicros: z.number().int().nonnegative().nullable(),
    })
    .nullable(),
});
export type AnalysisProvenance = z.infer<typeof analysisProvenanceSchema>;

export const conversationAnalysisSchema = z.object({
  format: z.literal(ANALYSIS_FORMAT),
  sentiment: sentimentSchema,
  entities: z.array(entitySchema),
  trackerHits: z.array(trackerHitSchema),
  topics: z.array(topicMatchSchema),
  intents: z.array(intentHitSchema),
  questions: z.array(speakerQuestionsSchema),
  summary: summarySchema,
  actionItems: z.array(actionItemSchema),
  /** Tenant insight fields, validated against the tenant's insight schema; null when not filled. */
  insights: z.record(z.string(), z.unknown()).nullable(),
  /** QA evaluation against the tenant's scorecard; null when not evaluated. */
  qa: qaEvaluationSchema.nullable(),
  warnings: z.array(analysisWarningSchema),
  provenance: analysisProvenanceSchema,
});
export type ConversationAnalysis = z.infer<typeof conversationAnalysisSchema>;
