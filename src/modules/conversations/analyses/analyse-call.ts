import type { RequestContext } from '../../../platform/context.js';
import type { ConversationCharacteristics } from '../audio/index.js';
import { createLocalAnalyser, type ConversationAnalysis, type IntentHit } from '../analysis/index.js';
import {
  createLlmAnalyser,
  type LlmAnalysisInput,
  type LlmAnalysisResult,
  type LlmQaRule,
  type LlmSecretLookup,
} from '../analysis/llm/index.js';
import type { CategorySet } from '../analysis-config/category.schema.js';
import {
  insightJsonSchema,
  validateInsightResult,
  type InsightProblem,
  type InsightSchema,
} from '../analysis-config/insight-schema.js';
import type { Scorecard } from '../analysis-config/scorecard.schema.js';
import {
  evaluateScorecard,
  type LlmRuleResult,
  type ScorecardEvaluation,
} from '../scoring/evaluate-scorecard.js';
import { matchCategories, type CategoryMatch } from '../scoring/match-categories.js';
import { scoringInputOf } from '../scoring/stored-call.js';
import type { AnalysisSettings } from '../settings/analysis-settings.js';
import type { Transcript } from '../transcripts/index.js';

/** The format of a stored analysis result (sealed in conversations.analyses.result_sealed). */
export const ANALYSIS_RESULT_FORMAT = 'switchboard.analysis-result/1';

/** A configuration version as the analysis used it: public id, version, body. */
export interface UsedConfig<B> {
  readonly id: string;
  readonly version: number;
  readonly body: B;
}

export interface AnalyseCallInput {
  /** The stored (redacted) transcript. */
  readonly transcript: Transcript;
  /** As the pipeline stored them (null for a supplied transcript without audio). */
  readonly characteristics: ConversationCharacteristics | null;
  readonly storedCharacteristics: unknown;
  readonly language: string | null;
  readonly settings: AnalysisSettings;
  readonly scorecard: UsedConfig<Scorecard> | null;
  readonly categorySet: UsedConfig<CategorySet> | null;
  readonly insightSchema: UsedConfig<InsightSchema> | null;
}

export interface InsightsResult {
  readonly schemaId: string;
  readonly schemaVersion: number;
  /** Null when no LLM filled them (the local analyser does not). */
  readonly values: Record<string, unknown> | null;
  readonly valid: boolean;
  readonly problems: readonly InsightProblem[];
}

/** What one analysis produced: the analyser's findings, the QA evaluation, categories, insights. */
export interface AnalysisResult {
  readonly format: typeof ANALYSIS_RESULT_FORMAT;
  readonly analysis: ConversationAnalysis;
  /** The LLM's summary, sentiment and usage when one ran. */
  readonly llm: {
    readonly summary: string;
    readonly sentiment: string | null;
    readonly actionItems: readonly string[];
    readonly usage: LlmAnalysisResult['usage'];
    readonly configHash: string;
    readonly piiGuard: LlmAnalysisResult['piiGuard'];
  } | null;
  readonly qa:
    (ScorecardEvaluation & { readonly scorecardId: string; readonly scorecardVersion: number }) | null;
  readonly categories: readonly CategoryMatch[];
  readonly insights: InsightsResult | null;
}

/** The intents with the phrase that triggered them, as the completed event carries them. */
export function intentPhrases(intents: readonly IntentHit[]) {
  return intents.map((hit) => ({
    kind: hit.kind,
    phrase: hit.evidence.quote,
    segmentId: hit.evidence.segmentId,
    speaker: hit.evidence.speaker,
  }));
}

const EMPTY_INSIGHTS = { type: 'object', properties: {}, additionalProperties: false } as const;

/**
 * Analyses one stored call: the local analyser always (sentiment, intents, entities, summary...);
 * the tenant's LLM after it when configured (insights, llm rules, an abstractive summary); the
 * scorecard's deterministic rules and the category set evaluated here. Throws the LLM's error
 * (`LlmAnalysisError`, transient or not) for the caller to retry or record.
 */
export async function analyseCall(
  ctx: RequestContext,
  input: AnalyseCallInput,
  secrets: LlmSecretLookup,
): Promise<AnalysisResult> {
  const analysis = await createLocalAnalyser().analyse(ctx, {
    transcript: input.transcript,
    characteristics: input.characteristics,
    language: input.language,
    config: {},
  });
  const scored = scoredInput(input.transcript, input.storedCharacteristics, analysis);

  let llm: LlmAnalysisResult | null = null;
  const llmRules = input.scorecard?.body.rules.filter((rule) => rule.kind === 'llm') ?? [];
  if (input.settings.analyser === 'llm' && input.settings.llm !== null) {
    const analyser = createLlmAnalyser(input.settings.llm, secrets);
    const request: LlmAnalysisInput = {
      transcript: {
        redacted: true,
        language: input.transcript.language ?? input.language,
        segments: input.transcript.segments.map((s) => ({
          id: s.id,
          speakerId: s.speakerId,
          role: input.transcript.speakers.find((p) => p.id === s.speakerId)?.role ?? 'unknown',
          startMs: s.startMs,
          endMs: s.endMs,
          text: s.text,
        })),
      },
      insightSchema: input.insightSchema
        ? stripDraft(insightJsonSchema(input.insightSchema.body))
        : EMPTY_INSIGHTS,
      scorecard: llmRules.map((rule): LlmQaRule => ({
        id: rule.id,
        name: rule.name,
        category: rule.category,
        weight: rule.weight,
        description: rule.description,
        howToJudge: rule.howToJudge,
        autoFail: rule.autoFail,
      })),
      language: input.transcript.language ?? input.language ?? 'en',
      piiPolicy: input.settings.piiPolicy,
    };
    llm = await analyser.analyse(request);
  }

  const segmentsById = new Map(input.transcript.segments.map((s) => [s.id, s]));
  const llmResults: LlmRuleResult[] = (llm?.qa ?? []).map((result) => ({
    ruleId: result.ruleId,
    score: result.score,
    pass: result.pass,
    coachNote: result.coachNote,
    evidence: result.evidence.map((e) => {
      const segment = segmentsById.get(e.segmentId);
      return {
        segmentId: e.segmentId,
        startMs: segment?.startMs ?? 0,
        endMs: segment?.endMs ?? 0,
        speaker: segment?.speakerId ?? null,
        quote: e.quote,
      };
    }),
  }));
  const qa = qaOf(input.scorecard, scored, llmResults);
  const categories = input.categorySet ? matchCategories(input.categorySet.body.categories, scored) : [];

  let insights: InsightsResult | null = null;
  if (input.insightSchema) {
    const values = llm ? llm.insights : null;
    const validation = values === null ? null : validateInsightResult(input.insightSchema.body, values);
    insights = {
      schemaId: input.insightSchema.id,
      schemaVersion: input.insightSchema.version,
      values,
      valid: validation?.valid ?? false,
      problems: validation?.problems ?? [],
    };
  }

  return {
    format: ANALYSIS_RESULT_FORMAT,
    analysis,
    llm: llm
      ? {
          summary: llm.summary,
          sentiment: llm.sentiment ?? null,
          actionItems: llm.actionItems ?? [],
          usage: llm.usage,
          configHash: llm.configHash,
          piiGuard: llm.piiGuard,
        }
      : null,
    qa,
    categories,
    insights,
  };
}

function scoredInput(transcript: Transcript, storedCharacteristics: unknown, analysis: ConversationAnalysis) {
  const scoring = scoringInputOf(transcript, storedCharacteristics);
  const sentimentBySegment = new Map(analysis.sentiment.perSegment.map((s) => [s.segmentId, s.score]));
  return {
    ...scoring,
    segments: scoring.segments.map((s) => ({ ...s, sentiment: sentimentBySegment.get(s.id) ?? null })),
  };
}

function qaOf(
  scorecard: UsedConfig<Scorecard> | null,
  scored: ReturnType<typeof scoredInput>,
  llmResults: readonly LlmRuleResult[],
): AnalysisResult['qa'] {
  return scorecard
    ? {
        scorecardId: scorecard.id,
        scorecardVersion: scorecard.version,
        ...evaluateScorecard(scorecard.body, scored, llmResults),
      }
    : null;
}

/**
 * QA only (a re-score with another scorecard): the previous analysis's findings, categories and
 * insights are kept as they were, and the scorecard is evaluated again on the same transcript. No
 * analyser and no LLM runs: an llm rule keeps the judgement the previous analysis had for its id,
 * and stays pending when it had none (a new rule needs a full analysis).
 */
export function rescoreQa(
  previous: AnalysisResult,
  input: Pick<AnalyseCallInput, 'transcript' | 'storedCharacteristics' | 'scorecard'>,
): AnalysisResult {
  const scored = scoredInput(input.transcript, input.storedCharacteristics, previous.analysis);
  const judged: LlmRuleResult[] = (previous.qa?.rules ?? [])
    .filter((rule) => rule.kind === 'llm' && rule.status === 'evaluated' && rule.score !== null)
    .map((rule) => ({
      ruleId: rule.ruleId,
      score: rule.score ?? 0,
      pass: rule.pass ?? false,
      coachNote: rule.coachNote,
      evidence: rule.evidence,
    }));
  return { ...previous, qa: qaOf(input.scorecard, scored, judged) };
}

function stripDraft(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _draft, ...rest } = schema;
  return rest;
}
