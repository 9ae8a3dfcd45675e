import type { Insertable, Selectable } from 'kysely';
import { jsonb } from '../../../platform/db/index.js';
import type { NotificationsTransaction, PreferencesTable } from '../db/notifications.tables.js';

export type PreferencesRow = Selectable<PreferencesTable>;

export async function findPreferences(
  trx: NotificationsTransaction,
  userId: string,
): Promise<PreferencesRow | undefined> {
  return trx
    .selectFrom('notifications.preferences')
    .selectAll()
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function upsertPreferences(
  trx: NotificationsTransaction,
  row: Omit<Insertable<PreferencesTable>, 'channels' | 'updatedAt'> & {
    readonly channels: Record<string, Record<string, boolean>>;
  },
): Promise<PreferencesRow> {
  const values = { ...row, channels: jsonb(row.channels), updatedAt: new Date() };
  return trx
    .insertInto('notifications.preferences')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['tenantId', 'userId']).doUpdateSet({
        channels: values.channels,
        quietStart: values.quietStart ?? null,
        quietEnd: values.quietEnd ?? null,
        timeZone: values.timeZone ?? null,
        language: values.language ?? null,
        phoneCiphertext: values.phoneCiphertext ?? null,
        phoneRef: values.phoneRef ?? null,
        updatedAt: values.updatedAt,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
