import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { ConversationsTables, ConversationsTransaction } from '../db/conversations.tables.js';
import { findRecording, findRun, transcriptOfRun } from '../pipeline/pipeline.repo.js';
import { stableJson } from '../pipeline/provenance.js';
import { effectiveQaOf } from '../reviews/effective-qa.load.js';
import { sealingAad, type ConversationsSealing } from '../sealing.js';
import { transcriptSchema } from '../transcripts/index.js';
import type { AnalysisResult } from './analyse-call.js';
import { setFinalKey, type AnalysisRow } from './analyses.repo.js';
import type { RecordingMetadata } from '../contract.js';
import { callRow, jsonLines, ruleRows } from '../results/conversation-rows.js';
import { callRowsKey, finalKey, putOnce, ruleRowsKey } from '../results/result-objects.js';
import { finalDocument } from './final-document.js';

export interface FinalWriterDeps {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  readonly objects: ObjectStore;
}

/**
 * Writes `<tenant>/final/<recording>/<analysis>.json` and the BI rows beside it (results/result-objects.ts)
 * for the analysis: the pipeline after each analysis, a
 * reviewer's override after it changed the evaluation. The QA part is the effective one (the
 * reviewers' overrides applied, marked); null when the recording or its transcript is gone.
 */
export function createFinalWriter(deps: FinalWriterDeps) {
  const inTenant = <T>(ctx: RequestContext, fn: (trx: ConversationsTransaction) => Promise<T>) =>
    deps.database.withTenant<ConversationsTables, T>(ctx, fn);

  return async function writeFinal(
    ctx: RequestContext,
    row: AnalysisRow,
    result: AnalysisResult,
  ): Promise<string | null> {
    const parts = await inTenant(ctx, async (trx) => ({
      recording: await findRecording(trx, row.recordingId),
      transcript: await transcriptOfRun(trx, row.runId),
      run: await findRun(trx, row.runId),
      qa: await effectiveQaOf(trx, row.id, result.qa),
    }));
    if (!parts.recording || !parts.transcript) return null;
    const transcript = transcriptSchema.parse(
      await deps.sealing.unsealJson<unknown>(
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
      qa: parts.qa,
    });
    const metadata = await deps.sealing.unsealJson<RecordingMetadata>(
      ctx.tenantId,
      parts.recording.metadataSealed,
      sealingAad.metadata(parts.recording.id),
    );
    // The rows carry the same (effective) evaluation as the document.
    const rowParts = {
      recording: parts.recording,
      agentId: metadata.agent?.id ?? null,
      speakers: transcript.speakers,
      transcriptDurationMs: transcript.durationMs,
      characteristics: parts.transcript.characteristics,
      analysis: row,
      result: { ...result, qa: parts.qa ?? result.qa },
    };
    const key = finalKey(ctx.tenantId, row.recordingId, row.id);
    const put = (objectKey: string, body: string, contentType: string) =>
      putOnce(deps.objects, objectKey, Buffer.from(body), { contentType, tenantId: ctx.tenantId });
    await put(key, stableJson(document), 'application/json');
    await put(
      callRowsKey(ctx.tenantId, row.recordingId, row.id),
      jsonLines([callRow(rowParts)]),
      'application/x-ndjson',
    );
    await put(
      ruleRowsKey(ctx.tenantId, row.recordingId, row.id),
      jsonLines(ruleRows(rowParts)),
      'application/x-ndjson',
    );
    await inTenant(ctx, (trx) => setFinalKey(trx, row.id, key));
    return key;
  };
}

export type WriteFinal = ReturnType<typeof createFinalWriter>;
