import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { databaseNameOf, tracedDialect, watchPool, type Database, type NoTables } from '../db/index.js';
import type { Logger } from '../telemetry/index.js';
import type { Bus, EventHandler, SubscribeOptions } from './bus.types.js';
import type { BusMetrics } from './bus.metrics.js';
import { createDeadLetters } from './dead-letters.repo.js';
import type { DeadLetters } from './dead-letters.types.js';
import { createGroupCommitter } from './group-commit.js';
import type { HandlerRunnerDeps } from './handler.runner.js';
import { createNotifyListener, type NotifyListener } from './notify.listener.js';
import { toOutboxRows, writeOutbox, type OutboxRow } from './outbox.writer.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry.policy.js';
import { assertTopic } from './topic.pattern.js';

/** What both adapters share: the outbox, dead letters, the bookkeeping pool and the listener. */
export interface BusCore {
  /** Owner-role pool of the bus's own, so relay and consumer load never starves the kernel's. */
  readonly db: Kysely<NoTables>;
  readonly listener: NotifyListener;
  /** For connections of their own (the JetStream relay's leader session). */
  readonly ownerUrl: string;
  readonly partitions: number;
  readonly logger: Logger;
  readonly handlerDeps: HandlerRunnerDeps;
  readonly deadLetters: DeadLetters;
  readonly publish: Bus['publish'];
  readonly publishNow: Bus['publishNow'];
  validateSubscription(options: SubscribeOptions<never>): {
    group: string;
    topics: string[];
    handler: EventHandler;
    retry: RetryPolicy;
  };
  close(): Promise<void>;
}

export interface BusCoreOptions {
  readonly database: Database;
  readonly logger: Logger;
  readonly metrics: BusMetrics;
  readonly partitions: number;
  readonly poolMax: number;
}

const groupPattern = /^[a-z][a-z0-9_-]{0,62}$/;

export async function createBusCore(options: BusCoreOptions): Promise<BusCore> {
  const { database, logger, metrics, partitions } = options;
  const pool = new pg.Pool({
    connectionString: database.ownerUrl,
    max: options.poolMax,
    application_name: 'switchboard-bus',
  });
  const lifecycle = watchPool(pool, logger, 'bus');
  // No camel-case plugin here: it would also rename keys inside event payloads.
  const db = new Kysely<NoTables>({
    dialect: tracedDialect(new PostgresDialect({ pool }), {
      pool: 'bus',
      database: databaseNameOf(database.ownerUrl),
    }),
  });
  const listener = createNotifyListener(database.ownerUrl, ['bus_outbox', 'bus_log'], logger);
  try {
    await listener.start();
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const committer = createGroupCommitter<OutboxRow>(async (rows) => {
    await db.transaction().execute((trx) => writeOutbox(trx, rows, partitions));
  });
  let closing: Promise<void> | undefined;
  return {
    db,
    listener,
    ownerUrl: database.ownerUrl,
    partitions,
    logger,
    handlerDeps: { database, logger, metrics },
    deadLetters: createDeadLetters(database, partitions),
    async publish(trx, events) {
      const { envelopes, rows } = toOutboxRows(events);
      if (rows.length > 0) await writeOutbox(trx, rows, partitions);
      metrics.published.inc(rows.length);
      return envelopes;
    },
    async publishNow(events) {
      const { envelopes, rows } = toOutboxRows(events);
      await committer.add(rows);
      metrics.published.inc(rows.length);
      return envelopes;
    },
    validateSubscription(subscription) {
      if (!groupPattern.test(subscription.group))
        throw new Error(
          `invalid consumer group '${subscription.group}': lower-case letters, digits, - and _`,
        );
      if (subscription.topics.length === 0)
        throw new Error(`consumer group ${subscription.group} subscribes to no topic`);
      for (const topic of subscription.topics) assertTopic(topic);
      const retry = { ...defaultRetryPolicy, ...subscription.retry };
      if (!Number.isInteger(retry.maxDeliveries) || retry.maxDeliveries < 1)
        throw new Error('retry.maxDeliveries must be a positive integer');
      return {
        group: subscription.group,
        topics: [...new Set(subscription.topics)],
        handler: subscription.handler as EventHandler,
        retry,
      };
    },
    close() {
      closing ??= (async () => {
        await committer.drain();
        await listener.close();
        lifecycle.closing();
        await db.destroy();
        await lifecycle.closed();
      })();
      return closing;
    },
  };
}
