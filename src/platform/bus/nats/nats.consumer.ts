import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { NoTables } from '../../db/index.js';
import type { Logger } from '../../telemetry/index.js';
import type { EventHandler } from '../bus.types.js';
import { insertDeadLetter } from '../dead-letters.repo.js';
import type { EventEnvelope } from '../event.envelope.js';
import { runHandler, type HandlerRunnerDeps } from '../handler.runner.js';
import type { RetryPolicy } from '../retry.policy.js';
import { matchesAny } from '../topic.pattern.js';
import { targetGroupHeader } from './nats.relay.js';

export interface PartitionConsumerOptions {
  readonly consumer: Consumer;
  readonly db: Kysely<NoTables>;
  readonly deps: HandlerRunnerDeps;
  readonly group: string;
  readonly topics: readonly string[];
  readonly handler: EventHandler;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
}

/**
 * Pulls one partition of one family for a group. The durable consumer has max_ack_pending 1, so
 * JetStream hands out the partition's next message only after the previous one is acknowledged,
 * terminated or its nak delay has passed: per-key order holds even with many processes pulling
 * the same durable, and those processes share the partitions between them.
 */
export async function consumePartition(
  options: PartitionConsumerOptions,
): Promise<{ stop(): Promise<void> }> {
  const { group, logger } = options;
  const messages: ConsumerMessages = await options.consumer.consume({ max_messages: 256 });

  async function handle(msg: JsMsg): Promise<void> {
    const target = msg.headers?.get(targetGroupHeader);
    const event = msg.json<EventEnvelope>();
    if ((target && target !== group) || !matchesAny(options.topics, event.type)) {
      msg.ack();
      return;
    }
    const delivery = msg.info.deliveryCount;
    if (delivery > options.retry.maxDeliveries) {
      // Deliveries that never came back (crashes, ack timeouts) used up the allowance.
      await insertDeadLetter(
        options.db,
        group,
        event,
        {
          message: `not acknowledged after ${delivery - 1} deliveries`,
          code: 'BUS_MAX_DELIVERIES',
          category: 'timeout',
        },
        delivery - 1,
      );
      msg.ack();
      return;
    }
    const outcome = await runHandler(options.deps, group, options.handler, options.retry, event, delivery);
    switch (outcome.kind) {
      case 'ack':
        msg.ack();
        return;
      case 'retry':
        msg.nak(outcome.delayMs);
        return;
      case 'dead':
        await insertDeadLetter(options.db, group, event, outcome.error, delivery);
        // Acknowledged, not terminated: JetStream 2.9 redelivered a message terminated after a
        // delayed NAK once ack_wait passed (seen in testing), stalling its partition that long.
        msg.ack();
        return;
    }
  }

  const loop = (async () => {
    for await (const msg of messages) {
      try {
        await handle(msg);
      } catch (error) {
        // Bookkeeping failed (the dead-letter insert, a malformed body): leave the message
        // unacknowledged so it comes back after ack_wait.
        logger.error({ err: error, group, subject: msg.subject }, 'bus message handling failed');
      }
    }
  })();

  return {
    async stop() {
      // The message in hand finishes and is acknowledged before the loop ends.
      messages.stop();
      await loop;
    },
  };
}
