import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { createBus } from '../../src/platform/bus/index.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import { describeBusContract } from './bus.contract.js';

const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
// Unique subjects and streams per run, so parallel runs on one server never meet.
const prefix = `t${randomBytes(4).toString('hex')}`;

describeBusContract('NATS JetStream adapter', async ({ database, metrics }) => {
  const bus = await createBus(
    { natsUrl, nats: { prefix, ackWaitMs: 2_000, pollMs: 500 } },
    {
      database,
      metrics,
      logger: createLogger({ level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent' }),
    },
  );
  return {
    bus,
    childEnv: { NATS_URL: natsUrl, BUS_PREFIX: prefix, ACK_WAIT_MS: '2000' },
    awaitMembers: () => Promise.resolve(),
    async cleanup() {
      await bus.close();
      const nc = await connect({ servers: natsUrl });
      const jsm = await jetstreamManager(nc);
      for await (const stream of jsm.streams.list()) {
        if (stream.config.name.startsWith(prefix.toUpperCase())) await jsm.streams.delete(stream.config.name);
      }
      await nc.close();
    },
  };
});
