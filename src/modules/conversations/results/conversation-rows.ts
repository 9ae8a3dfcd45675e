import { toPublicId } from '../../../platform/ids.js';
import type { AnalysisResult } from '../analyses/analyse-call.js';
import type { AnalysisRow } from '../analyses/analyses.repo.js';
import type { SpeakerRole } from '../scoring/scoring-input.js';
import { characteristicsByRole } from '../scoring/scoring-input.js';
import { measured } from '../scoring/stored-call.js';

/*
 * Flat rows for BI tools (docs/conversation-rows.schema.json): one `call` row per analysed call and
 * one `rule` row per QA rule result. No transcript text, no quotes, no numbers or names: the agent
 * is the id the recording's metadata gave (never the name), so the rows can go where the sealed
 * result may not.
 */

export const CALL_ROW_FORMAT = 'switchboard.conversation-call-row/1';
export const RULE_ROW_FORMAT = 'switchboard.conversation-rule-row/1';

export interface RowParts {
  readonly recording: {
    readonly id: string;
    readonly callId: string | null;
    readonly direction: string;
    readonly queue: string | null;
    readonly startedAt: Date | null;
    readonly durationMs: number | string | null;
  };
  /** The agent id from the recording's metadata (null when it named none). */
  readonly agentId: string | null;
  /** Who is who in the transcript: to put the measured talk times on agent and customer. */
  readonly speakers: readonly {
    readonly id: string;
    readonly role: SpeakerRole;
    readonly channel: number | null;
  }[];
  readonly transcriptDurationMs: number | null;
  readonly characteristics: unknown;
  readonly analysis: AnalysisRow;
  readonly result: AnalysisResult;
}

const rounded = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

function sentimentOf(result: AnalysisResult, role: SpeakerRole): number | null {
  const mine = result.analysis.sentiment.bySpeaker.filter((s) => s.role === role);
  const segments = mine.reduce((sum, s) => sum + s.segmentCount, 0);
  if (mine.length === 0 || segments === 0) return null;
  return rounded(mine.reduce((sum, s) => sum + s.score * s.segmentCount, 0) / segments);
}

export function callRow(parts: RowParts) {
  const { analysis, result, recording } = parts;
  const durationMs =
    recording.durationMs === null ? parts.transcriptDurationMs : Number(recording.durationMs);
  const stored = measured(parts.characteristics);
  const roleById = new Map(parts.speakers.map((s) => [s.id, s.role]));
  const byRole = stored
    ? characteristicsByRole(
        stored,
        (speaker, channel) =>
          (channel === null
            ? roleById.get(speaker)
            : parts.speakers.find((s) => s.channel === channel)?.role) ?? 'unknown',
      )
    : null;
  const silenceMs = stored ? stored.nonTalk.totalMs : null;
  const usage = result.llm?.usage ?? null;
  return {
    format: CALL_ROW_FORMAT,
    recordingId: toPublicId('rec', recording.id),
    analysisId: toPublicId('ana', analysis.id),
    callId: recording.callId ? toPublicId('call', recording.callId) : null,
    startedAt: recording.startedAt?.toISOString() ?? null,
    direction: recording.direction,
    queue: recording.queue,
    agentId: parts.agentId,
    durationMs,
    grade: analysis.grade,
    qaScore: analysis.qaScore,
    autoFailed: result.qa?.autoFailed ?? null,
    sentimentOverall: rounded(result.analysis.sentiment.overall.score),
    sentimentAgent: sentimentOf(result, 'agent'),
    sentimentCustomer: sentimentOf(result, 'customer'),
    categories: result.categories.map((c) => c.name),
    intents: [...new Set(result.analysis.intents.map((hit) => hit.kind))],
    topics: result.analysis.topics.map((topic) => topic.name),
    talkRatioAgent: byRole?.talkRatio.agent === undefined ? null : rounded(byRole.talkRatio.agent),
    talkRatioCustomer: byRole?.talkRatio.customer === undefined ? null : rounded(byRole.talkRatio.customer),
    silenceMs,
    silenceRatio:
      silenceMs === null || stored === null || stored.durationMs <= 0
        ? null
        : rounded(silenceMs / stored.durationMs),
    analyser: analysis.analyser,
    analyserVersion: analysis.analyserVersion,
    model: usage?.model ?? result.analysis.provenance.model,
    costUsd: usage?.costUsd ?? null,
    scorecard: analysis.scorecardRef,
    analysedAt: analysis.createdAt.toISOString(),
  };
}
export type CallRow = ReturnType<typeof callRow>;

export function ruleRows(parts: Pick<RowParts, 'recording' | 'analysis' | 'result'>) {
  const { analysis, result, recording } = parts;
  const qa = result.qa;
  if (!qa) return [];
  return qa.rules.map((rule) => ({
    format: RULE_ROW_FORMAT,
    recordingId: toPublicId('rec', recording.id),
    analysisId: toPublicId('ana', analysis.id),
    callId: recording.callId ? toPublicId('call', recording.callId) : null,
    startedAt: recording.startedAt?.toISOString() ?? null,
    scorecardId: qa.scorecardId,
    scorecardVersion: qa.scorecardVersion,
    ruleId: rule.ruleId,
    name: rule.name,
    category: rule.category,
    kind: rule.kind,
    weight: rule.weight,
    status: rule.status,
    score: rule.score,
    pass: rule.pass,
    autoFail: rule.autoFail,
    /** This rule's failure failed the whole call. */
    autoFailed: qa.autoFailedBy.includes(rule.ruleId),
    analysedAt: analysis.createdAt.toISOString(),
  }));
}
export type RuleRow = ReturnType<typeof ruleRows>[number];

/** JSON Lines: one row a line, each line ending in `\n`. */
export const jsonLines = (rows: readonly unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('');
