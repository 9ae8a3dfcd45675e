import { sql, type Insertable, type Selectable } from 'kysely';
import { jsonb } from '../../../platform/db/index.js';
import type { NotificationsTransaction, PreferencesTable } from '../db/notifications.tables.js';

export type PreferencesRow = Selectable<PreferencesTable>;

/**
 * `channels` is read as text and parsed here: the database's CamelCasePlugin rewrites the keys of
 * every object in a result, jsonb included, which turned `in_app` into `inApp` and
 * `account.verify_email` into `account.verifyEmail` (a 500 on the response schema, and choices
 * that no longer matched their channel or type).
 */
export const channelsOf = (json: string): PreferencesRow['channels'] =>
  JSON.parse(json) as PreferencesRow['channels'];

export async function findPreferences(
  trx: NotificationsTransaction,
  userId: string,
): Promise<PreferencesRow | undefined> {
  const row = await trx
    .selectFrom('notifications.preferences')
    .select([
      'tenantId',
      'userId',
      sql<string>`channels::text`.as('channelsJson'),
      'quietStart',
      'quietEnd',
      'timeZone',
      'language',
      'phoneCiphertext',
      'phoneRef',
      'updatedAt',
    ])
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { channelsJson, ...rest } = row;
  return { ...rest, channels: channelsOf(channelsJson) };
}

export async function upsertPreferences(
  trx: NotificationsTransaction,
  row: Omit<Insertable<PreferencesTable>, 'channels' | 'updatedAt'> & {
    readonly channels: Record<string, Record<string, boolean>>;
  },
): Promise<PreferencesRow> {
  const values = { ...row, channels: jsonb(row.channels), updatedAt: new Date() };
  await trx
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
    .execute();
  const stored = await findPreferences(trx, row.userId);
  if (!stored) throw new Error('the preferences just written are not there');
  return stored;
}
