import { sql } from 'kysely';
import { systemContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { createLeaderLease, type LeaderLease } from '../../../platform/jobs/leader.lease.js';
import type { TimerTrigger } from '../../../platform/jobs/triggers.types.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { Dialer, PassResult } from './dialer.service.js';

/*
 * Who dials which campaign. Every tick lists the running campaigns inside their startsAt/endsAt
 * (across tenants, as the owner role) and runs one pass for each campaign whose lease
 * `campaigns.dialer:<uuid>` this replica holds. The timer that drives ticks already runs on one
 * replica at a time; the per-campaign lease is what keeps two dialers off one campaign when a pass
 * outlives a timers-lease hand-over, or when ticks are driven some other way.
 */

export interface DialerSchedulerOptions {
  readonly database: Database;
  readonly dialer: Pick<Dialer, 'runPass'>;
  readonly logger: Logger;
  /** This replica, in the leases. */
  readonly owner: string;
  readonly leaseMs?: number;
}

export function createDialerScheduler(options: DialerSchedulerOptions) {
  const { database, dialer, logger, owner } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const leases = new Map<string, LeaderLease>();
  const leaseOf = (campaignId: string) => {
    let lease = leases.get(campaignId);
    if (!lease) {
      lease = createLeaderLease(database.owner, `campaigns.dialer:${campaignId}`, owner, leaseMs);
      leases.set(campaignId, lease);
    }
    return lease;
  };

  /** One pass over every running campaign this replica leads; the results by campaign uuid. */
  async function tick(now: Date = new Date()): Promise<Map<string, PassResult>> {
    const { rows } = await sql<{ id: string; tenantId: string }>`
      select id, tenant_id as "tenantId" from campaigns.campaigns
       where state = 'running' and (starts_at is null or starts_at <= ${now})
         and (ends_at is null or ends_at > ${now})
       order by priority desc, id`.execute(database.owner);
    const results = new Map<string, PassResult>();
    for (const row of rows) {
      const lease = leaseOf(row.id);
      if (!(await lease.acquire())) continue;
      const ctx = systemContext(row.tenantId, `dialer:${row.id}:${now.getTime()}`, 'campaigns.dialer');
      try {
        results.set(row.id, await dialer.runPass(ctx, row.id, now));
      } catch (error) {
        logger.error({ err: error, campaignId: row.id }, 'dialer pass failed');
      }
    }
    return results;
  }

  /** Gives up every lease this replica holds (shutdown). */
  async function release(): Promise<void> {
    await Promise.all([...leases.values()].map((lease) => lease.release().catch(() => undefined)));
  }

  return { tick, release };
}

export type DialerScheduler = ReturnType<typeof createDialerScheduler>;

/** The worker's timer: a tick every 2 seconds (6-field cron, seconds first); missed ticks are skipped. */
export function dialerTimer(scheduler: DialerScheduler, cron = '*/2 * * * * *'): TimerTrigger {
  return {
    kind: 'timer',
    name: 'campaigns.dialer',
    cron,
    missed: 'skip',
    run: async () => {
      await scheduler.tick();
    },
  };
}
