import type { RequestContext } from '../../../platform/context.js';
import type { SubjectKeys } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import type { Delivery, InboxService, Notification } from '../contract.js';
import type { NotificationsTables, NotificationsTransaction } from '../db/notifications.tables.js';
import { deliveriesOf } from '../delivery/deliveries.repo.js';
import { NotificationsErrors } from '../errors.js';
import { recipientOf } from '../preferences/preferences.service.js';
import {
  countUnread,
  findNotification,
  inboxAfter,
  listInbox,
  markAllRead,
  markRead,
  type NotificationRow,
} from './inbox.repo.js';

export const notificationAad = (id: string) => `notifications.notification:${id}`;

/** Opens a notification's sealed title and body; null when its recipient was erased. */
export async function openNotification(
  subjectKeys: SubjectKeys,
  row: NotificationRow,
): Promise<Notification | null> {
  try {
    const content = JSON.parse(
      (await subjectKeys.open(row.tenantId, row.contentCiphertext, notificationAad(row.id))).toString('utf8'),
    ) as { title: string; body: string };
    return {
      id: toPublicId('ntf', row.id),
      userId: row.userId,
      type: row.type,
      title: content.title,
      body: content.body,
      createdAt: row.createdAt,
      readAt: row.readAt,
    };
  } catch {
    return null;
  }
}

export function createInboxService(database: Database, subjectKeys: SubjectKeys): InboxService {
  const inTenant = <T>(ctx: RequestContext, fn: (trx: NotificationsTransaction) => Promise<T>) =>
    database.withTenant<NotificationsTables, T>(ctx, fn);
  const open = async (rows: readonly NotificationRow[]) =>
    (await Promise.all(rows.map((row) => openNotification(subjectKeys, row)))).filter(
      (n): n is Notification => n !== null,
    );
  const uuidOf = (id: string) => {
    const uuid = fromPublicId('ntf', id);
    if (!uuid) throw NotificationsErrors.notFound();
    return uuid;
  };

  return {
    async list(ctx, options) {
      const userId = recipientOf(ctx);
      const limit = options.limit ?? 50;
      const beforeId = options.cursor ? (fromPublicId('ntf', options.cursor) ?? null) : null;
      if (options.cursor && !beforeId)
        throw NotificationsErrors.invalidField('querystring.cursor', 'is not a cursor of this list');
      const rows = await inTenant(ctx, (trx) =>
        listInbox(trx, userId, { unread: options.unread ?? false, beforeId, limit: limit + 1 }),
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: await open(page),
        nextCursor: rows.length > limit && last ? toPublicId('ntf', last.id) : null,
      };
    },
    unreadCount: (ctx) => inTenant(ctx, (trx) => countUnread(trx, recipientOf(ctx))),
    async markRead(ctx, notificationId) {
      const userId = recipientOf(ctx);
      const uuid = uuidOf(notificationId);
      const row = await inTenant(ctx, (trx) => markRead(trx, userId, uuid));
      const opened = row ? await openNotification(subjectKeys, row) : null;
      if (!opened) throw NotificationsErrors.notFound();
      return opened;
    },
    markAllRead: (ctx) => inTenant(ctx, (trx) => markAllRead(trx, recipientOf(ctx))),
    async deliveries(ctx, notificationId, canSeeAll) {
      const uuid = uuidOf(notificationId);
      const rows = await inTenant(ctx, async (trx) => {
        const notification = await findNotification(trx, uuid);
        if (!notification) return undefined;
        if (!canSeeAll && (ctx.actor.type !== 'user' || notification.userId !== ctx.actor.id))
          return undefined;
        return deliveriesOf(trx, uuid);
      });
      if (!rows) throw NotificationsErrors.notFound();
      return rows.map((row): Delivery => ({
        channel: row.channel,
        status: row.status,
        attempts: row.attempts,
        dueAt: row.status === 'queued' || row.status === 'deferred' ? row.dueAt : null,
        reason: row.reason,
        sentAt: row.sentAt,
      }));
    },
    async after(ctx, userId, afterId, limit) {
      const uuid = afterId ? (fromPublicId('ntf', afterId) ?? null) : null;
      return open(await inTenant(ctx, (trx) => inboxAfter(trx, userId, uuid, limit)));
    },
  };
}
