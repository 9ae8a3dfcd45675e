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
  let query = trx
    .selectFrom('conversations.analyses as a')
    .innerJoin('conversations.recordings as r', 'r.id', 'a.recordingId')
    .innerJoin('conversations.transcripts as t', 't.id', 'a.transcriptId')
    .selectAll('a')
    .select([
      'r.callId as r_callId',
      'r.direction as r_direction',
      'r.queue as r_queue',
      'r.startedAt as r_startedAt',
      'r.durationMs as r_durationMs',
      'r.metadataSealed as r_metadataSealed',
      't.characteristics as t_characteristics',
      't.transcriptSealed as t_transcriptSealed',
      't.durationMs as t_durationMs',
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
      r_callId,
      r_direction,
      r_queue,
      r_startedAt,
      r_durationMs,
      r_metadataSealed,
      t_characteristics,
      t_transcriptSealed,
      t_durationMs,
      ...analysis
    } = row;
    return {
      analysis,
      recording: {
        id: analysis.recordingId,
        callId: r_callId,
        direction: r_direction,
        queue: r_queue,
        startedAt: r_startedAt,
        durationMs: r_durationMs,
        metadataSealed: r_metadataSealed,
      },
      transcript: {
        id: analysis.transcriptId,
        characteristics: t_characteristics,
        transcriptSealed: t_transcriptSealed,
        durationMs: t_durationMs,
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
