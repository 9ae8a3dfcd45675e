import type { Insertable, Selectable } from 'kysely';
import type { NotificationsTransaction, TemplatesTable } from '../db/notifications.tables.js';

export type TemplateRow = Selectable<TemplatesTable>;

export async function listTemplates(trx: NotificationsTransaction): Promise<TemplateRow[]> {
  return trx
    .selectFrom('notifications.templates')
    .selectAll()
    .orderBy('type')
    .orderBy('channel')
    .orderBy('language')
    .execute();
}

export async function findTemplate(
  trx: NotificationsTransaction,
  id: string,
): Promise<TemplateRow | undefined> {
  return trx.selectFrom('notifications.templates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The tenant's templates of a type and channel in any of these languages. */
export async function templatesFor(
  trx: NotificationsTransaction,
  type: string,
  channel: string,
  languages: readonly string[],
): Promise<TemplateRow[]> {
  return trx
    .selectFrom('notifications.templates')
    .selectAll()
    .where('type', '=', type)
    .where('channel', '=', channel as TemplateRow['channel'])
    .where('language', 'in', languages)
    .execute();
}

export async function insertTemplate(
  trx: NotificationsTransaction,
  row: Insertable<TemplatesTable>,
): Promise<TemplateRow | undefined> {
  return trx
    .insertInto('notifications.templates')
    .values(row)
    .onConflict((oc) => oc.columns(['tenantId', 'type', 'channel', 'language']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateTemplate(
  trx: NotificationsTransaction,
  id: string,
  changes: Pick<TemplateRow, 'type' | 'channel' | 'language' | 'subject' | 'body'>,
): Promise<TemplateRow | undefined> {
  return trx
    .updateTable('notifications.templates')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteTemplate(trx: NotificationsTransaction, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('notifications.templates').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
