import { sql } from 'kysely';
import type { SubjectKeys } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import type { ModulePrivacy, SubjectDataRef } from '../../../platform/privacy/index.js';
import { toPublicId } from '../../../platform/ids.js';
import type { NotificationsTables, NotificationsTransaction } from '../db/notifications.tables.js';
import { addressAad } from '../delivery/dispatcher.js';
import { openNotification } from '../inbox/inbox.service.js';
import type { NotificationRow } from '../inbox/inbox.repo.js';
import { channelsOf } from '../preferences/preferences.repo.js';
import { deleteRestrictions, restrictionsOf, setRestricted } from './restrictions.repo.js';

/**
 * Notifications' part in data-subject requests. A subject's notifications are those addressed to
 * their user ids, and those whose e-mail or SMS went to one of their addresses (found by the
 * address's subject reference, never by plaintext). Erasure deletes them, their deliveries, the
 * user's preferences and socket tickets; nothing is kept. Restriction (Art. 18) marks the subject's
 * user ids and address references: from then on only transactional types reach them
 * (`transactionalTypes`), until it is lifted.
 */
export function notificationsPrivacy(database: Database, subjectKeys: SubjectKeys): ModulePrivacy {
  async function refsOf(tenantId: string, subject: { emails: readonly string[]; phones: readonly string[] }) {
    return Promise.all([
      ...subject.emails.map((value) => subjectKeys.ref(tenantId, { kind: 'email', value })),
      ...subject.phones.map((value) => subjectKeys.ref(tenantId, { kind: 'phone', value })),
    ]);
  }
  async function rowsOf(
    trx: NotificationsTransaction,
    userIds: readonly string[],
    refs: readonly string[],
    limit: number,
  ): Promise<NotificationRow[]> {
    return trx
      .selectFrom('notifications.notifications as n')
      .selectAll('n')
      .where((eb) =>
        eb.or([
          ...(userIds.length > 0 ? [eb('n.userId', 'in', [...userIds])] : []),
          ...(refs.length > 0
            ? [
                eb(
                  'n.id',
                  'in',
                  eb
                    .selectFrom('notifications.deliveries as d')
                    .select('d.notificationId')
                    .where('d.addressRef', 'in', [...refs]),
                ),
              ]
            : []),
          eb.val(false),
        ]),
      )
      .orderBy('n.id', 'desc')
      .limit(limit)
      .execute();
  }

  return {
    holds:
      'Notifications sent to clients and employees (title and body), where their e-mails and SMS went (addresses), their notification preferences (SMS number, quiet hours) and whether their processing is restricted.',
    retention: [],
    async find(ctx, subject, options) {
      const refs = await refsOf(ctx.tenantId, subject);
      const rows = await database.withTenant<NotificationsTables, NotificationRow[]>(ctx, (trx) =>
        rowsOf(trx, subject.userIds, refs, options?.limit ?? 500),
      );
      const refsOut: SubjectDataRef[] = [];
      for (const row of rows) {
        const opened = await openNotification(subjectKeys, row);
        refsOut.push({
          module: 'notifications',
          kind: 'notification',
          id: toPublicId('ntf', row.id),
          at: row.createdAt,
          summary: `Notification · ${opened?.title ?? row.type}${row.readAt ? ' · read' : ''}`,
          consolePath: null,
        });
      }
      return refsOut;
    },
    async export(ctx, subject) {
      const refs = await refsOf(ctx.tenantId, subject);
      const { rows, deliveries, preferences, restrictedSince } = await database.withTenant<
        NotificationsTables,
        {
          rows: NotificationRow[];
          deliveries: {
            id: string;
            notificationId: string;
            channel: string;
            status: string;
            addressCiphertext: Buffer | null;
            sentAt: Date | null;
            reason: string | null;
          }[];
          preferences: {
            userId: string;
            channels: unknown;
            quietStart: string | null;
            quietEnd: string | null;
            timeZone: string | null;
            language: string | null;
          }[];
          restrictedSince: Date[];
        }
      >(ctx, async (trx) => {
        const found = await rowsOf(trx, subject.userIds, refs, 100_000);
        const ids = found.map((r) => r.id);
        return {
          restrictedSince: await restrictionsOf(trx, [...subject.userIds, ...refs]),
          rows: found,
          deliveries:
            ids.length > 0
              ? await trx
                  .selectFrom('notifications.deliveries')
                  .select([
                    'id',
                    'notificationId',
                    'channel',
                    'status',
                    'addressCiphertext',
                    'sentAt',
                    'reason',
                  ])
                  .where('notificationId', 'in', ids)
                  .execute()
              : [],
          preferences:
            subject.userIds.length > 0
              ? await trx
                  .selectFrom('notifications.preferences')
                  .select([
                    'userId',
                    // As text: the CamelCasePlugin would rewrite the jsonb's keys (in_app → inApp).
                    sql<string>`channels::text`.as('channelsJson'),
                    'quietStart',
                    'quietEnd',
                    'timeZone',
                    'language',
                  ])
                  .where('userId', 'in', [...subject.userIds])
                  .execute()
                  .then((rows) =>
                    rows.map(({ channelsJson, ...p }) => ({ ...p, channels: channelsOf(channelsJson) })),
                  )
              : [],
        };
      });
      const notifications = [];
      for (const row of rows) {
        const opened = await openNotification(subjectKeys, row);
        notifications.push({
          id: toPublicId('ntf', row.id),
          userId: row.userId,
          type: row.type,
          title: opened?.title ?? null,
          body: opened?.body ?? null,
          createdAt: row.createdAt.toISOString(),
          readAt: row.readAt?.toISOString() ?? null,
        });
      }
      const deliveryRows = [];
      for (const d of deliveries) {
        const address = d.addressCiphertext
          ? await subjectKeys
              .open(ctx.tenantId, d.addressCiphertext, addressAad(d.id))
              .then((b) => b.toString('utf8'))
              .catch(() => null)
          : null;
        deliveryRows.push({
          notificationId: toPublicId('ntf', d.notificationId),
          channel: d.channel,
          status: d.status,
          address,
          sentAt: d.sentAt?.toISOString() ?? null,
          reason: d.reason,
        });
      }
      return [
        { name: 'notifications', rows: notifications },
        { name: 'deliveries', rows: deliveryRows },
        {
          name: 'preferences',
          rows: preferences.map((p) => ({
            userId: p.userId,
            channels: p.channels,
            quietStart: p.quietStart,
            quietEnd: p.quietEnd,
            timeZone: p.timeZone,
            language: p.language,
          })),
        },
        {
          name: 'restrictions',
          rows: restrictedSince.map((at) => ({ restrictedAt: at.toISOString() })),
        },
      ];
    },
    async erase(ctx, subject) {
      const refs = await refsOf(ctx.tenantId, subject);
      const erased = await database.withTenant<NotificationsTables, number>(ctx, async (trx) => {
        const ids = (await rowsOf(trx, subject.userIds, refs, 1_000_000)).map((r) => r.id);
        let n = 0;
        if (ids.length > 0)
          n += Number(
            (await trx.deleteFrom('notifications.notifications').where('id', 'in', ids).executeTakeFirst())
              .numDeletedRows,
          );
        if (refs.length > 0)
          n += Number(
            (
              await trx
                .deleteFrom('notifications.deliveries')
                .where('addressRef', 'in', refs)
                .executeTakeFirst()
            ).numDeletedRows,
          );
        if (subject.userIds.length > 0) {
          n += Number(
            (
              await trx
                .deleteFrom('notifications.preferences')
                .where('userId', 'in', [...subject.userIds])
                .executeTakeFirst()
            ).numDeletedRows,
          );
          await trx
            .deleteFrom('notifications.socket_tickets')
            .where('userId', 'in', [...subject.userIds])
            .execute();
        }
        n += await deleteRestrictions(trx, [...subject.userIds, ...refs]);
        if (subject.phones.length > 0 && refs.length > 0)
          n += Number(
            (
              await trx
                .deleteFrom('notifications.preferences')
                .where('phoneRef', 'in', refs)
                .executeTakeFirst()
            ).numDeletedRows,
          );
        return n;
      });
      return { erased, kept: [] };
    },
    async restrict(ctx, subject, restricted) {
      const refs = [...subject.userIds, ...(await refsOf(ctx.tenantId, subject))];
      await database.withTenant<NotificationsTables, void>(ctx, (trx) =>
        setRestricted(trx, ctx.tenantId, refs, restricted),
      );
    },
  };
}
