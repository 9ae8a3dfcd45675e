import { sql, type Kysely } from 'kysely';
import type { NoTables } from '../../db/index.js';
import type { Bus, Subscription } from '../bus.types.js';
import type { BusGaugeSources } from '../bus.metrics.js';
import type { BusCore } from '../bus.core.js';
import { startRelayLoop, type RelayLoop } from '../relay.loop.js';
import { createWakeSignal } from '../wake.signal.js';
import { ensureGroup, startPgConsumer } from './pg.consumer.js';
import { relayToLog, trimLog } from './pg.relay.js';

export interface PostgresBusOptions {
  /** Partition lease; a crashed consumer's partitions move to the others after this. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  readonly relayBatchSize?: number;
  readonly pollMs?: number;
  /** Log rows older than this, that every group has passed, are deleted by the relay. */
  readonly retentionMs?: number;
}

/** Lag per group and topic: events after the group's position that match the topic. */
async function lag(db: Kysely<NoTables>): Promise<{ group: string; topic: string; lag: number }[]> {
  const { rows } = await sql<{ group_name: string; topic: string; lag: number }>`
    select g.name as group_name, t.topic, (
      select count(*) from bus.group_partitions gp
      join bus.log l on l.partition = gp.partition and l.position > gp.position
      where gp.group_name = g.name
        and l.type like replace(replace(replace(t.topic, '_', '\\_'), '%', '\\%'), '.*', '.%')
        and (l.target_group is null or l.target_group = g.name)
    )::int as lag
    from bus.consumer_groups g cross join lateral unnest(g.topics) as t(topic)`.execute(db);
  return rows.map((r) => ({ group: r.group_name, topic: r.topic, lag: r.lag }));
}

/** The PostgreSQL adapter: the outbox relayed into an append-only log with group positions. */
export function createPostgresBus(
  core: BusCore,
  options: PostgresBusOptions = {},
): { bus: Bus; gauges: BusGaugeSources } {
  const leaseMs = options.leaseMs ?? 15_000;
  const batchSize = options.batchSize ?? 500;
  const relayBatchSize = options.relayBatchSize ?? 2_000;
  const pollMs = options.pollMs ?? 2_000;
  const retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
  const subscriptions = new Set<Subscription>();
  let relay: RelayLoop | undefined;
  let trimTimer: NodeJS.Timeout | undefined;

  const bus: Bus = {
    kind: 'postgres',
    publish: core.publish,
    publishNow: core.publishNow,
    deadLetters: core.deadLetters,
    async ping() {
      await sql`select 1`.execute(core.db);
    },
    async declareGroup(options) {
      const { group, topics } = core.validateSubscription({ ...options, handler: () => Promise.resolve() });
      await ensureGroup(core.db, group, topics, core.partitions);
    },
    async subscribe(subscribeOptions) {
      const { group, topics, handler, retry } = core.validateSubscription(subscribeOptions);
      const subscription = await startPgConsumer({
        db: core.db,
        deps: { ...core.handlerDeps, messagingSystem: 'postgresql' },
        group,
        topics,
        handler,
        retry,
        partitions: core.partitions,
        leaseMs,
        batchSize,
        pollMs,
        onLogAppended: (wake) => core.listener.on('bus_log', wake),
        logger: core.logger,
      });
      subscriptions.add(subscription);
      return {
        group,
        async stop() {
          subscriptions.delete(subscription);
          await subscription.stop();
        },
      };
    },
    startRelay() {
      if (relay) return;
      const signal = createWakeSignal();
      core.listener.on('bus_outbox', () => signal.wake());
      relay = startRelayLoop({
        step: () => relayToLog(core.db, relayBatchSize),
        batchSize: relayBatchSize,
        signal,
        pollMs,
        logger: core.logger,
        name: 'postgres-log',
      });
      trimTimer = setInterval(() => {
        trimLog(core.db, retentionMs).catch((error: unknown) =>
          core.logger.warn({ err: error }, 'bus log trim failed'),
        );
      }, 10 * 60_000);
      trimTimer.unref();
    },
    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
      subscriptions.clear();
      if (trimTimer) clearInterval(trimTimer);
      await relay?.stop();
      relay = undefined;
      await core.close();
    },
  };
  return { bus, gauges: { lag: () => lag(core.db), deadLetters: () => core.deadLetters.countByGroup() } };
}
