import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { AnalysisResult } from '../analyses/analyse-call.js';
import type { RecordingMetadata } from '../contract.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import { findRecording } from '../pipeline/pipeline.repo.js';
import { sealingAad, type ConversationsSealing } from '../sealing.js';
import { transcriptSchema } from '../transcripts/index.js';
import { effectiveQaOfMany } from '../reviews/effective-qa.load.js';
import { callRow, jsonLines, ruleRows } from './conversation-rows.js';
import { eraseResultObjects } from './result-objects.js';
import { currentAnalysesPage, forgetFinalKeys, type ExportCursor, type ExportRow } from './results.repo.js';

export const RESULT_ROW_KINDS = ['calls', 'rules'] as const;
export type ResultRowKind = (typeof RESULT_ROW_KINDS)[number];

export interface ResultsExportQuery {
  readonly from: Date;
  readonly to: Date;
  readonly rows: ResultRowKind;
}

/** What conversations offers about its results: the BI export and erasure of the stored objects. */
export interface ResultsService {
  /**
   * The current analyses created in [from, to) as JSON Lines (call rows or QA rule rows), read page
   * by page (audited as conversations.results_exported). The first page is read before this resolves.
   */
  exportRows(ctx: AuditContext, query: ResultsExportQuery): Promise<AsyncIterable<string>>;
  /**
   * Deletes the recording's `final/` document and row objects and forgets their keys on its
   * analyses (audited as conversations.results_erased). The erasure of a recording or a data
   * subject calls it; answers the keys that existed.
   */
  eraseRecordingResults(ctx: AuditContext, recordingId: string, reason: string): Promise<string[]>;
}

const PAGE = 200;

export function createResults(deps: {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  readonly objects: ObjectStore;
  readonly audit: AuditLog;
}): ResultsService {
  const { database, sealing } = deps;
  const inTenant = <T>(
    ctx: RequestContext,
    fn: Parameters<typeof database.withTenant<ConversationsTables, T>>[1],
  ) => database.withTenant<ConversationsTables, T>(ctx, fn);

  /**
   * The page's results as served: a reviewed analysis with the reviewers' overrides applied, as
   * its figures are stored (one query for the reviews of the whole page).
   */
  async function resultsOf(ctx: RequestContext, rows: readonly ExportRow[]): Promise<AnalysisResult[]> {
    const machine = await Promise.all(
      rows.map((row) =>
        sealing.unsealJson<AnalysisResult>(
          ctx.tenantId,
          row.analysis.resultSealed,
          sealingAad.analysis(row.analysis.id),
        ),
      ),
    );
    const reviewed = rows.flatMap((row, i) =>
      row.analysis.reviewedAt ? [{ id: row.analysis.id, qa: machine[i]?.qa ?? null }] : [],
    );
    if (reviewed.length === 0) return machine;
    const effective = await inTenant(ctx, (trx) => effectiveQaOfMany(trx, reviewed));
    return machine.map((result, i) => {
      const qa = effective.get(rows[i]?.analysis.id ?? '');
      return qa ? { ...result, qa } : result;
    });
  }

  async function linesOf(
    ctx: RequestContext,
    row: ExportRow,
    result: AnalysisResult,
    kind: ResultRowKind,
  ): Promise<string> {
    if (kind === 'rules')
      return jsonLines(ruleRows({ recording: row.recording, analysis: row.analysis, result }));
    const metadata = await sealing.unsealJson<RecordingMetadata>(
      ctx.tenantId,
      row.recording.metadataSealed,
      sealingAad.metadata(row.recording.id),
    );
    const transcript = transcriptSchema.parse(
      await sealing.unsealJson<unknown>(
        ctx.tenantId,
        row.transcript.transcriptSealed,
        sealingAad.transcript(row.transcript.id),
      ),
    );
    return jsonLines([
      callRow({
        recording: row.recording,
        agentId: metadata.agent?.id ?? null,
        speakers: transcript.speakers,
        transcriptDurationMs: transcript.durationMs,
        characteristics: row.transcript.characteristics,
        analysis: row.analysis,
        result,
      }),
    ]);
  }

  async function* pages(ctx: RequestContext, query: ResultsExportQuery): AsyncGenerator<string> {
    let after: ExportCursor | undefined;
    for (;;) {
      const rows = await inTenant(ctx, (trx) => currentAnalysesPage(trx, query, after, PAGE));
      const results = await resultsOf(ctx, rows);
      let text = '';
      for (const [i, row] of rows.entries()) {
        const result = results[i];
        if (result) text += await linesOf(ctx, row, result, query.rows);
      }
      if (text !== '') yield text;
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      after = { createdAt: last.analysis.createdAt, id: last.analysis.id };
    }
  }

  return {
    async exportRows(ctx, query) {
      await deps.audit.record(ctx, {
        action: 'conversations.results_exported',
        details: { rows: query.rows, from: query.from.toISOString(), to: query.to.toISOString() },
      });
      const remaining = pages(ctx, query);
      // Whatever can fail with the request (a key that does not unseal) fails before the status line.
      const first = await remaining.next();
      async function* chunks(): AsyncGenerator<string> {
        try {
          if (!first.done) yield first.value;
          for await (const text of remaining) yield text;
        } finally {
          await remaining.return(undefined);
        }
      }
      return chunks();
    },

    async eraseRecordingResults(ctx, recordingId, reason) {
      const uuid = fromPublicId('rec', recordingId);
      if (!uuid) throw ConversationsErrors.recordingNotFound();
      const found = await inTenant(ctx, async (trx) => Boolean(await findRecording(trx, uuid)));
      if (!found) throw ConversationsErrors.recordingNotFound();
      const removed = await eraseResultObjects(deps.objects, ctx.tenantId, uuid, reason);
      await inTenant(ctx, async (trx) => {
        await forgetFinalKeys(trx, uuid);
        await deps.audit.append(trx, ctx, {
          action: 'conversations.results_erased',
          target: { type: 'recording', id: toPublicId('rec', uuid) },
          details: { objects: removed.length, reason },
        });
      });
      return removed;
    },
  };
}
