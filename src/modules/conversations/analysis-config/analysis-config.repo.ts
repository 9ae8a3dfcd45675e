import type { Selectable } from 'kysely';
import type {
  AnalysisConfigKind,
  AnalysisConfigsTable,
  AnalysisConfigVersionsTable,
  ConversationsTransaction,
} from '../db/conversations.tables.js';

export type ConfigRow = Selectable<AnalysisConfigsTable>;
export type VersionRow = Selectable<AnalysisConfigVersionsTable>;

export async function listConfigs(
  trx: ConversationsTransaction,
  kind: AnalysisConfigKind,
  limit: number,
): Promise<ConfigRow[]> {
  return trx
    .selectFrom('conversations.analysis_configs')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The configuration, locked for the rest of the transaction when `forUpdate` (adding a version, activating). */
export async function findConfig(
  trx: ConversationsTransaction,
  kind: AnalysisConfigKind,
  id: string,
  forUpdate = false,
): Promise<ConfigRow | undefined> {
  const query = trx
    .selectFrom('conversations.analysis_configs')
    .selectAll()
    .where('kind', '=', kind)
    .where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertConfig(
  trx: ConversationsTransaction,
  row: Omit<ConfigRow, 'createdAt' | 'updatedAt'>,
): Promise<ConfigRow> {
  return trx
    .insertInto('conversations.analysis_configs')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateConfigPointers(
  trx: ConversationsTransaction,
  id: string,
  change: Partial<
    Pick<ConfigRow, 'name' | 'latestVersion' | 'activeVersion' | 'activatedBy' | 'activatedAt'>
  >,
): Promise<ConfigRow> {
  return trx
    .updateTable('conversations.analysis_configs')
    .set({ ...change, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertVersion(
  trx: ConversationsTransaction,
  row: Omit<VersionRow, 'createdAt' | 'body'> & { body: unknown },
): Promise<VersionRow> {
  return trx
    .insertInto('conversations.analysis_config_versions')
    .values({ ...row, body: JSON.stringify(row.body) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findVersion(
  trx: ConversationsTransaction,
  configId: string,
  version: number,
): Promise<VersionRow | undefined> {
  return trx
    .selectFrom('conversations.analysis_config_versions')
    .selectAll()
    .where('configId', '=', configId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Every version, newest first, without bodies (the history view). */
export async function listVersions(
  trx: ConversationsTransaction,
  configId: string,
): Promise<Omit<VersionRow, 'body'>[]> {
  return trx
    .selectFrom('conversations.analysis_config_versions')
    .select(['tenantId', 'configId', 'version', 'name', 'createdBy', 'createdAt'])
    .where('configId', '=', configId)
    .orderBy('version', 'desc')
    .execute();
}
