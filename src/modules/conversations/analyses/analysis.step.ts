import type { Bus } from '../../../platform/bus/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import { parseConfigBody } from '../analysis-config/analysis-config.service.js';
import { configKinds } from '../analysis-config/config-kinds.js';
import type {
  AnalysisConfigKind,
  ConversationsTables,
  ConversationsTransaction,
} from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import { analysisCompletedV1 } from '../events.js';
import { findRecording, findRun, transcriptOfRun } from '../pipeline/pipeline.repo.js';
import { stableJson } from '../pipeline/provenance.js';
import { currentTranscript } from '../recordings/recordings.repo.js';
import { sealingAad, type ConversationsSealing } from '../sealing.js';
import { measured } from '../scoring/stored-call.js';
import type { ConversationSettingsService } from '../settings/conversation-settings.service.js';
import type { TranscriptionSecrets } from '../settings/tenant-transcriber.js';
import { transcriptSchema } from '../transcripts/index.js';
import { analyseCall, intentPhrases, type AnalysisResult, type UsedConfig } from './analyse-call.js';
import {
  activeConfig,
  analysisByRequest,
  currentAnalysis,
  insertAnalysis,
  setFinalKey,
  type AnalysisRow,
} from './analyses.repo.js';
import { finalDocument } from './final-document.js';
import { callRow, jsonLines, ruleRows } from '../results/conversation-rows.js';
import { callRowsKey, finalKey, replaceObject, ruleRowsKey } from '../results/result-objects.js';
import type { RecordingMetadata } from '../contract.js';

export interface AnalysisStepDeps {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  readonly objects: ObjectStore;
  readonly bus: Bus;
  readonly settings: ConversationSettingsService;
  readonly secrets: TranscriptionSecrets | undefined;
}

export interface AnalyseRequest {
  readonly tenantId: string;
  readonly recordingId: string;
  /** `run:<run uuid>` (pipeline) or `request:<uuid>` (re-analysis): one analysis per key. */
  readonly requestKey: string;
  readonly reason: 'pipeline' | 'reanalysis';
  readonly requestedBy: string;
  /** The pipeline's run: its own transcript is analysed (a newer run may have finished first). Absent: the current transcript. */
  readonly runId?: string;
  /** The id the analysis gets (a re-analysis answers with it before it runs); new when absent. */
  readonly analysisId?: string;
}

export interface AnalyseOutcome {
  readonly analysisId: string;
  readonly grade: string | null;
  readonly score: number | null;
}

async function usedConfig<K extends AnalysisConfigKind>(trx: ConversationsTransaction, kind: K) {
  const row = await activeConfig(trx, kind);
  if (!row) return null;
  return {
    id: toPublicId(configKinds[kind].prefix, row.configId),
    version: row.version,
    body: parseConfigBody(kind, row.body),
  };
}

const refOf = (config: UsedConfig<unknown> | null) => (config ? `${config.id}@${config.version}` : null);

/**
 * Analyses the recording's current transcript with the tenant's settings and active
 * configurations, stores the result (sealed) with its dashboard columns, publishes
 * conversations.analysis.completed.v1 in the same transaction and writes `<tenant>/final/<rec>.json`.
 * Safe to run again: a request key that has its row already only writes the final document again.
 */
export function createAnalysisStep(deps: AnalysisStepDeps) {
  const { database, sealing } = deps;
  const inTenant = <T>(ctx: RequestContext, fn: (trx: ConversationsTransaction) => Promise<T>) =>
    database.withTenant<ConversationsTables, T>(ctx, fn);

  /**
   * `final/<rec>.json` and the BI rows beside it. Only the current analysis writes them: a retried
   * step of an analysis that a newer one superseded leaves the newer one's objects alone.
   */
  const writeFinal = async (ctx: RequestContext, row: AnalysisRow, result: AnalysisResult) => {
    const parts = await inTenant(ctx, async (trx) => ({
      recording: await findRecording(trx, row.recordingId),
      transcript: await transcriptOfRun(trx, row.runId),
      run: await findRun(trx, row.runId),
      current: await currentAnalysis(trx, row.recordingId),
    }));
    if (!parts.recording || !parts.transcript) return null;
    if (parts.current && parts.current.id !== row.id) return parts.current.finalKey;
    const transcript = transcriptSchema.parse(
      await sealing.unsealJson<unknown>(
        ctx.tenantId,
        parts.transcript.transcriptSealed,
        sealingAad.transcript(parts.transcript.id),
      ),
    );
    const document = finalDocument({
      recording: parts.recording,
      transcriptRow: parts.transcript,
      transcript,
      runSteps: parts.run?.steps ?? [],
      analysis: row,
      result,
    });
    const metadata = await sealing.unsealJson<RecordingMetadata>(
      ctx.tenantId,
      parts.recording.metadataSealed,
      sealingAad.metadata(parts.recording.id),
    );
    const rowParts = {
      recording: parts.recording,
      agentId: metadata.agent?.id ?? null,
      speakers: transcript.speakers,
      transcriptDurationMs: transcript.durationMs,
      characteristics: parts.transcript.characteristics,
      analysis: row,
      result,
    };
    const options = {
      tenantId: ctx.tenantId,
      reason: `replaced by analysis ${toPublicId('ana', row.id)}`,
    };
    const key = finalKey(ctx.tenantId, row.recordingId);
    await replaceObject(deps.objects, key, Buffer.from(stableJson(document)), {
      ...options,
      contentType: 'application/json',
    });
    await replaceObject(
      deps.objects,
      callRowsKey(ctx.tenantId, row.recordingId),
      Buffer.from(jsonLines([callRow(rowParts)])),
      { ...options, contentType: 'application/x-ndjson' },
    );
    await replaceObject(
      deps.objects,
      ruleRowsKey(ctx.tenantId, row.recordingId),
      Buffer.from(jsonLines(ruleRows(rowParts))),
      { ...options, contentType: 'application/x-ndjson' },
    );
    await inTenant(ctx, (trx) => setFinalKey(trx, row.id, key));
    return key;
  };

  return async function analyse(request: AnalyseRequest): Promise<AnalyseOutcome> {
    const ctx = systemContext(request.tenantId, request.requestKey, 'conversations.analysis');
    const existing = await inTenant(ctx, (trx) => analysisByRequest(trx, request.requestKey));
    if (existing) {
      const result = await sealing.unsealJson<AnalysisResult>(
        ctx.tenantId,
        existing.resultSealed,
        sealingAad.analysis(existing.id),
      );
      await writeFinal(ctx, existing, result);
      return { analysisId: toPublicId('ana', existing.id), grade: existing.grade, score: existing.qaScore };
    }
    const loaded = await inTenant(ctx, async (trx) => ({
      recording: await findRecording(trx, request.recordingId),
      transcript: request.runId
        ? await transcriptOfRun(trx, request.runId)
        : await currentTranscript(trx, request.recordingId),
      scorecard: await usedConfig(trx, 'scorecard'),
      categorySet: await usedConfig(trx, 'category_set'),
      insightSchema: await usedConfig(trx, 'insight_schema'),
    }));
    if (!loaded.recording) throw ConversationsErrors.recordingNotFound();
    if (!loaded.transcript) throw ConversationsErrors.noTranscript();
    const transcriptRow = loaded.transcript;
    const transcript = transcriptSchema.parse(
      await sealing.unsealJson<unknown>(
        ctx.tenantId,
        transcriptRow.transcriptSealed,
        sealingAad.transcript(transcriptRow.id),
      ),
    );
    const settings = await deps.settings.get(ctx);
    const result = await analyseCall(
      ctx,
      {
        transcript,
        characteristics: measured(transcriptRow.characteristics),
        storedCharacteristics: transcriptRow.characteristics,
        language: transcriptRow.language,
        settings: settings.analysis,
        scorecard: loaded.scorecard,
        categorySet: loaded.categorySet,
        insightSchema: loaded.insightSchema,
      },
      (name) => deps.secrets?.read(ctx, name),
    );
    const id = request.analysisId ?? newUuid();
    const provenance = result.analysis.provenance;
    const row: Omit<AnalysisRow, 'isCurrent' | 'createdAt'> = {
      id,
      tenantId: request.tenantId,
      recordingId: request.recordingId,
      transcriptId: transcriptRow.id,
      runId: transcriptRow.runId,
      requestKey: request.requestKey,
      reason: request.reason,
      analyser: result.llm ? `local+${result.llm.usage.provider}` : provenance.analyser,
      analyserVersion: result.llm
        ? `${provenance.version}+${result.llm.usage.promptVersion}`
        : provenance.version,
      scorecardRef: refOf(loaded.scorecard),
      categorySetRef: refOf(loaded.categorySet),
      insightSchemaRef: refOf(loaded.insightSchema),
      resultSealed: await sealing.sealJson(request.tenantId, result, sealingAad.analysis(id)),
      sentimentScore: result.analysis.sentiment.overall.score,
      qaScore: result.qa?.score ?? null,
      grade: result.qa?.grade ?? null,
      intents: [...new Set(result.analysis.intents.map((hit) => hit.kind))],
      categories: result.categories.map((match) => match.categoryId),
      topics: result.analysis.topics.map((topic) => topic.topicId),
      finalKey: null,
      requestedBy: request.requestedBy,
    };
    const stored = await inTenant(ctx, async (trx) => {
      // A concurrent execution of the same request may have committed meanwhile.
      const raced = await analysisByRequest(trx, request.requestKey);
      if (raced) return raced;
      await insertAnalysis(trx, row);
      await deps.bus.publish(trx, [
        {
          type: analysisCompletedV1.type,
          tenantId: request.tenantId,
          key: request.recordingId,
          data: analysisCompletedV1.schema.parse({
            recordingId: toPublicId('rec', request.recordingId),
            analysisId: toPublicId('ana', id),
            callId: loaded.recording?.callId ? toPublicId('call', loaded.recording.callId) : null,
            intents: intentPhrases(result.analysis.intents),
            grade: row.grade,
            score: row.qaScore,
          }),
        },
      ]);
      // As stored: the rows beside final/ carry the row's created_at, which the export filters on.
      return (
        (await analysisByRequest(trx, request.requestKey)) ?? {
          ...row,
          isCurrent: true,
          createdAt: new Date(),
        }
      );
    });
    await writeFinal(ctx, stored, result);
    return { analysisId: toPublicId('ana', stored.id), grade: stored.grade, score: stored.qaScore };
  };
}

export type AnalyseRecording = ReturnType<typeof createAnalysisStep>;
