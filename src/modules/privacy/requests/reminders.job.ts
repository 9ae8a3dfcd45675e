import type { Bus } from '../../../platform/bus/index.js';
import { systemContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { PrivacyTables } from '../db/privacy.tables.js';
import { requestDueSoonV1 } from '../events.js';
import { dueForReminder, findRequest, insertStep, openStatuses, updateRequest } from './requests.repo.js';
import { requestPublicId } from './requests.service.js';
import { newUuid } from '../../../platform/ids.js';

/**
 * The daily reminder: privacy.request.due_soon.v1 for every open request 7 days and again 2 days
 * before its (extended) deadline, once each (the notifications module tells the staff who handle
 * requests). Answers how many reminders were published.
 */
export async function remindDueRequests(deps: {
  readonly database: Database;
  readonly bus: Bus;
  readonly now: Date;
}): Promise<number> {
  let published = 0;
  for (const days of [2, 7] as const) {
    for (const due of await dueForReminder(deps.database.owner, deps.now, days)) {
      const ctx = systemContext(due.tenantId, `privacy-reminders-${days}d`, 'privacy.reminders');
      const sent = await deps.database.withTenant<PrivacyTables, boolean>(ctx, async (trx) => {
        const row = await findRequest(trx, due.id, { forUpdate: true });
        if (!row || !(openStatuses as readonly string[]).includes(row.status)) return false;
        const already = days === 7 ? row.weekReminderAt : row.finalReminderAt;
        if (already) return false;
        const dueAt = row.extendedDueAt ?? row.dueAt;
        // The 2-day reminder covers the 7-day one when both are due at once (a late extension, downtime).
        await updateRequest(
          trx,
          row.id,
          days === 2
            ? { finalReminderAt: deps.now, weekReminderAt: row.weekReminderAt ?? deps.now }
            : { weekReminderAt: deps.now },
        );
        await insertStep(trx, {
          id: newUuid(),
          tenantId: row.tenantId,
          requestId: row.id,
          at: deps.now,
          actor: 'system:privacy.reminders',
          step: 'reminder_sent',
          module: null,
          outcome: 'info',
          details: { daysBefore: days, dueAt: dueAt.toISOString() },
        });
        await deps.bus.publish(trx, [
          {
            type: requestDueSoonV1.type,
            tenantId: row.tenantId,
            key: row.id,
            data: { requestId: requestPublicId(row.id), dueAt: dueAt.toISOString() },
          },
        ]);
        return true;
      });
      if (sent) published += 1;
    }
  }
  return published;
}
