import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../../platform/telemetry/index.js';

const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** A holder that died keeps an order for at most this long. */
export const ORDER_LOCK_TTL_MS = 15_000;

/** What a lock attempt found: held (release it after), taken by another writer, or Redis unreachable. */
export type OrderLockAttempt =
  | { readonly state: 'held'; release(): Promise<void> }
  | { readonly state: 'taken' }
  | { readonly state: 'unavailable' };

/**
 * The Redis half of "one writer at a time per order" (SET NX PX, released by token). The other
 * half, the order row under `SELECT … FOR UPDATE NOWAIT`, is what guarantees it; the Redis lock
 * turns a second writer away before it opens a transaction. So Redis being down must not stop
 * order changes: an unreachable Redis answers `unavailable`, logged, and the row lock alone decides.
 */
export function createOrderLocks(redis: Pick<Redis, 'set' | 'eval'> | undefined, logger?: Logger) {
  return {
    async take(tenantId: string, orderUuid: string): Promise<OrderLockAttempt> {
      if (!redis) return { state: 'unavailable' };
      const key = `orders:lock:${tenantId}:${orderUuid}`;
      const token = randomUUID();
      let answer: string | null;
      try {
        answer = await redis.set(key, token, 'PX', ORDER_LOCK_TTL_MS, 'NX');
      } catch (error) {
        logger?.warn(
          { err: error, orderId: orderUuid },
          'orders: Redis is unreachable; the order row lock alone keeps one writer at a time',
        );
        return { state: 'unavailable' };
      }
      if (answer !== 'OK') return { state: 'taken' };
      return {
        state: 'held',
        release: async () => {
          await redis.eval(RELEASE_LOCK, 1, key, token).catch(() => undefined);
        },
      };
    },
  };
}
