import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createOrderLocks } from './order-lock.js';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('order locks (the Redis half of one writer per order)', () => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  afterAll(() => redis.quit());

  it('one holder at a time on a real Redis; released by its holder only', async () => {
    const locks = createOrderLocks(redis);
    const order = `test-${String(Date.now())}`;
    const first = await locks.take('tenant-a', order);
    expect(first.state).toBe('held');
    expect((await locks.take('tenant-a', order)).state).toBe('taken');
    // Another tenant's order of the same id is another lock.
    const other = await locks.take('tenant-b', order);
    expect(other.state).toBe('held');
    if (first.state === 'held') await first.release();
    const again = await locks.take('tenant-a', order);
    expect(again.state).toBe('held');
    if (again.state === 'held') await again.release();
    if (other.state === 'held') await other.release();
  });

  it('Redis unreachable: "unavailable", logged, so the row lock alone decides (order changes go on)', async () => {
    // Nothing listens on port 1: the client gives up on the command instead of hanging.
    const down = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    down.on('error', () => undefined);
    const warned: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => warned.push(args) } as never;
    const attempt = await createOrderLocks(down, logger).take('tenant-a', 'order-1');
    expect(attempt.state).toBe('unavailable');
    expect(warned).toHaveLength(1);
    down.disconnect();
  });

  it('no Redis configured: "unavailable" without a warning', async () => {
    expect((await createOrderLocks(undefined).take('tenant-a', 'order-1')).state).toBe('unavailable');
  });
});
