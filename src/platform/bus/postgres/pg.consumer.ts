import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { NoTables } from '../../db/index.js';
import type { Logger } from '../../telemetry/index.js';
import type { EventHandler, Subscription } from '../bus.types.js';
import { insertDeadLetter } from '../dead-letters.repo.js';
import type { EventEnvelope } from '../event.envelope.js';
import { runHandler, type HandlerRunnerDeps, type Outcome } from '../handler.runner.js';
import type { RetryPolicy } from '../retry.policy.js';
import { matchesAny, toLikePattern } from '../topic.pattern.js';
import { createGroupCommitter } from '../group-commit.js';
import { createWakeSignal } from '../wake.signal.js';

export interface PgConsumerOptions {
  readonly db: Kysely<NoTables>;
  readonly deps: HandlerRunnerDeps;
  readonly group: string;
  readonly topics: readonly string[];
  readonly handler: EventHandler;
  readonly retry: RetryPolicy;
  readonly partitions: number;
  /** How long a partition lease lasts without renewal; a crashed consumer's partitions move after it. */
  readonly leaseMs: number;
  /** Events read per partition per round. */
  readonly batchSize: number;
  /** Fallback poll when no notification arrives. */
  readonly pollMs: number;
  /**
   * Registers for log notifications, whose payload names the types appended (empty or undefined:
   * unknown); returns the unsubscribe function.
   */
  readonly onLogAppended: (wake: (types?: string) => void) => () => void;
  readonly logger: Logger;
}

interface LogRow {
  partition: number;
  failures: number;
  position: number;
  id: string;
  type: string;
  tenant_id: string;
  occurred_at: Date;
  key: string | null;
  traceparent: string | null;
  data: unknown;
  wanted: boolean;
}

/**
 * A CTE that makes the statement's own transaction commit without waiting for the WAL flush (a
 * setting made local by set_config lasts until that commit): a position update in one round trip
 * instead of begin, `set local`, update, commit. Join `quiet` in the update's FROM so it runs.
 */
const unflushed = sql`with quiet as (select set_config('synchronous_commit', 'off', true))`;

interface PartitionResult {
  readonly partition: number;
  /** The round held only events the group does not want: nothing was handled. */
  readonly unwantedOnly?: boolean;
  /** Last position acknowledged (handled, skipped or dead-lettered). */
  readonly position: number | undefined;
  readonly failure:
    | {
        readonly position: number;
        readonly failures: number;
        readonly delayMs: number;
        readonly error: string;
      }
    | undefined;
  readonly dead: readonly {
    event: EventEnvelope;
    outcome: Extract<Outcome, { kind: 'dead' }>;
    deliveries: number;
  }[];
}

/** Registers the group (first subscriber creates it at the current end of the log). */
export async function ensureGroup(
  db: Kysely<NoTables>,
  group: string,
  topics: readonly string[],
  partitions: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`insert into bus.consumer_groups (name, topics) values (${group}, ${[...topics]}::text[])
      on conflict (name) do update set topics = excluded.topics`.execute(trx);
    await sql`insert into bus.group_partitions (group_name, partition, position)
      select ${group}, p, (select position from bus.log_head) from generate_series(0, ${partitions - 1}) as p
      on conflict do nothing`.execute(trx);
  });
}

function toEnvelope(row: LogRow): EventEnvelope {
  return {
    id: row.id,
    type: row.type,
    tenantId: row.tenant_id,
    occurredAt: row.occurred_at.toISOString(),
    data: row.data,
    key: row.key ?? undefined,
    traceparent: row.traceparent ?? undefined,
  };
}

/**
 * One consumer of a group in this process. Partitions are leased with a heartbeat: each member
 * holds about partitions/members of them, a stopped or crashed member's partitions pass to the
 * others once its lease runs out. Within a partition events are handled strictly in log order,
 * so events with the same key (same partition) are handled in order; partitions run in parallel,
 * each read, handled and acknowledged (its position committed) independently of the others.
 */
export async function startPgConsumer(options: PgConsumerOptions): Promise<Subscription> {
  const { db, group, logger } = options;
  const member = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const patterns = options.topics.map(toLikePattern);
  const signal = createWakeSignal();
  // Woken at once by appends of a type it wants (or of unknown types); the events it does not want
  // are read past, in larger rounds, on the poll: every group reading the log on every append of
  // any type cost PostgreSQL a read and a position commit per group and append.
  // Counts those wake-ups: a partition that finishes its round reads again at once only if
  // something it may want was appended since that round was read (or the round was full).
  let appends = 0;
  const unlisten = options.onLogAppended((types) => {
    if (!types || types.split(',').some((type) => matchesAny(options.topics, type))) {
      appends++;
      signal.wake();
    }
  });
  // Read through a function: the loop checks it after awaits, when stop() may have changed it.
  const state = { stopped: false };
  const isStopped = () => state.stopped;
  let nextLeaseAt = 0;
  // Whether a partition of ours may have a retry due: set by a failure we record and by a lease
  // round (a partition taken over may carry one), cleared when the database says there is none
  // and nothing set it meanwhile (`marks` counts the settings). The poll finds a retry anyway.
  const retries = { mayBePending: true, marks: 0 };
  const markRetries = () => {
    retries.mayBePending = true;
    retries.marks++;
  };
  /*
   * Partitions whose last round held only events this group does not want: the group has read
   * past them, but that position is not committed at once (it was a commit per group for every
   * event of a type the group ignores: 6.8 position commits per record on the single-record ingest
   * path). The next round reads from here; the position is committed with the partition's next
   * acknowledgement or by the lease round. Lost in a crash, those events are only read past again.
   */
  const readPast = new Map<number, number>();

  /*
   * The common acknowledgement (events handled, nothing dead, no failure): the positions of the
   * partitions that finish while one is being written go in the next statement together (group
   * commit), one round trip for all of them. Partitions are handled in parallel, so a round of
   * several partitions finished at about the same moment and paid one statement each.
   */
  const acknowledgements = createGroupCommitter<{ partition: number; position: number }>(async (acks) => {
    const latest = new Map<number, number>();
    for (const { partition, position } of acks) latest.set(partition, position);
    await sql`${unflushed}
      update bus.group_partitions gp set position = a.position, failures = 0, retry_at = null, last_error = null
      from quiet, unnest(${[...latest.keys()]}::smallint[], ${[...latest.values()]}::bigint[]) as a(partition, position)
      where gp.group_name = ${group} and gp.partition = a.partition and gp.owner = ${member}`.execute(db);
  });

  await ensureGroup(db, group, options.topics, options.partitions);

  /** Commits the positions read past (only ever forward: a concurrent acknowledgement may be ahead). */
  async function commitReadPast(): Promise<void> {
    if (readPast.size === 0) return;
    const held = [...readPast];
    await sql`${unflushed}
      update bus.group_partitions gp set position = v.position
      from quiet, unnest(${held.map(([partition]) => partition)}::smallint[], ${held.map(([, position]) => position)}::bigint[])
        as v(partition, position)
      where gp.group_name = ${group} and gp.partition = v.partition and gp.owner = ${member}
        and gp.position < v.position`.execute(db);
    for (const [partition, position] of held)
      if (readPast.get(partition) === position) readPast.delete(partition);
  }

  async function maintainLeases(): Promise<void> {
    const leaseSeconds = options.leaseMs / 1000;
    await commitReadPast();
    await db.transaction().execute(async (trx) => {
      await sql`insert into bus.group_members (group_name, member, heartbeat_at) values (${group}, ${member}, now())
        on conflict (group_name, member) do update set heartbeat_at = now()`.execute(trx);
      await sql`delete from bus.group_members where group_name = ${group}
        and heartbeat_at < now() - make_interval(secs => ${leaseSeconds})`.execute(trx);
      const { rows } = await sql<{ members: number; mine: number }>`select
          (select count(*) from bus.group_members where group_name = ${group})::int as members,
          (select count(*) from bus.group_partitions where group_name = ${group} and owner = ${member} and lease_until > now())::int as mine`.execute(
        trx,
      );
      const members = Math.max(1, rows[0]?.members ?? 1);
      const mine = rows[0]?.mine ?? 0;
      const share = Math.ceil(options.partitions / members);
      // Give back what is above our fair share so a newly started member gets work.
      if (mine > share) {
        await sql`update bus.group_partitions set owner = null, lease_until = null
          where group_name = ${group} and partition in (
            select partition from bus.group_partitions where group_name = ${group} and owner = ${member}
            order by partition desc limit ${mine - share})`.execute(trx);
      }
      await sql`update bus.group_partitions set lease_until = now() + make_interval(secs => ${leaseSeconds})
        where group_name = ${group} and owner = ${member}`.execute(trx);
      if (mine < share) {
        await sql`update bus.group_partitions set owner = ${member}, lease_until = now() + make_interval(secs => ${leaseSeconds})
          where group_name = ${group} and partition in (
            select partition from bus.group_partitions
            where group_name = ${group} and (owner is null or lease_until is null or lease_until < now())
            order by partition limit ${share - mine} for update skip locked)`.execute(trx);
      }
    });
  }

  async function fetchRound(): Promise<LogRow[]> {
    // Where each partition's next round starts: its committed position, or the position read past.
    const from = Array.from({ length: options.partitions }, (_, partition) => readPast.get(partition) ?? 0);
    const { rows } = await sql<LogRow>`
      select gp.partition, gp.failures, l.position, l.id, l.type, l.tenant_id, l.occurred_at, l.key, l.traceparent,
             case when w.wanted then l.data end as data, w.wanted
      from bus.group_partitions gp
      cross join lateral (
        select * from bus.log l where l.partition = gp.partition
          and l.position > greatest(gp.position, (${from}::bigint[])[gp.partition + 1])
        order by l.position limit ${options.batchSize}
      ) l
      cross join lateral (
        select (l.type like any(${patterns}::text[]) and (l.target_group is null or l.target_group = ${group})) as wanted
      ) w
      where gp.group_name = ${group} and gp.owner = ${member} and gp.lease_until > now()
        and (gp.retry_at is null or gp.retry_at <= now())
        and gp.partition <> all(${[...busy.keys()]}::smallint[])
      order by gp.partition, l.position`.execute(db);
    return rows;
  }

  async function handlePartition(partition: number, rows: readonly LogRow[]): Promise<PartitionResult> {
    let position: number | undefined;
    const dead: PartitionResult['dead'][number][] = [];
    for (const [index, row] of rows.entries()) {
      if (!row.wanted) {
        position = row.position;
        continue;
      }
      // Only the partition's first event can have failed before: we never read past a failure.
      const delivery = index === 0 ? row.failures + 1 : 1;
      const event = toEnvelope(row);
      const outcome = await runHandler(options.deps, group, options.handler, options.retry, event, delivery);
      if (outcome.kind === 'ack') {
        position = row.position;
      } else if (outcome.kind === 'dead') {
        // Set aside durably before the events behind it are handled: the partition stops here,
        // commits the dead letter with its position, and is read again at once.
        dead.push({ event, outcome, deliveries: delivery });
        return { partition, position: row.position, dead, failure: undefined };
      } else {
        return {
          partition,
          position,
          dead,
          failure: {
            position: row.position,
            failures: delivery,
            delayMs: outcome.delayMs,
            error: outcome.error.message.slice(0, 2_000),
          },
        };
      }
    }
    return { partition, position, dead, failure: undefined, unwantedOnly: !rows.some((row) => row.wanted) };
  }

  /** A partition's acknowledgement: its new position and dead letters, or the failure to retry. */
  async function commit(result: PartitionResult): Promise<void> {
    const { partition, position, failure } = result;
    if (position === undefined && !failure) return;
    if (result.unwantedOnly && position !== undefined) {
      readPast.set(partition, position);
      return;
    }
    if (result.dead.length === 0 && !failure && position !== undefined) {
      // The common case: one statement in one round trip (`unflushed`), shared by the partitions
      // acknowledged at the same moment (`acknowledgements`).
      await acknowledgements.add([{ partition, position }]);
      readPast.delete(partition);
      return;
    }
    await db.transaction().execute(async (trx) => {
      // Losing an acknowledgement in a crash only means a redelivery, which at-least-once allows.
      await sql`set local synchronous_commit = off`.execute(trx);
      for (const d of result.dead) await insertDeadLetter(trx, group, d.event, d.outcome.error, d.deliveries);
      if (position !== undefined) {
        // The owner check fences a consumer that lost its lease while handling: its events will
        // be handled again by the new owner (at-least-once), but it cannot move the position.
        await sql`update bus.group_partitions set position = ${position}, failures = 0, retry_at = null, last_error = null
          where group_name = ${group} and partition = ${partition} and owner = ${member}`.execute(trx);
      }
      if (failure) {
        await sql`update bus.group_partitions set failures = ${failure.failures},
            retry_at = now() + make_interval(secs => ${failure.delayMs / 1000}), last_error = ${failure.error}
          where group_name = ${group} and partition = ${partition} and owner = ${member}`.execute(trx);
      }
    });
    if (position !== undefined) readPast.delete(partition);
    // After its commit, so the loop's next look for due retries sees it.
    if (failure) markRetries();
  }

  async function nextRetryDelay(): Promise<number | undefined> {
    const marks = retries.marks;
    const { rows } = await sql<{
      ms: number | null;
    }>`select (extract(epoch from min(retry_at) - now()) * 1000)::int as ms
      from bus.group_partitions where group_name = ${group} and owner = ${member} and retry_at is not null`.execute(
      db,
    );
    const ms = rows[0]?.ms;
    if (ms === null || ms === undefined) {
      if (marks === retries.marks) retries.mayBePending = false;
      return undefined;
    }
    return Math.max(0, ms);
  }

  /** Partitions being handled, each until its events are handled and its position committed. */
  const busy = new Map<number, Promise<void>>();

  /*
   * A partition's events are handled and acknowledged on their own, without waiting for the other
   * partitions of the same read: a slow partition does not hold the others' next events back,
   * and a partition that finishes is read again at once (its completion wakes the loop).
   */
  const startPartition = (partition: number, rows: readonly LogRow[], appendsBefore: number) => {
    const run = (async () => {
      let settled = false;
      try {
        const result = await handlePartition(partition, rows);
        await commit(result);
        settled = !result.failure && result.dead.length === 0;
      } catch (error) {
        // Not acknowledged: the events are read again and redelivered (at-least-once).
        if (!isStopped()) logger.error({ err: error, group, partition }, 'bus partition round failed');
      } finally {
        busy.delete(partition);
        // Read again at once when there may be more behind this round: it was full, it did not
        // settle (a retry or a dead letter to go past), or events were appended since it was read
        // (the loop skipped this partition while it was busy). Otherwise the next append wakes
        // the loop: a read now would find nothing (it was one more statement per round and group).
        if (!settled || rows.length >= options.batchSize || appends !== appendsBefore) signal.wake();
      }
    })();
    busy.set(partition, run);
  };

  const loop = (async () => {
    let failures = 0;
    while (!state.stopped) {
      try {
        if (Date.now() >= nextLeaseAt) {
          await maintainLeases();
          markRetries();
          nextLeaseAt = Date.now() + options.leaseMs / 3;
        }
        const appendsBefore = appends;
        const rows = await fetchRound();
        const byPartition = new Map<number, LogRow[]>();
        for (const row of rows) {
          let list = byPartition.get(row.partition);
          if (!list) byPartition.set(row.partition, (list = []));
          list.push(row);
        }
        for (const [partition, list] of byPartition) startPartition(partition, list, appendsBefore);
        failures = 0;
        if (isStopped()) break;
        // A partition that finishes, or new events, wake the loop before the timeout.
        const retryIn = rows.length === 0 && retries.mayBePending ? await nextRetryDelay() : undefined;
        const untilLease = Math.max(0, nextLeaseAt - Date.now());
        await signal.wait(Math.min(options.pollMs, untilLease, retryIn ?? Number.POSITIVE_INFINITY));
      } catch (error) {
        if (isStopped()) break;
        failures++;
        logger.error({ err: error, group }, 'bus consumer round failed');
        await signal.wait(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)));
      }
    }
    await Promise.all(busy.values());
  })();

  return {
    group,
    async stop() {
      if (state.stopped) return loop;
      state.stopped = true;
      unlisten();
      signal.wake();
      await loop;
      await commitReadPast().catch((error: unknown) =>
        logger.warn({ err: error, group }, 'could not commit the bus positions read past'),
      );
      // Hand the partitions over at once rather than after the lease expires.
      await db
        .transaction()
        .execute(async (trx) => {
          await sql`update bus.group_partitions set owner = null, lease_until = null where group_name = ${group} and owner = ${member}`.execute(
            trx,
          );
          await sql`delete from bus.group_members where group_name = ${group} and member = ${member}`.execute(
            trx,
          );
        })
        .catch((error: unknown) => logger.warn({ err: error, group }, 'could not release bus partitions'));
    },
  };
}
