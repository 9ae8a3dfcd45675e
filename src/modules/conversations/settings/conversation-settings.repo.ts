import { sql, type Selectable } from 'kysely';
import type { ConversationSettingsTable, ConversationsTransaction } from '../db/conversations.tables.js';

export type SettingsRow = Selectable<ConversationSettingsTable>;

const columns = [
  'tenantId',
  'defaultLanguage',
  'audioRedaction',
  'audioPaddingMs',
  'redactEntityTypes',
  'updatedAt',
  'updatedBy',
  // As text: the CamelCasePlugin would rename keys inside the JSON (a provider's query parameters).
  sql<string | null>`transcription::text`.as('transcription'),
  sql<string | null>`analysis::text`.as('analysis'),
] as const;

export async function findSettings(trx: ConversationsTransaction): Promise<SettingsRow | undefined> {
  return trx.selectFrom('conversations.settings').select(columns).executeTakeFirst();
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
    .returning(columns)
    .executeTakeFirstOrThrow()
    .then((saved) => ({ ...saved, tenantId }));
}
