import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchPublisher, targetGroupHeader } from '../../src/platform/bus/nats/nats.relay.js';

const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const prefix = `t${randomBytes(4).toString('hex')}`;
const stream = `${prefix.toUpperCase()}_PUB`;

describe('the JetStream relay’s batch publisher', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nc = await connect({ servers: natsUrl });
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({
      name: stream,
      subjects: [`${prefix}.>`],
      storage: StorageType.File,
      duplicate_window: 60_000_000_000,
    });
  });

  afterAll(async () => {
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  const message = (n: number, msgID = `${prefix}-${n}`, targetGroup: string | null = null) => ({
    subject: `${prefix}.p${String(n % 4).padStart(2, '0')}.pub.v1`,
    body: JSON.stringify({ n }),
    msgID,
    targetGroup,
  });

  it('resolves a batch once every message is stored, in order, deduplicated by Nats-Msg-Id', async () => {
    const publisher = createBatchPublisher(nc, 10_000);
    try {
      await publisher.publish(Array.from({ length: 300 }, (_, n) => message(n)));
      // The same ids again (a relay that crashed before deleting its rows): dropped as copies.
      await publisher.publish(Array.from({ length: 300 }, (_, n) => message(n)));
      await publisher.publish([message(300, `${prefix}-replay`, 'some-group')]);
      await publisher.publish([]);
    } finally {
      publisher.close();
    }
    const info = await jsm.streams.info(stream);
    expect(info.state.messages).toBe(301);
    const first = await jsm.streams.getMessage(stream, { seq: info.state.first_seq });
    expect(first?.json<{ n: number }>().n).toBe(0);
    const last = await jsm.streams.getMessage(stream, { seq: info.state.last_seq });
    expect(last?.json<{ n: number }>().n).toBe(300);
    expect(last?.header.get('Nats-Msg-Id')).toBe(`${prefix}-replay`);
    expect(last?.header.get(targetGroupHeader)).toBe('some-group');
  });

  it('rejects a batch that JetStream does not store (no stream for the subject)', async () => {
    const publisher = createBatchPublisher(nc, 10_000);
    try {
      await expect(
        publisher.publish([
          message(1),
          { subject: `${prefix}x.p00.nowhere.v1`, body: '{}', msgID: `${prefix}-nowhere`, targetGroup: null },
        ]),
      ).rejects.toThrow(/JetStream publish failed/);
      // The publisher keeps working for the next batch.
      await publisher.publish([message(400)]);
    } finally {
      publisher.close();
    }
  });

  it('rejects what is still waiting when closed', async () => {
    const publisher = createBatchPublisher(nc, 10_000);
    const pending = publisher.publish(Array.from({ length: 50 }, (_, n) => message(500 + n)));
    publisher.close();
    await expect(pending).rejects.toThrow(/closed/);
  });
});
