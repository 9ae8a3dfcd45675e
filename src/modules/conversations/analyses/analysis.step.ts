import type { ConversationCharacteristics } from '../audio/characteristics.js';
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
import { findRecording, transcriptOfRun } from '../pipeline/pipeline.repo.js';
import { currentTranscript } from '../recordings/recordings.repo.js';
import { sealingAad, type ConversationsSealing } from '../sealing.js';
import { measured } from '../scoring/stored-call.js';
import type { ConversationSettingsService } from '../settings/conversation-settings.service.js';
import type { TranscriptionSecrets } from '../settings/tenant-transcriber.js';
import type { SpeakerSentiment } from '../analysis/analyser.types.js';
import { transcriptSchema } from '../transcripts/index.js';
import { chooseScorecard } from '../analysis-config/scorecard-scope.js';
import type { RecordingRow } from '../pipeline/pipeline.repo.js';
import {
  analyseCall,
  intentPhrases,
  rescoreQa,
  type AnalysisResult,
  type UsedConfig,
} from './analyse-call.js';
import {
  activeConfig,
  activeConfigs,
  analysisByRequest,
  currentAnalysis,
  insertAnalysis,
  type AnalysisRow,
} from './analyses.repo.js';
import { createFinalWriter } from './final-writer.js';
import { secondsOf, type ConversationsMetrics } from '../conversations.metrics.js';

export interface AnalysisStepDeps {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  readonly objects: ObjectStore;
  readonly bus: Bus;
  readonly settings: ConversationSettingsService;
  readonly secrets: TranscriptionSecrets | undefined;
  /** Counts each analysis stored (not one found already stored), with its audio and LLM tokens. */
  readonly metrics?: Pick<ConversationsMetrics, 'analysed'>;
}

export interface AnalyseRequest {
  readonly tenantId: string;
  readonly recordingId: string;
  /**
   * `run:<run uuid>` (pipeline), `request:<uuid>` (re-analysis) or `request:<job>:<recording>`
   * (a re-score job): one analysis per key.
   */
  readonly requestKey: string;
  readonly reason: 'pipeline' | 'reanalysis' | 'rescore';
  /**
   * full (default): everything is analysed again. qa: only the scorecard is evaluated again, over
   * the current analysis's findings (no analyser, no LLM; see rescoreQa); full when there is none.
   */
  readonly scope?: 'full' | 'qa';
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

/** What the dashboards flag outliers by, copied plain from the transcript's characteristics. */
export function outlierFigures(characteristics: ConversationCharacteristics | null): {
  longestSilenceMs: number | null;
  interruptions: number | null;
} {
  if (!characteristics) return { longestSilenceMs: null, interruptions: null };
  return {
    longestSilenceMs: Math.round(
      characteristics.nonTalk.periods.reduce((longest, p) => Math.max(longest, p.durationMs), 0),
    ),
    interruptions: characteristics.interruptions.length,
  };
}

/** Active scorecards considered for a call (more is a configuration problem, not a call's). */
const SCORECARD_CANDIDATES = 200;

/** The most specific active scorecard for the recording (analysis-config/scorecard-scope.ts). */
async function scorecardFor(trx: ConversationsTransaction, recording: RecordingRow | undefined) {
  if (!recording) return null;
  const candidates = (await activeConfigs(trx, 'scorecard', SCORECARD_CANDIDATES)).map((row) => ({
    ...row,
    parsed: parseConfigBody('scorecard', row.body),
  }));
  const chosen = chooseScorecard(
    candidates.map((c) => ({ ...c, appliesTo: c.parsed.appliesTo })),
    { queue: recording.queue, direction: recording.direction },
  );
  if (!chosen) return null;
  return {
    id: toPublicId(configKinds.scorecard.prefix, chosen.configId),
    version: chosen.version,
    body: chosen.parsed,
  };
}

/** The customer's sentiment: the mean over customer speakers, weighted by how many segments each said. */
export function customerSentiment(bySpeaker: readonly SpeakerSentiment[]): number | null {
  const customers = bySpeaker.filter((s) => s.role === 'customer' && s.segmentCount > 0);
  const segments = customers.reduce((sum, s) => sum + s.segmentCount, 0);
  if (segments === 0) return null;
  return (
    Math.round((customers.reduce((sum, s) => sum + s.score * s.segmentCount, 0) / segments) * 1000) / 1000
  );
}

const refOf = (config: UsedConfig<unknown> | null) => (config ? `${config.id}@${config.version}` : null);

/**
 * Analyses the recording's current transcript with the tenant's settings and active
 * configurations, stores the result (sealed) with its dashboard columns, publishes
 * conversations.analysis.completed.v1 in the same transaction and writes `<tenant>/final/<rec>/<analysis>.json`.
 * Safe to run again: a request key that has its row already only writes the final document again.
 */
export function createAnalysisStep(deps: AnalysisStepDeps) {
  const { database, sealing } = deps;
  const inTenant = <T>(ctx: RequestContext, fn: (trx: ConversationsTransaction) => Promise<T>) =>
    database.withTenant<ConversationsTables, T>(ctx, fn);

  const writeFinal = createFinalWriter(deps);

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
    const loaded = await inTenant(ctx, async (trx) => {
      const recording = await findRecording(trx, request.recordingId);
      return {
        recording,
        transcript: request.runId
          ? await transcriptOfRun(trx, request.runId)
          : await currentTranscript(trx, request.recordingId),
        scorecard: await scorecardFor(trx, recording),
        categorySet: await usedConfig(trx, 'category_set'),
        insightSchema: await usedConfig(trx, 'insight_schema'),
        previous: request.scope === 'qa' ? await currentAnalysis(trx, request.recordingId) : undefined,
      };
    });
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
    // QA only keeps the findings of the analysis of this same transcript; anything else is analysed in full.
    const previous = loaded.previous?.transcriptId === transcriptRow.id ? loaded.previous : undefined;
    const result = previous
      ? rescoreQa(
          await sealing.unsealJson<AnalysisResult>(
            ctx.tenantId,
            previous.resultSealed,
            sealingAad.analysis(previous.id),
          ),
          { transcript, storedCharacteristics: transcriptRow.characteristics, scorecard: loaded.scorecard },
        )
      : await analyseCall(
          ctx,
          {
            transcript,
            characteristics: measured(transcriptRow.characteristics),
            storedCharacteristics: transcriptRow.characteristics,
            language: transcriptRow.language,
            settings: (await deps.settings.get(ctx)).analysis,
            scorecard: loaded.scorecard,
            categorySet: loaded.categorySet,
            insightSchema: loaded.insightSchema,
          },
          (name) => deps.secrets?.read(ctx, name),
        );
    const id = request.analysisId ?? newUuid();
    const provenance = result.analysis.provenance;
    const row: Omit<
      AnalysisRow,
      'isCurrent' | 'createdAt' | 'machineQaScore' | 'machineGrade' | 'reviewedAt'
    > = {
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
      // QA only: the categories and insights are the previous analysis's, with its versions.
      categorySetRef: previous ? previous.categorySetRef : refOf(loaded.categorySet),
      insightSchemaRef: previous ? previous.insightSchemaRef : refOf(loaded.insightSchema),
      resultSealed: await sealing.sealJson(request.tenantId, result, sealingAad.analysis(id)),
      sentimentScore: result.analysis.sentiment.overall.score,
      customerSentimentScore: customerSentiment(result.analysis.sentiment.bySpeaker),
      qaScore: result.qa?.score ?? null,
      grade: result.qa?.grade ?? null,
      intents: [...new Set(result.analysis.intents.map((hit) => hit.kind))],
      categories: result.categories.map((match) => match.categoryId),
      topics: result.analysis.topics.map((topic) => topic.topicId),
      finalKey: null,
      requestedBy: request.requestedBy,
      ...outlierFigures(measured(transcriptRow.characteristics)),
    };
    const inserted = { now: false };
    const stored = await inTenant(ctx, async (trx) => {
      // A concurrent execution of the same request may have committed meanwhile.
      const raced = await analysisByRequest(trx, request.requestKey);
      if (raced) return raced;
      await insertAnalysis(trx, row);
      inserted.now = true;
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
            durationMs: transcriptRow.durationMs === null ? null : Number(transcriptRow.durationMs),
            // A QA re-score re-uses the previous findings (and their LLM usage): it called no model.
            llm:
              result.llm && !previous
                ? {
                    provider: result.llm.usage.provider,
                    model: result.llm.usage.model,
                    inputTokens: result.llm.usage.inputTokens,
                    outputTokens: result.llm.usage.outputTokens,
                  }
                : null,
          }),
        },
      ]);
      // As stored: the rows beside final/ carry the row's created_at, which the export filters on.
      return (
        (await analysisByRequest(trx, request.requestKey)) ?? {
          ...row,
          isCurrent: true,
          createdAt: new Date(),
          machineQaScore: row.qaScore,
          machineGrade: row.grade,
          reviewedAt: null,
        }
      );
    });
    if (inserted.now)
      deps.metrics?.analysed({
        reason: request.reason,
        audioSeconds: secondsOf(transcriptRow.durationMs),
        llm: result.llm
          ? {
              provider: result.llm.usage.provider,
              inputTokens: result.llm.usage.inputTokens,
              outputTokens: result.llm.usage.outputTokens,
            }
          : null,
      });
    await writeFinal(ctx, stored, result);
    return { analysisId: toPublicId('ana', stored.id), grade: stored.grade, score: stored.qaScore };
  };
}

export type AnalyseRecording = ReturnType<typeof createAnalysisStep>;
