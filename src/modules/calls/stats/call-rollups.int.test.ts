import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import type { CallDisposition, CallRecordV1, NormalisedCall } from '../call-record.js';
import type { QueueTargets, StatsGroupBy, StatsInterval } from '../contract.js';
import type { CallsTables } from '../db/calls.tables.js';
import { callRecord, leg } from '../testing/call-record.fixtures.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';
import {
  agentDayLevel,
  agentHourLevel,
  agentLevel,
  queueDayLevel,
  queueHourLevel,
  queueLevel,
  rollupFromLevelSql,
  rollupLevels,
  type RollupLevel,
} from './rollup-contributions.sql.js';
import { sumKeys } from './stats-figures.js';
import { rollupLevelFor, statsRows, type StatsRow } from './stats.repo.js';
import { rebuildRollupDays, recordRollupZone, rollupZone } from './rollup-zones.js';

/*
 * Every rollup level (with and without the agent, by quarter hour and by day of the tenant's zone)
 * against the raw scan, over generated calls
 * written as ingest writes them: batches that mix new calls, re-versions that move a call to
 * another interval, queue, agent or month, stale and identical replays, and legs of one call
 * merged across batches. Every interval, group and target must give the same sums from each.
 */

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(7);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const maybe = <T>(p: number, value: () => T): T | null => (random() < p ? value() : null);
const seconds = (max: number) => Math.floor(random() * max);

const queues = [
  { id: 'q-sales', name: 'Sales' },
  { id: 'q-support', name: 'Support' },
  { id: 'q-billing', name: 'Billing' },
] as const;
const agents = ['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => ({ id, name: `Agent ${id}` }));
const dispositions: (CallDisposition | null)[] = [
  'answered',
  'answered',
  'answered',
  'cancelled',
  'cancelled',
  'no_answer',
  'voicemail',
  'busy',
  null,
];
const rangeStart = Date.UTC(2024, 2, 30, 0, 0);
const rangeDays = 4;

function randomCall(sourceCallId: string, sourceVersion: number): Partial<NormalisedCall> {
  const disposition = pick(dispositions);
  const answered = disposition === 'answered';
  const startedAt = new Date(rangeStart + seconds(rangeDays * 86_400) * 1000).toISOString();
  const ring = maybe(0.9, () => seconds(130));
  return {
    source: 'twilio',
    sourceCallId,
    sourceVersion,
    startedAt,
    direction: pick(['inbound', 'inbound', 'inbound', 'outbound', 'internal'] as const),
    disposition,
    ringSeconds: ring,
    talkSeconds: answered ? seconds(900) : maybe(0.5, () => 0),
    holdSeconds: answered ? maybe(0.5, () => seconds(120)) : null,
    afterCallWorkSeconds: answered ? maybe(0.3, () => seconds(60)) : null,
    totalSeconds: maybe(0.95, () => seconds(1200)),
    endedAt: random() < 0.05 ? null : new Date(Date.parse(startedAt) + 60_000).toISOString(),
    queue: maybe(0.8, () => pick(queues)),
    agent: answered ? maybe(0.85, () => pick(agents)) : null,
  };
}

describe('rollups agree with the raw scan', () => {
  let t: CallsTestPlatform;
  let ctx: RequestContext;
  let targets: QueueTargets;

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    // +05:45: local quarter hours that are not UTC hours.
    ({ ctx } = await t.createTenant({ timeZone: 'Asia/Kathmandu' }));
    // Days cut in the tenant's zone from the start, so ingest maintains the day levels too.
    await t.platform.database.withTenant<CallsTables>(ctx, (trx) => recordRollupZone(trx, 'Asia/Kathmandu'));
    const upsert = (records: CallRecordV1[]) => t.calls.calls.upsertRecords(ctx, records, { batchSize: 40 });

    const originals = Array.from({ length: 500 }, (_, i) =>
      callRecord(ctx.tenantId, randomCall(`tw-${i}`, 1)),
    );
    await upsert(originals);
    // Re-versions (new interval, queue, agent, outcome; some into another month), stale and identical replays, mixed in one stream.
    const later: CallRecordV1[] = [];
    for (let i = 0; i < 500; i++) {
      const r = random();
      if (r < 0.35) later.push(callRecord(ctx.tenantId, randomCall(`tw-${i}`, 2)));
      else if (r < 0.45) later.push(callRecord(ctx.tenantId, randomCall(`tw-${i}`, 0)));
      else if (r < 0.55) later.push(originals[i] as CallRecordV1);
    }
    later.push(
      ...Array.from({ length: 100 }, (_, i) => callRecord(ctx.tenantId, randomCall(`tw-new-${i}`, 1))),
    );
    await upsert(later.sort(() => random() - 0.5));
    await upsert(Array.from({ length: 150 }, (_, i) => callRecord(ctx.tenantId, randomCall(`tw-${i}`, 3))));

    // Legs of one call arriving in different batches: each merge replaces the stored call.
    const legsOf = (n: number, legNo: number) =>
      callRecord(ctx.tenantId, {
        source: 'asterisk',
        sourceCallId: `ast-${n}`,
        direction: 'inbound',
        startedAt: new Date(rangeStart + n * 600_000).toISOString(),
        queue: pick(queues),
        legs: [
          leg(`SIP/${n}-${legNo}`, {
            startedAt: new Date(rangeStart + n * 600_000).toISOString(),
            answeredAt: legNo === 2 ? new Date(rangeStart + n * 600_000 + 12_000).toISOString() : null,
            endedAt: new Date(rangeStart + n * 600_000 + 90_000).toISOString(),
            disposition: legNo === 2 ? 'answered' : 'no_answer',
          }),
        ],
      });
    await upsert(Array.from({ length: 60 }, (_, n) => legsOf(n, 1)));
    await upsert(Array.from({ length: 60 }, (_, n) => legsOf(n, 2)));

    await t.calls.queueTargets.set(ctx, null, {
      serviceLevelSeconds: 30,
      serviceLevelGoal: 0.9,
      shortAbandonSeconds: 10,
    });
    await t.calls.queueTargets.set(ctx, 'q-support', {
      serviceLevelSeconds: 60,
      serviceLevelGoal: 0.8,
      shortAbandonSeconds: 0,
    });
    targets = await t.calls.queueTargets.get(ctx);
  }, 120_000);
  afterAll(() => t.close());

  const comparable = (rows: StatsRow[], groupBy: StatsGroupBy | undefined) =>
    rows.map((row) => ({
      start: row.bucketStart.toISOString(),
      local: row.localStart,
      group: row.groupValue,
      // An agent is named by any one of its ciphertexts, which differ call by call.
      name: groupBy === 'agent' ? null : row.groupName,
      ...Object.fromEntries(sumKeys.map((k) => [k, row[k]])),
    }));

  const both = (
    range: { from: Date; to: Date },
    interval: StatsInterval,
    groupBy?: StatsGroupBy,
    level: RollupLevel = agentLevel,
    timeZone = 'Asia/Kathmandu',
  ) =>
    t.platform.database.withTenant<CallsTables, [StatsRow[], StatsRow[]]>(ctx, async (trx) => {
      const options = { interval, timeZone, groupBy, targets, rangeFrom: range.from };
      return [await statsRows(trx, level, range, options), await statsRows(trx, 'scan', range, options)];
    });

  it('gives the same sums for every interval and grouping, from either level', async () => {
    const ranges = [
      { from: new Date(rangeStart - 86_400_000), to: new Date(rangeStart + (rangeDays + 3) * 86_400_000) },
      { from: new Date(rangeStart + 13.25 * 3_600_000), to: new Date(rangeStart + 50.75 * 3_600_000) },
    ];
    // Days of the tenant's zone (+05:45, no summer time) for the day levels, which hold whole days only.
    const kathmanduMidnight = rangeStart - 5.75 * 3_600_000;
    const dayRanges = [
      {
        from: new Date(kathmanduMidnight - 86_400_000),
        to: new Date(kathmanduMidnight + (rangeDays + 2) * 86_400_000),
      },
      { from: new Date(kathmanduMidnight + 86_400_000), to: new Date(kathmanduMidnight + 3 * 86_400_000) },
    ];
    let compared = 0;
    for (const range of [...ranges, ...dayRanges]) {
      const wholeDays = dayRanges.includes(range);
      for (const interval of ['15m', 'hour', 'day', 'range'] as const) {
        for (const groupBy of [undefined, 'queue', 'agent', 'source', 'direction'] as const) {
          for (const level of rollupLevels) {
            if (level.name === 'queue' && groupBy === 'agent') continue;
            // The hour level serves zones of whole-hour offsets: Berlin (clocks went forward on 31 March 2024).
            const hourly = level.grain === 'hour';
            if (hourly && (interval === '15m' || range !== ranges[0])) continue;
            if (
              !hourly &&
              (level.grain === 'day') !== (wholeDays && (interval === 'day' || interval === 'range'))
            )
              continue;
            const zone = hourly ? 'Europe/Berlin' : 'Asia/Kathmandu';
            const [rollup, scan] = await both(range, interval, groupBy, level, zone);
            expect(
              comparable(rollup, groupBy),
              `${level.table}, ${interval} by ${groupBy ?? 'nothing'}`,
            ).toEqual(comparable(scan, groupBy));
            compared += scan.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('answers filtered questions from the queue level as the scan does; the agent needs the agent level', async () => {
    const range = { from: new Date(rangeStart), to: new Date(rangeStart + rangeDays * 86_400_000) };
    const filtered = {
      ...range,
      directions: ['inbound'] as const,
      dispositions: ['answered', 'cancelled'] as const,
      queue: 'q-support',
    };
    const [rollup, scan] = await t.platform.database.withTenant<CallsTables, [StatsRow[], StatsRow[]]>(
      ctx,
      async (trx) => {
        const options = {
          interval: 'hour' as const,
          timeZone: 'Asia/Kathmandu',
          targets,
          rangeFrom: filtered.from,
        };
        return [
          await statsRows(trx, queueLevel, filtered, options),
          await statsRows(trx, 'scan', filtered, options),
        ];
      },
    );
    expect(scan.length).toBeGreaterThan(10);
    expect(comparable(rollup, undefined)).toEqual(comparable(scan, undefined));
    expect(rollupLevelFor({}, undefined)).toBe(queueLevel);
    expect(rollupLevelFor({ queue: 'q-sales' }, 'queue')).toBe(queueLevel);
    expect(rollupLevelFor({}, 'agent')).toBe(agentLevel);
    expect(rollupLevelFor({ agentIndex: Buffer.alloc(32) }, 'queue')).toBe(agentLevel);
    expect(rollupLevelFor({}, 'queue', 'day')).toBe(queueDayLevel);
    expect(rollupLevelFor({}, 'agent', 'day')).toBe(agentDayLevel);
    expect(rollupLevelFor({}, 'agent', 'hour')).toBe(agentHourLevel);
    expect(rollupLevelFor({}, undefined, 'hour')).toBe(queueHourLevel);
  });

  const measures =
    'calls, talk_sum, talk_count, handle_sum, handle_count, hold_sum, hold_count, ring_sum, ring_count, in_progress, ring_within';
  const levelRows = (level: RollupLevel, tenantId = ctx.tenantId, table: string = level.table) =>
    sql<Record<string, unknown>>`
      select bucket_start, source, direction, disposition, queue_id,
             ${sql.raw(level.name === 'agent' ? "encode(agent_index, 'hex')" : 'null::text')} as agent, ${sql.raw(measures)}
        from ${sql.raw(table)} where tenant_id = ${tenantId} order by 1, 2, 3, 4, 5, 6`
      .execute(t.platform.database.owner)
      .then((r) => r.rows);

  it('counts every stored call once in each level, keeps no empty rows, and a rebuild gives the same tables', async () => {
    for (const level of rollupLevels) {
      const { rows } = await sql<{ stored: number; rolled: number; empty: number }>`
        select (select count(*)::int from calls.call_records where tenant_id = ${ctx.tenantId}) as stored,
               (select sum(calls)::int from ${sql.raw(level.table)} where tenant_id = ${ctx.tenantId}) as rolled,
               (select count(*)::int from ${sql.raw(level.table)} where tenant_id = ${ctx.tenantId} and calls = 0) as empty`.execute(
        t.platform.database.owner,
      );
      expect(rows[0], level.name).toEqual({ stored: 660, rolled: 660, empty: 0 });
    }
    const before = await Promise.all(rollupLevels.map((level) => levelRows(level)));
    await t.platform.database.withTenant(ctx, (trx) => sql`select calls.rebuild_rollups()`.execute(trx));
    expect(await Promise.all(rollupLevels.map((level) => levelRows(level)))).toEqual(before);
    // The queue level has fewer rows: that is what it is for.
    expect(before[1]?.length).toBeLessThan(before[0]?.length ?? 0);
  });

  it('backfills the queue level from the agent level, and the hour level from the queue level, to what ingest maintains', async () => {
    await t.platform.database.owner.transaction().execute(async (trx) => {
      await sql`create temp table backfilled (like calls.call_rollups_queue) on commit drop`.execute(trx);
      await sql`insert into backfilled ${sql.raw(rollupFromLevelSql(agentLevel, queueLevel))}`.execute(trx);
      const { rows } = await sql<Record<string, unknown>>`
        select bucket_start, source, direction, disposition, queue_id, null::text as agent, ${sql.raw(measures)}
          from backfilled where tenant_id = ${ctx.tenantId} order by 1, 2, 3, 4, 5, 6`.execute(trx);
      expect(rows).toEqual(await levelRows(queueLevel));
      await sql`create temp table backfilled_hours (like calls.call_rollups_queue_hour) on commit drop`.execute(
        trx,
      );
      await sql`insert into backfilled_hours ${sql.raw(rollupFromLevelSql(queueLevel, queueHourLevel))}`.execute(
        trx,
      );
      const hours = await sql<Record<string, unknown>>`
        select bucket_start, source, direction, disposition, queue_id, null::text as agent, ${sql.raw(measures)}
          from backfilled_hours where tenant_id = ${ctx.tenantId} order by 1, 2, 3, 4, 5, 6`.execute(trx);
      expect(hours.rows).toEqual(await levelRows(queueHourLevel));
    });
  });

  it('moves a re-versioned call and a merged call between queue-level rows in the same transaction', async () => {
    const { ctx: other } = await t.createTenant({ timeZone: 'Europe/Berlin' });
    const at = Date.UTC(2024, 5, 3, 9, 5);
    const first = callRecord(other.tenantId, {
      source: 'twilio',
      sourceCallId: 'moving',
      sourceVersion: 1,
      startedAt: new Date(at).toISOString(),
      direction: 'inbound',
      disposition: 'cancelled',
      queue: { id: 'q-sales', name: 'Sales' },
      agent: null,
    });
    const stay = callRecord(other.tenantId, {
      source: 'twilio',
      sourceCallId: 'staying',
      startedAt: new Date(at + 60_000).toISOString(),
      direction: 'inbound',
      disposition: 'answered',
      queue: { id: 'q-sales', name: 'Sales' },
      agent: { id: 'a1', name: 'Agent a1' },
    });
    await t.calls.calls.upsertRecords(other, [first, stay]);
    // Re-versioned: answered by an agent in another queue, half an hour later.
    await t.calls.calls.upsertRecords(other, [
      callRecord(other.tenantId, {
        source: 'twilio',
        sourceCallId: 'moving',
        sourceVersion: 2,
        startedAt: new Date(at + 30 * 60_000).toISOString(),
        direction: 'inbound',
        disposition: 'answered',
        queue: { id: 'q-support', name: 'Support' },
        agent: { id: 'a2', name: 'Agent a2' },
      }),
    ]);
    // Legs of one Asterisk call in two batches: the second merges into the stored call.
    const legged = (legNo: number) =>
      callRecord(other.tenantId, {
        source: 'asterisk',
        sourceCallId: 'merged',
        direction: 'inbound',
        startedAt: new Date(at + 2 * 60_000).toISOString(),
        legs: [
          leg(`SIP/merged-${legNo}`, {
            startedAt: new Date(at + 2 * 60_000).toISOString(),
            answeredAt: legNo === 2 ? new Date(at + 2 * 60_000 + 9_000).toISOString() : null,
            endedAt: new Date(at + 4 * 60_000).toISOString(),
            disposition: legNo === 2 ? 'answered' : 'no_answer',
          }),
        ],
      });
    await t.calls.calls.upsertRecords(other, [legged(1)]);
    await t.calls.calls.upsertRecords(other, [legged(2)]);

    const summary = (rows: Record<string, unknown>[]) =>
      rows.map((r) => [(r.bucketStart as Date).toISOString(), r.source, r.disposition, r.queueId, r.calls]);
    const quarter = (minutes: number) => new Date(at - 5 * 60_000 + minutes * 60_000).toISOString();
    expect(summary(await levelRows(queueLevel, other.tenantId))).toEqual([
      [quarter(0), 'asterisk', 'answered', null, 1],
      [quarter(0), 'twilio', 'answered', 'q-sales', 1],
      [quarter(30), 'twilio', 'answered', 'q-support', 1],
    ]);
    const agentRows = await levelRows(agentLevel, other.tenantId);
    expect(agentRows.reduce((n, r) => n + Number(r.calls), 0)).toBe(3);
    const answer = await t.calls.calls.stats(other, {
      filters: { from: new Date(at - 5 * 60_000), to: new Date(at + 55 * 60_000) },
      interval: '15m',
      groupBy: 'queue',
    });
    expect(answer.totals.map((total) => [total.group?.value, total.calls, total.answered])).toEqual([
      [null, 1, 1],
      ['q-sales', 1, 1],
      ['q-support', 1, 1],
    ]);
    // By hour in Berlin: the whole hours from the hour level, the rest from quarter hours and calls.
    const hourly = await t.calls.calls.stats(other, {
      filters: { from: new Date(at - 65 * 60_000), to: new Date(at + 125 * 60_000) },
      interval: 'hour',
      groupBy: 'queue',
    });
    expect(hourly.totals.map((total) => [total.group?.value, total.calls, total.answered])).toEqual([
      [null, 1, 1],
      ['q-sales', 1, 1],
      ['q-support', 1, 1],
    ]);
    expect(summary(await levelRows(queueHourLevel, other.tenantId)).map((row) => row.slice(1))).toEqual([
      ['asterisk', 'answered', null, 1],
      ['twilio', 'answered', 'q-sales', 1],
      ['twilio', 'answered', 'q-support', 1],
    ]);
  });

  it('serves an unaligned range from rollups and the calls at its edges, with the scan’s figures', async () => {
    const range = {
      from: new Date(rangeStart + 7 * 60_000 + 13_000),
      to: new Date(rangeStart + 61 * 3_600_000 + 8 * 60_000),
    };
    for (const groupBy of [undefined, 'queue'] as const) {
      const answer = await t.calls.calls.stats(ctx, {
        filters: range,
        interval: 'hour',
        groupBy,
        comparePrevious: true,
      });
      expect(answer.servedFrom).toBe('rollup');
      const [, scan] = await both(range, 'hour', groupBy);
      expect(
        answer.buckets.map((b) => [
          b.start,
          b.group?.value ?? null,
          b.calls,
          b.answeredWithinTarget,
          b.shortAbandoned,
        ]),
      ).toEqual(
        scan.map((r) => [
          r.bucketStart.toISOString(),
          groupBy ? r.groupValue : null,
          r.calls,
          r.answeredWithinTarget,
          r.shortAbandoned,
        ]),
      );
      expect(answer.previous?.to).toBe(range.from.toISOString());
    }
    const filtered = await t.calls.calls.stats(ctx, {
      filters: { ...range, minDurationSeconds: 1 },
      interval: 'day',
    });
    expect(filtered.servedFrom).toBe('scan');
  });
  it('answers questions by day from the day levels once built, and rebuilds them when the zone changes', async () => {
    let range = {
      from: new Date(rangeStart - 86_400_000 + 7 * 60_000 + 13_000),
      to: new Date(rangeStart + (rangeDays + 1) * 86_400_000 + 8 * 60_000),
    };
    const byDay = async (timeZone: string, groupBy?: StatsGroupBy) => {
      const answer = await t.calls.calls.stats(ctx, { filters: range, interval: 'day', groupBy });
      const scan = await t.platform.database.withTenant<CallsTables, StatsRow[]>(ctx, (trx) =>
        statsRows(trx, 'scan', range, { interval: 'day', timeZone, groupBy, targets, rangeFrom: range.from }),
      );
      expect(answer.timeZone).toBe(timeZone);
      // Agents are answered by name (decrypted), the scan knows their blind index: both in index order.
      const group = (value: string | null | undefined) =>
        groupBy && groupBy !== 'agent' ? (value ?? null) : null;
      expect(
        answer.buckets.map((b) => [
          b.start,
          b.localStart,
          group(b.group?.value),
          b.calls,
          b.answeredWithinTarget,
        ]),
      ).toEqual(
        scan.map((r) => [
          r.bucketStart.toISOString(),
          r.localStart,
          group(r.groupValue),
          r.calls,
          r.answeredWithinTarget,
        ]),
      );
      // One interval for the whole range (a leaderboard's question): the same totals, from the same levels.
      const whole = await t.calls.calls.stats(ctx, { filters: range, interval: 'range', groupBy });
      expect(new Set(whole.buckets.map((b) => b.start))).toEqual(new Set([range.from.toISOString()]));
      const byGroup = (totals: typeof whole.totals) =>
        [...totals].sort((a, b) => String(a.group?.value).localeCompare(String(b.group?.value)));
      expect(byGroup(whole.totals)).toEqual(byGroup(answer.totals));
      expect(whole.servedFrom).toBe(answer.servedFrom);
    };
    const zone = () => t.platform.database.withTenant<CallsTables>(ctx, rollupZone);

    // Ingest kept the days since the zone was recorded; a rebuild marks them ready and changes nothing.
    const before = await Promise.all([levelRows(agentDayLevel), levelRows(queueDayLevel)]);
    expect(before[1].length).toBeGreaterThan(0);
    await sql`update calls.rollup_zones set ready = false where tenant_id = ${ctx.tenantId}`.execute(
      t.platform.database.owner,
    );
    expect(await rebuildRollupDays(t.platform.database, ctx)).toBeGreaterThanOrEqual(rangeDays);
    expect(await Promise.all([levelRows(agentDayLevel), levelRows(queueDayLevel)])).toEqual(before);
    expect(await zone()).toMatchObject({ timeZone: 'Asia/Kathmandu', ready: true });
    for (const groupBy of [undefined, 'queue', 'agent'] as const) await byDay('Asia/Kathmandu', groupBy);

    // A new zone (Newfoundland, -03:30 and -02:30): the old days go, the answers stay right from the
    // quarter hours until the days are rebuilt, then come from the new days.
    await t.platform.modules.identity.tenants.update(ctx, { timeZone: 'America/St_Johns' });
    // Another question than before (a second later), so no answer kept from before the change is reused.
    range = { ...range, to: new Date(range.to.getTime() + 1000) };
    await byDay('America/St_Johns', 'queue');
    expect(await zone()).toMatchObject({ timeZone: 'America/St_Johns', ready: false, generation: 2 });
    expect(await levelRows(queueDayLevel)).toEqual([]);
    await rebuildRollupDays(t.platform.database, ctx);
    expect(await zone()).toMatchObject({ ready: true });
    for (const groupBy of [undefined, 'queue', 'agent'] as const) await byDay('America/St_Johns', groupBy);

    // Ingest after the rebuild adds to the new days.
    await t.calls.calls.upsertRecords(
      ctx,
      Array.from({ length: 40 }, (_, i) => callRecord(ctx.tenantId, randomCall(`tw-late-${i}`, 1))),
    );
    range = { ...range, to: new Date(range.to.getTime() + 1000) };
    await byDay('America/St_Johns', 'queue');
    const { rows } = await sql<{ stored: number; rolled: number }>`
      select (select count(*)::int from calls.call_records where tenant_id = ${ctx.tenantId}) as stored,
             (select sum(calls)::int from calls.call_rollups_queue_day where tenant_id = ${ctx.tenantId}) as rolled`.execute(
      t.platform.database.owner,
    );
    expect(rows[0]?.rolled).toBe(rows[0]?.stored);
  });
});
