import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { startMember, type ClusterSettings, type Member } from './scale-cluster.js';

/*
 * The timers' leader election, shown to fail over: two `switchboard scheduler` processes, the one
 * holding the `timers` lease (jobs.leases) is killed with -9, and the other takes the lease once
 * it has run out (nobody released it) and runs the next timer slot.
 */

export interface FailoverResult {
  readonly leader: string;
  readonly follower: string;
  /** How long the lease still had to run when the leader was killed. */
  readonly leaseLeftSeconds: number;
  /** From the kill to the follower holding the lease, and to its first timer run. */
  readonly takeoverSeconds: number;
  readonly firstRunSeconds: number | undefined;
  readonly firstRunJob: string | undefined;
  /** Timer runs the old leader made before the kill, and runs left 'running' by it that the new leader marked abandoned. */
  readonly runsBefore: number;
  readonly abandoned: number;
  /** Timer slots run twice (the unique key of jobs.job_runs makes this 0). */
  readonly slotsRunTwice: number;
  readonly leaseMs: number;
}

interface LeaseRow {
  owner: string;
  leftMs: number;
}

async function lease(owner: pg.Pool): Promise<LeaseRow | undefined> {
  const { rows } = await owner.query<LeaseRow>(
    `select owner, (extract(epoch from lease_until - now()) * 1000)::float8 as "leftMs"
       from jobs.leases where name = 'timers'`,
  );
  return rows[0];
}

const ofMember = (runner: string, members: readonly Member[]) =>
  members.find((m) => runner.startsWith(`scheduler-`) && runner.includes(`-${String(m.pid)}-`));

export async function timerFailover(settings: ClusterSettings, leaseMs = 30_000): Promise<FailoverResult> {
  const { owner } = settings;
  const members = [
    startMember(settings, 'scheduler', 'scheduler-a'),
    startMember(settings, 'scheduler', 'scheduler-b'),
  ];
  try {
    await Promise.all(members.map((m) => m.ready));
    let current: LeaseRow | undefined;
    let leader: Member | undefined;
    for (const started = performance.now(); !leader; await sleep(100)) {
      current = await lease(owner);
      leader = current && current.leftMs > 0 ? ofMember(current.owner, members) : undefined;
      if (performance.now() - started > 2 * leaseMs + 10_000)
        throw new Error(`no scheduler took the timers lease (holder: ${current?.owner ?? 'none'})`);
    }
    const follower = members.find((m) => m !== leader);
    if (!follower || !current) throw new Error('two schedulers expected');
    const leaderRunner = current.owner;
    // Let the leader run something first, so that the hand-over is visible in jobs.job_runs.
    for (const started = performance.now(); performance.now() - started < 10_000; await sleep(200)) {
      const { rows } = await owner.query<{ n: number }>(
        'select count(*)::int as n from jobs.job_runs where runner = $1',
        [leaderRunner],
      );
      if ((rows[0]?.n ?? 0) > 0) break;
    }
    const { rows: before } = await owner.query<{ n: number }>(
      'select count(*)::int as n from jobs.job_runs where runner = $1',
      [leaderRunner],
    );
    const atKill = await lease(owner);
    leader.kill9();
    const killedAt = performance.now();
    let takeoverAt: number | undefined;
    let followerRunner: string | undefined;
    while (takeoverAt === undefined) {
      const now = await lease(owner);
      if (now && now.owner !== leaderRunner && ofMember(now.owner, [follower])) {
        takeoverAt = performance.now();
        followerRunner = now.owner;
      } else if (performance.now() - killedAt > leaseMs * 2 + 10_000) {
        throw new Error('the other scheduler did not take the timers lease over');
      } else await sleep(100);
    }
    let firstRunAt: number | undefined;
    let firstRunJob: string | undefined;
    for (const started = performance.now(); performance.now() - started < 10_000; await sleep(100)) {
      const { rows } = await owner.query<{ job: string }>(
        'select job from jobs.job_runs where runner = $1 order by started_at limit 1',
        [followerRunner],
      );
      if (rows[0]) {
        firstRunAt = performance.now();
        firstRunJob = rows[0].job;
        break;
      }
    }
    const { rows: abandoned } = await owner.query<{ n: number }>(
      `select count(*)::int as n from jobs.job_runs where runner = $1 and outcome = 'abandoned'`,
      [leaderRunner],
    );
    const { rows: twice } = await owner.query<{ n: number }>(
      'select count(*)::int as n from (select 1 from jobs.job_runs group by job, scheduled_for having count(*) > 1) d',
    );
    return {
      leader: leader.name,
      follower: follower.name,
      leaseLeftSeconds: (atKill?.leftMs ?? 0) / 1000,
      takeoverSeconds: (takeoverAt - killedAt) / 1000,
      firstRunSeconds: firstRunAt === undefined ? undefined : (firstRunAt - killedAt) / 1000,
      firstRunJob,
      runsBefore: before[0]?.n ?? 0,
      abandoned: abandoned[0]?.n ?? 0,
      slotsRunTwice: twice[0]?.n ?? 0,
      leaseMs,
    };
  } finally {
    await Promise.all(members.map((m) => m.stop()));
  }
}
