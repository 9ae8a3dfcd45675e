import { sql, type Insertable, type Selectable } from 'kysely';
import type { NotificationsTable, NotificationsTransaction } from '../db/notifications.tables.js';

export type NotificationRow = Selectable<NotificationsTable>;

/** PostgreSQL NOTIFY channel raised when notifications commit; payload `<tenant uuid>|<usr_ id>`. */
export const liveChannel = 'notifications_live';

/** Inserts the notification unless one with its source key exists (an event handled again). */
export async function insertNotification(
  trx: NotificationsTransaction,
  row: Insertable<NotificationsTable>,
): Promise<NotificationRow | undefined> {
  const query = trx.insertInto('notifications.notifications').values(row);
  return (
    row.sourceKey
      ? query.onConflict((oc) =>
          oc.columns(['tenantId', 'sourceKey']).where('sourceKey', 'is not', null).doNothing(),
        )
      : query
  )
    .returningAll()
    .executeTakeFirst();
}

/** Wakes the recipient's live streams on every replica when `trx` commits. */
export async function notifyLive(
  trx: NotificationsTransaction,
  tenantId: string,
  userId: string,
): Promise<void> {
  await sql`select pg_notify(${liveChannel}, ${`${tenantId}|${userId}`})`.execute(trx);
}

/** Newest first, keyset on the time-ordered id. */
export async function listInbox(
  trx: NotificationsTransaction,
  userId: string,
  options: { unread: boolean; beforeId: string | null; limit: number },
): Promise<NotificationRow[]> {
  let query = trx
    .selectFrom('notifications.notifications')
    .selectAll()
    .where('userId', '=', userId)
    .where('inApp', '=', true);
  if (options.unread) query = query.where('readAt', 'is', null);
  if (options.beforeId) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}

/** Oldest first after an id: what a stream resuming from that event has missed. */
export async function inboxAfter(
  trx: NotificationsTransaction,
  userId: string,
  afterId: string | null,
  limit: number,
): Promise<NotificationRow[]> {
  let query = trx
    .selectFrom('notifications.notifications')
    .selectAll()
    .where('userId', '=', userId)
    .where('inApp', '=', true);
  if (afterId) query = query.where('id', '>', afterId);
  return query.orderBy('id', 'asc').limit(limit).execute();
}

export async function countUnread(trx: NotificationsTransaction, userId: string): Promise<number> {
  const row = await trx
    .selectFrom('notifications.notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('userId', '=', userId)
    .where('inApp', '=', true)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findNotification(
  trx: NotificationsTransaction,
  id: string,
): Promise<NotificationRow | undefined> {
  return trx.selectFrom('notifications.notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markRead(
  trx: NotificationsTransaction,
  userId: string,
  id: string,
): Promise<NotificationRow | undefined> {
  await trx
    .updateTable('notifications.notifications')
    .set({ readAt: new Date() })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .execute();
  return trx
    .selectFrom('notifications.notifications')
    .selectAll()
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('inApp', '=', true)
    .executeTakeFirst();
}

export async function markAllRead(trx: NotificationsTransaction, userId: string): Promise<number> {
  const result = await trx
    .updateTable('notifications.notifications')
    .set({ readAt: new Date() })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
