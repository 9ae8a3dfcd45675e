import { sql } from 'kysely';
import { systemContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { TimerTrigger } from '../../../platform/jobs/index.js';
import type { ProfileSealing } from '../profiles/profile-sealing.js';
import { findCustomerForUpdate } from '../profiles/profiles.repo.js';
import type { ProfilesService } from '../profiles/profiles.service.js';

/** The reference design's retention: a customer with no activity for seven years is anonymised. */
export const inactivityYears = 7;

export function createInactiveCustomers(deps: {
  readonly database: Database;
  readonly profiles: ProfilesService;
  readonly sealing: ProfileSealing;
}) {
  const { withTenant, anonymiseWithin } = deps.profiles.internals;

  /**
   * Anonymises every active customer (all tenants) whose last activity is older than `olderThan`
   * (default seven years before `now`), and shreds their customer key; answers how many.
   */
  async function anonymiseInactive(
    options: { readonly now?: Date; readonly olderThan?: Date } = {},
  ): Promise<number> {
    const now = options.now ?? new Date();
    const cutoff =
      options.olderThan ??
      new Date(Date.UTC(now.getUTCFullYear() - inactivityYears, now.getUTCMonth(), now.getUTCDate()));
    let done = 0;
    const seen = new Set<string>();
    for (;;) {
      // Across tenants, ids only (the owner's Kysely camel-cases the columns): the owner role reads which rows are due, each is changed in its tenant.
      const { rows } = await sql<{ tenantId: string; id: string }>`
        select tenant_id, id from customers.customers
        where status = 'active' and last_activity_at < ${cutoff}
        order by last_activity_at limit 200`.execute(deps.database.owner);
      const fresh = rows.filter((r) => !seen.has(r.id));
      if (fresh.length === 0) return done;
      for (const due of fresh) {
        seen.add(due.id);
        const ctx = systemContext(due.tenantId, 'customers-retention', 'customers.retention');
        await withTenant(ctx, async (trx) => {
          const row = await findCustomerForUpdate(trx, due.id);
          if (row?.status === 'active' && row.lastActivityAt < cutoff)
            await anonymiseWithin(
              trx,
              ctx,
              row,
              `no activity since ${row.lastActivityAt.toISOString().slice(0, 10)}`,
            );
        });
        await deps.sealing.shredCustomer(due.tenantId, due.id);
        done += 1;
      }
    }
  }

  const job: TimerTrigger = {
    kind: 'timer',
    name: 'customers.anonymise-inactive',
    cron: '0 40 3 * * *',
    missed: 'run-once',
    run: async () => {
      await anonymiseInactive();
    },
  };
  return { anonymiseInactive, job };
}
