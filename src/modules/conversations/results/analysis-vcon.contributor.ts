import { effectiveQaOfMany } from '../reviews/effective-qa.load.js';
import type { EffectiveQa } from '../reviews/effective-qa.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import type {
  VconAnalysis,
  VconContribution,
  VconContributor,
  VconKeyedAnalysis,
} from '../../calls/index.js';
import type { AnalysisResult } from '../analyses/analyse-call.js';
import { currentAnalysesOf, type AnalysisRow } from '../analyses/analyses.repo.js';
import { CONVERSATION_FORMAT } from '../analyses/final-document.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { recordingDialogKey } from '../recordings/recording-vcon.contributor.js';
import { recordingsOfCalls, type RecordingRow } from '../recordings/recordings.repo.js';
import { sealingAad, type ConversationsSealing } from '../sealing.js';

/*
 * What a call's vCon carries of the recordings' current analyses (registered after the recordings
 * contributor, which adds the recording dialogs and the transcripts): per analysed recording a
 * `summary`, a `sentiment`, a `qa-evaluation` when a scorecard was active and `insights` when an
 * insight schema was, each about that recording's dialog. The bodies are the sections of the
 * recording's final/ document (docs/conversation-result.schema.json), which `schema` points at.
 * Needs analysis:read; an analysis whose recording dialog the caller may not see is left out.
 */

const ANALYSIS = { vendor: 'switchboard', product: 'conversations' } as const;
const section = (name: string) => `${CONVERSATION_FORMAT}#/${name}`;

/** The vCon analysis entries of one analysis (without their dialog, which the key gives). */
export function analysisEntries(result: AnalysisResult): VconAnalysis[] {
  const entry = (type: string, name: string, body: unknown): VconAnalysis => ({
    type,
    ...ANALYSIS,
    schema: section(name),
    mediatype: 'application/json',
    encoding: 'json',
    body,
  });
  const found = result.analysis;
  const entries = [
    entry('summary', 'summary', { extractive: found.summary.text, abstractive: result.llm?.summary ?? null }),
    entry('sentiment', 'sentiment', found.sentiment),
  ];
  if (result.qa) entries.push(entry('qa-evaluation', 'qa', result.qa));
  if (result.insights) entries.push(entry('insights', 'insights', result.insights));
  return entries;
}

export function createAnalysisVconContributor(deps: {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
}): VconContributor {
  return async (ctx, access, calls) => {
    const answer = new Map<string, VconContribution>();
    if (!access.permissions.has('analysis:read') || !access.permissions.has('recordings:read')) return answer;
    const byUuid = new Map(
      calls.flatMap((call) => {
        const uuid = fromPublicId('call', call.callId);
        return uuid ? [[uuid, call.callId] as const] : [];
      }),
    );
    if (byUuid.size === 0) return answer;
    const { recordings, analyses } = await deps.database.withTenant<
      ConversationsTables,
      { recordings: RecordingRow[]; analyses: AnalysisRow[] }
    >(ctx, async (trx) => {
      const found = await recordingsOfCalls(trx, [...byUuid.keys()]);
      return {
        recordings: found,
        analyses: await currentAnalysesOf(
          trx,
          found.map((r) => r.id),
        ),
      };
    });
    const analysisOf = new Map(analyses.map((row) => [row.recordingId, row]));
    const machineOf = new Map<string, AnalysisResult>();
    for (const row of analyses) {
      machineOf.set(
        row.id,
        await deps.sealing.unsealJson<AnalysisResult>(
          ctx.tenantId,
          row.resultSealed,
          sealingAad.analysis(row.id),
        ),
      );
    }
    // The QA evaluation as the final document has it: the reviewers' overrides applied and marked.
    const effective = await deps.database.withTenant<ConversationsTables, Map<string, EffectiveQa>>(
      ctx,
      (trx) =>
        effectiveQaOfMany(
          trx,
          analyses.map((row) => ({ id: row.id, qa: machineOf.get(row.id)?.qa ?? null })),
        ),
    );
    const keyed = new Map<string, VconKeyedAnalysis[]>();
    for (const recording of recordings) {
      const callId = recording.callId === null ? undefined : byUuid.get(recording.callId);
      const row = analysisOf.get(recording.id);
      const machine = row && machineOf.get(row.id);
      if (!callId || !row || !machine) continue;
      const result = { ...machine, qa: effective.get(row.id) ?? machine.qa };
      const dialogKeys = [recordingDialogKey(toPublicId('rec', recording.id))];
      const list = keyed.get(callId) ?? [];
      list.push(...analysisEntries(result).map((analysis) => ({ dialogKeys, analysis })));
      keyed.set(callId, list);
    }
    for (const [callId, keyedAnalysis] of keyed)
      answer.set(callId, { dialog: [], analysis: [], attachments: [], keyedAnalysis });
    return answer;
  };
}
