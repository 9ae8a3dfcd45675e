import type { Selectable } from 'kysely';
import type { ConversationSettingsTable, ConversationsTransaction } from '../db/conversations.tables.js';

export type SettingsRow = Selectable<ConversationSettingsTable>;

export async function findSettings(trx: ConversationsTransaction): Promise<SettingsRow | undefined> {
  return trx.selectFrom('conversations.settings').selectAll().executeTakeFirst();
}

export async function upsertSettings(
  trx: ConversationsTransaction,
  row: Omit<SettingsRow, 'updatedAt'>,
): Promise<SettingsRow> {
  const { tenantId, ...values } = row;
  return trx
    .insertInto('conversations.settings')
    .values(row)
    .onConflict((oc) => oc.column('tenantId').doUpdateSet({ ...values, updatedAt: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow()
    .then((saved) => ({ ...saved, tenantId }));
}
