import type { NotificationsTransaction } from '../db/notifications.tables.js';

/** Marks these subject references (user ids, e-mail/phone refs) restricted, or lifts it. */
export async function setRestricted(
  trx: NotificationsTransaction,
  tenantId: string,
  refs: readonly string[],
  restricted: boolean,
): Promise<void> {
  if (refs.length === 0) return;
  if (restricted)
    await trx
      .insertInto('notifications.restrictions')
      .values(refs.map((subjectRef) => ({ tenantId, subjectRef })))
      .onConflict((oc) => oc.columns(['tenantId', 'subjectRef']).doNothing())
      .execute();
  else
    await trx
      .deleteFrom('notifications.restrictions')
      .where('subjectRef', 'in', [...refs])
      .execute();
}

/** Whether any of these references is restricted. */
export async function anyRestricted(
  trx: NotificationsTransaction,
  refs: readonly string[],
): Promise<boolean> {
  if (refs.length === 0) return false;
  const row = await trx
    .selectFrom('notifications.restrictions')
    .select('subjectRef')
    .where('subjectRef', 'in', [...refs])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets the restrictions of an erased subject; answers how many. */
export async function deleteRestrictions(
  trx: NotificationsTransaction,
  refs: readonly string[],
): Promise<number> {
  if (refs.length === 0) return 0;
  const result = await trx
    .deleteFrom('notifications.restrictions')
    .where('subjectRef', 'in', [...refs])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** When the subject's restrictions began (for an access request), oldest first. */
export async function restrictionsOf(
  trx: NotificationsTransaction,
  refs: readonly string[],
): Promise<Date[]> {
  if (refs.length === 0) return [];
  const rows = await trx
    .selectFrom('notifications.restrictions')
    .select('restrictedAt')
    .where('subjectRef', 'in', [...refs])
    .orderBy('restrictedAt')
    .execute();
  return rows.map((r) => r.restrictedAt);
}
