import { sql, type Selectable } from 'kysely';
import type {
  AnalysesTable,
  AnalysisConfigKind,
  ConversationsTransaction,
} from '../db/conversations.tables.js';

export type AnalysisRow = Selectable<AnalysesTable>;

export async function analysisByRequest(
  trx: ConversationsTransaction,
  requestKey: string,
): Promise<AnalysisRow | undefined> {
  return trx
    .selectFrom('conversations.analyses')
    .selectAll()
    .where('requestKey', '=', requestKey)
    .executeTakeFirst();
}

/** The recording's current analysis; `forUpdate` locks it (overrides of one analysis apply one at a time). */
export async function currentAnalysis(
  trx: ConversationsTransaction,
  recordingId: string,
  options: { forUpdate?: boolean } = {},
): Promise<AnalysisRow | undefined> {
  let query = trx
    .selectFrom('conversations.analyses')
    .selectAll()
    .where('recordingId', '=', recordingId)
    .where('isCurrent', '=', true);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function analysesOf(
  trx: ConversationsTransaction,
  recordingId: string,
  limit: number,
): Promise<AnalysisRow[]> {
  return trx
    .selectFrom('conversations.analyses')
    .selectAll()
    .where('recordingId', '=', recordingId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The new row becomes current; the one before stays as history. Its QA figures are the machine's
 * (machine_qa_score/grade keep them once reviewers override rules): a new analysis starts unreviewed.
 */
export async function insertAnalysis(
  trx: ConversationsTransaction,
  row: Omit<AnalysisRow, 'isCurrent' | 'createdAt' | 'machineQaScore' | 'machineGrade' | 'reviewedAt'>,
): Promise<void> {
  await trx
    .updateTable('conversations.analyses')
    .set({ isCurrent: false })
    .where('recordingId', '=', row.recordingId)
    .where('isCurrent', '=', true)
    .execute();
  await trx
    .insertInto('conversations.analyses')
    .values({ ...row, machineQaScore: row.qaScore, machineGrade: row.grade, reviewedAt: null })
    .execute();
}

export async function setFinalKey(
  trx: ConversationsTransaction,
  id: string,
  finalKey: string,
): Promise<void> {
  await trx.updateTable('conversations.analyses').set({ finalKey }).where('id', '=', id).execute();
}

/**
 * The active version of the configuration of this kind activated last (a tenant may keep several
 * category sets or insight schemas; the one made active most recently is what analysis uses).
 * Scorecards are chosen by scope instead: see activeConfigs and analysis-config/scorecard-scope.ts.
 */
export async function activeConfig(
  trx: ConversationsTransaction,
  kind: AnalysisConfigKind,
): Promise<{ configId: string; version: number; body: unknown } | undefined> {
  return trx
    .selectFrom('conversations.analysis_configs as c')
    .innerJoin('conversations.analysis_config_versions as v', (join) =>
      join.onRef('v.configId', '=', 'c.id').onRef('v.version', '=', 'c.activeVersion'),
    )
    .select(['c.id as configId', 'v.version', sql`v.body`.as('body')])
    .where('c.kind', '=', kind)
    .where('c.activeVersion', 'is not', null)
    .orderBy('c.activatedAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Every active version of the kind (scorecards: the choice by scope is made over these). */
export async function activeConfigs(
  trx: ConversationsTransaction,
  kind: AnalysisConfigKind,
  limit: number,
): Promise<{ configId: string; version: number; body: unknown; activatedAt: Date | null }[]> {
  return trx
    .selectFrom('conversations.analysis_configs as c')
    .innerJoin('conversations.analysis_config_versions as v', (join) =>
      join.onRef('v.configId', '=', 'c.id').onRef('v.version', '=', 'c.activeVersion'),
    )
    .select(['c.id as configId', 'v.version', sql`v.body`.as('body'), 'c.activatedAt'])
    .where('c.kind', '=', kind)
    .where('c.activeVersion', 'is not', null)
    .orderBy('c.activatedAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

/** The current analysis of each of these recordings that has one. */
export async function currentAnalysesOf(
  trx: ConversationsTransaction,
  recordingIds: readonly string[],
): Promise<AnalysisRow[]> {
  if (recordingIds.length === 0) return [];
  return trx
    .selectFrom('conversations.analyses')
    .selectAll()
    .where('recordingId', 'in', [...recordingIds])
    .where('isCurrent', '=', true)
    .execute();
}
