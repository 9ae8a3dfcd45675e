import type { Selectable } from 'kysely';
import type {
  ConversationsTransaction,
  RecordingsTable,
  TranscriptsTable,
} from '../db/conversations.tables.js';
import type { AnalysisRow } from '../analyses/analyses.repo.js';

export interface ExportCursor {
  readonly createdAt: Date;
  readonly id: string;
}

export interface ExportRow {
  readonly analysis: AnalysisRow;
  readonly recording: Pick<
    Selectable<RecordingsTable>,
    'id' | 'callId' | 'direction' | 'queue' | 'startedAt' | 'durationMs' | 'metadataSealed'
  >;
  readonly transcript: Pick<
    Selectable<TranscriptsTable>,
    'id' | 'characteristics' | 'transcriptSealed' | 'durationMs'
  >;
}

/**
 * A page of current analyses created in [from, to), oldest first, after the cursor (keyset on
 * created_at, id): each page is its own short transaction, so an export holds no snapshot.
 */
export async function currentAnalysesPage(
  trx: ConversationsTransaction,
  range: { readonly from: Date; readonly to: Date },
  after: ExportCursor | undefined,
  limit: number,
): Promise<ExportRow[]> {
  // Aliases in camelCase: the snake_case plugin would turn `r_call_id` back into `rCallId`.
  let query = trx
    .selectFrom('conversations.analyses as a')
    .innerJoin('conversations.recordings as r', 'r.id', 'a.recordingId')
    .innerJoin('conversations.transcripts as t', 't.id', 'a.transcriptId')
    .selectAll('a')
    .select([
      'r.callId as recCallId',
      'r.direction as recDirection',
      'r.queue as recQueue',
      'r.startedAt as recStartedAt',
      'r.durationMs as recDurationMs',
      'r.metadataSealed as recMetadataSealed',
      't.characteristics as trnCharacteristics',
      't.transcriptSealed as trnSealed',
      't.durationMs as trnDurationMs',
    ])
    .where('a.isCurrent', '=', true)
    .where('a.createdAt', '>=', range.from)
    .where('a.createdAt', '<', range.to);
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('a.createdAt', '>', after.createdAt),
        eb.and([eb('a.createdAt', '=', after.createdAt), eb('a.id', '>', after.id)]),
      ]),
    );
  const rows = await query.orderBy('a.createdAt', 'asc').orderBy('a.id', 'asc').limit(limit).execute();
  return rows.map((row) => {
    const {
      recCallId,
      recDirection,
      recQueue,
      recStartedAt,
      recDurationMs,
      recMetadataSealed,
      trnCharacteristics,
      trnSealed,
      trnDurationMs,
      ...analysis
    } = row;
    return {
      analysis,
      recording: {
        id: analysis.recordingId,
        callId: recCallId,
        direction: recDirection,
        queue: recQueue,
        startedAt: recStartedAt,
        durationMs: recDurationMs,
        metadataSealed: recMetadataSealed,
      },
      transcript: {
        id: analysis.transcriptId,
        characteristics: trnCharacteristics,
        transcriptSealed: trnSealed,
        durationMs: trnDurationMs,
      },
    };
  });
}

/** The recording's analyses no longer point at result objects that erasure removed. */
export async function forgetFinalKeys(trx: ConversationsTransaction, recordingId: string): Promise<number> {
  const result = await trx
    .updateTable('conversations.analyses')
    .set({ finalKey: null })
    .where('recordingId', '=', recordingId)
    .where('finalKey', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
