import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { Bus, Subscription } from '../bus.types.js';
import type { BusGaugeSources } from '../bus.metrics.js';
import type { BusCore } from '../bus.core.js';
import type { RelayLoop } from '../relay.loop.js';
import { createWakeSignal } from '../wake.signal.js';
import { consumePartition } from './nats.consumer.js';
import { createNatsNaming, topicsByFamily } from './nats.naming.js';
import { startJetStreamRelay } from './nats.relay.js';

export interface NatsBusOptions {
  readonly url: string;
  /** Subject, stream and consumer namespace of this installation (defaultNatsPrefix, or configured). */
  readonly prefix: string;
  /** How long JetStream waits for an acknowledgement before redelivering (a crashed consumer's message). */
  readonly ackWaitMs?: number;
  readonly relayBatchSize?: number;
  readonly pollMs?: number;
  /** Stream retention (max_age). */
  readonly retentionMs?: number;
}

const nanos = (ms: number) => ms * 1_000_000;

/** The NATS JetStream adapter: outbox relayed to file-backed streams, durable pull consumers per group. */
export async function createNatsBus(
  core: BusCore,
  options: NatsBusOptions,
): Promise<{ bus: Bus; gauges: BusGaugeSources; streams: () => string[] }> {
  const naming = createNatsNaming(options.prefix);
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  const relayBatchSize = options.relayBatchSize ?? 1_000;
  const pollMs = options.pollMs ?? 2_000;
  const retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
  const nc: NatsConnection = await connect({
    servers: options.url,
    name: 'switchboard-bus',
    maxReconnectAttempts: -1,
  });
  const jsm: JetStreamManager = await jetstreamManager(nc);
  const js = jetstream(nc);
  const ensured = new Map<string, Promise<void>>();
  const subscriptions = new Set<Subscription>();
  const lagSources: { group: string; topic: string; stream: string; durables: string[] }[] = [];
  let relay: RelayLoop | undefined;

  function ensureStream(family: string): Promise<void> {
    let done = ensured.get(family);
    if (!done) {
      const name = naming.stream(family);
      done = jsm.streams.info(name).then(
        () => undefined,
        async () => {
          await jsm.streams.add({
            name,
            subjects: naming.streamSubjects(family),
            storage: StorageType.File,
            retention: RetentionPolicy.Limits,
            max_age: nanos(retentionMs),
            duplicate_window: nanos(2 * 60_000),
          });
        },
      );
      done.catch(() => ensured.delete(family));
      ensured.set(family, done);
    }
    return done;
  }

  async function ensureConsumer(
    stream: string,
    config: Partial<ConsumerConfig> & { durable_name: string },
  ): Promise<void> {
    try {
      await jsm.consumers.add(stream, config);
    } catch {
      // It exists with another configuration (say, a changed retry policy): update what may change.
      await jsm.consumers.update(stream, config.durable_name, {
        filter_subject: config.filter_subject,
        max_deliver: config.max_deliver,
        ack_wait: config.ack_wait,
        max_ack_pending: config.max_ack_pending,
      });
    }
  }

  async function ensurePartitionConsumer(
    stream: string,
    durable: string,
    familyTopics: readonly string[],
    family: string,
    partition: number,
    maxDeliveries: number,
  ): Promise<void> {
    await ensureConsumer(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      // A new group starts at the end of the stream, as with the PostgreSQL adapter.
      deliver_policy: DeliverPolicy.New,
      filter_subject: naming.filter(familyTopics, family, partition),
      max_ack_pending: 1,
      ack_wait: nanos(ackWaitMs),
      // One more than the policy: that extra delivery is how a consumer learns that
      // crashes used up the allowance, and dead-letters instead of losing the event.
      max_deliver: maxDeliveries + 1,
    });
  }

  const bus: Bus = {
    kind: 'nats',
    async declareGroup(options) {
      const { group, topics, retry } = core.validateSubscription({
        ...options,
        handler: () => Promise.resolve(),
      });
      for (const [family, familyTopics] of topicsByFamily(topics)) {
        await ensureStream(family);
        for (let partition = 0; partition < core.partitions; partition++) {
          await ensurePartitionConsumer(
            naming.stream(family),
            naming.durable(group, family, partition),
            familyTopics,
            family,
            partition,
            retry.maxDeliveries,
          );
        }
      }
    },
    publish: core.publish,
    publishNow: core.publishNow,
    deadLetters: core.deadLetters,
    async ping() {
      await nc.rtt();
    },
    async subscribe(subscribeOptions) {
      const { group, topics, handler, retry } = core.validateSubscription(subscribeOptions);
      const parts: { stop(): Promise<void> }[] = [];
      try {
        for (const [family, familyTopics] of topicsByFamily(topics)) {
          await ensureStream(family);
          const stream = naming.stream(family);
          const durables: string[] = [];
          for (let partition = 0; partition < core.partitions; partition++) {
            const durable = naming.durable(group, family, partition);
            durables.push(durable);
            await ensurePartitionConsumer(
              stream,
              durable,
              familyTopics,
              family,
              partition,
              retry.maxDeliveries,
            );
            const consumer = await js.consumers.get(stream, durable);
            parts.push(
              await consumePartition({
                consumer,
                db: core.db,
                deps: { ...core.handlerDeps, messagingSystem: 'nats' },
                group,
                topics: familyTopics,
                handler,
                retry,
                logger: core.logger,
              }),
            );
          }
          lagSources.push({
            group,
            topic: familyTopics.length === 1 ? (familyTopics[0] ?? family) : `${family}.*`,
            stream,
            durables,
          });
        }
      } catch (error) {
        await Promise.all(parts.map((p) => p.stop()));
        throw error;
      }
      const subscription: Subscription = {
        group,
        async stop() {
          subscriptions.delete(subscription);
          await Promise.all(parts.map((p) => p.stop()));
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },
    startRelay() {
      if (relay) return;
      const signal = createWakeSignal();
      core.listener.on('bus_outbox', () => signal.wake());
      relay = startJetStreamRelay({
        ownerUrl: core.ownerUrl,
        nc,
        naming,
        ensureStream,
        batchSize: relayBatchSize,
        window: 3,
        signal,
        pollMs,
        logger: core.logger,
      });
    },
    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
      subscriptions.clear();
      await relay?.stop();
      relay = undefined;
      await nc.drain().catch(() => undefined);
      await core.close();
    },
  };

  const gauges: BusGaugeSources = {
    async lag() {
      const out: { group: string; topic: string; lag: number }[] = [];
      for (const source of lagSources) {
        let lag = 0;
        for (const durable of source.durables) {
          const info = await jsm.consumers.info(source.stream, durable).catch(() => undefined);
          lag += info ? info.num_pending + info.num_ack_pending : 0;
        }
        out.push({ group: source.group, topic: source.topic, lag });
      }
      return out;
    },
    deadLetters: () => core.deadLetters.countByGroup(),
  };
  return { bus, gauges, streams: () => [...ensured.keys()].map((family) => naming.stream(family)) };
}
