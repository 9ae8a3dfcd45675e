import { toPublicId } from '../../../platform/ids.js';
import type { EffectiveQa } from '../reviews/effective-qa.js';
import type { Transcript } from '../transcripts/index.js';
import type { AnalysisResult } from './analyse-call.js';
import type { AnalysisRow } from './analyses.repo.js';

/** The versioned format of `<tenant>/final/<recording>/<analysis>.json` (docs/conversation-result.schema.json). */
export const CONVERSATION_FORMAT = 'switchboard.conversation/1';

/**
 * One document per analysis, beside its BI rows (results/result-objects.ts): the object store is
 * write-once, and a re-analysis keeps the earlier documents; the current analysis's `final_key`
 * names the current one.
 */
export { finalKey } from '../results/result-objects.js';

export interface FinalDocumentParts {
  readonly recording: {
    readonly id: string;
    readonly callId: string | null;
    readonly direction: string;
    readonly queue: string | null;
    readonly startedAt: Date | null;
    readonly durationMs: number | string | null;
  };
  readonly transcriptRow: {
    readonly id: string;
    readonly runId: string;
    readonly provider: string;
    readonly language: string | null;
    readonly redactionCounts: unknown;
    readonly characteristics: unknown;
  };
  readonly transcript: Transcript;
  readonly runSteps: unknown;
  readonly analysis: AnalysisRow;
  readonly result: AnalysisResult;
  /** The evaluation with reviewers' overrides applied (reviews/effective-qa.ts); null without a scorecard. */
  readonly qa: EffectiveQa | null;
}

/**
 * The effective evaluation as the document carries it: an overridden rule says who overrode it,
 * when, and the machine's judgement (never the reviewer's reason, which stays sealed).
 */
function documentQa(qa: EffectiveQa | null) {
  if (!qa) return null;
  return {
    ...qa,
    rules: qa.rules.map(({ override, ...rule }) =>
      override
        ? {
            ...rule,
            override: {
              reviewer: override.reviewer,
              at: override.at.toISOString(),
              originalStatus: override.originalStatus,
              originalScore: override.originalScore,
              originalPass: override.originalPass,
            },
          }
        : rule,
    ),
  };
}

/** The call with everything the pipeline and the analysis made of it; the transcript redacted. */
export function finalDocument(parts: FinalDocumentParts) {
  const { analysis, result, transcript } = parts;
  const found = result.analysis;
  return {
    format: CONVERSATION_FORMAT,
    recordingId: toPublicId('rec', parts.recording.id),
    analysisId: toPublicId('ana', analysis.id),
    call: {
      callId: parts.recording.callId ? toPublicId('call', parts.recording.callId) : null,
      direction: parts.recording.direction,
      queue: parts.recording.queue,
      startedAt: parts.recording.startedAt?.toISOString() ?? null,
      durationMs:
        parts.recording.durationMs === null ? transcript.durationMs : Number(parts.recording.durationMs),
    },
    parties: transcript.speakers.map((s) => ({ speaker: s.id, role: s.role, channel: s.channel })),
    transcript: {
      transcriptId: toPublicId('trn', parts.transcriptRow.id),
      language: parts.transcriptRow.language,
      segments: transcript.segments.map((s) => ({
        id: s.id,
        speaker: s.speakerId,
        startMs: s.startMs,
        endMs: s.endMs,
        text: s.text,
      })),
    },
    summary: {
      extractive: found.summary.text,
      abstractive: result.llm?.summary ?? null,
    },
    sentiment: found.sentiment,
    characteristics: parts.transcriptRow.characteristics ?? null,
    topics: found.topics,
    trackers: found.trackerHits,
    categories: result.categories,
    intents: found.intents,
    questions: found.questions,
    actionItems: found.actionItems,
    entities: found.entities,
    complianceFlags: (parts.qa?.rules ?? [])
      .filter((rule) => rule.category.toLowerCase() === 'compliance' && rule.pass === false)
      .map((rule) => ({ ruleId: rule.ruleId, name: rule.name, autoFail: rule.autoFail })),
    redactions: { counts: parts.transcriptRow.redactionCounts ?? {} },
    qa: documentQa(parts.qa),
    insights: result.insights,
    provenance: {
      pipeline: parts.runSteps,
      runId: toPublicId('run', parts.transcriptRow.runId),
      transcription: { provider: parts.transcriptRow.provider },
      analysis: found.provenance,
      llm: result.llm
        ? { usage: result.llm.usage, configHash: result.llm.configHash, piiGuard: result.llm.piiGuard }
        : null,
      configs: {
        scorecard: analysis.scorecardRef,
        categorySet: analysis.categorySetRef,
        insightSchema: analysis.insightSchemaRef,
      },
      warnings: found.warnings,
    },
  };
}
export type FinalDocument = ReturnType<typeof finalDocument>;
