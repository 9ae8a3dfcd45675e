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
import { finalDocument, finalKey } from './final-document.js';

export interface FinalWriterDeps {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  readonly objects: ObjectStore;
}

/**
 * Writes `<tenant>/final/<recording>/<analysis>.json` for the analysis: the pipeline after each analysis, a
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
    const key = finalKey(ctx.tenantId, row.recordingId, row.id);
    await deps.objects.put(key, Buffer.from(stableJson(document)), {
      contentType: 'application/json',
      tenantId: ctx.tenantId,
    });
    await inTenant(ctx, (trx) => setFinalKey(trx, row.id, key));
    return key;
  };
}

export type WriteFinal = ReturnType<typeof createFinalWriter>;
