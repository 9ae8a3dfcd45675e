import type pg from 'pg';
import type { Logger } from '../telemetry/index.js';

export interface PoolLifecycle {
  /** Marks the pool as closing: errors of its connections from now on are expected. */
  closing(): void;
  /** Resolves once every connection the pool ever opened has closed its socket (bounded). */
  closed(): Promise<void>;
}

/**
 * Watches a pool's connections so it can be closed cleanly. `pool.end()` resolves when it has
 * *asked* every connection to end, not when they have: stopping the embedded PostgreSQL right
 * after it had the server terminate connections still open, and each one then failed with
 * "terminating connection due to administrator command", logged at error level on every clean
 * stop. Waiting for the sockets to close first removes that race.
 *
 * It also logs idle-connection errors itself: message and code only (pg-pool hands over the whole
 * client with the error), at error level while the pool is in use and at debug once it is closing.
 *
 * And it keeps an error listener on every connection for its whole life. pg-pool listens only while
 * a connection is idle: one that PostgreSQL ends while it is checked out but between two queries
 * (a transaction awaiting other work, at a failover, `pg_terminate_backend` or
 * `idle_in_transaction_session_timeout`) emitted 'error' with no listener, an uncaught exception
 * that ends the process. With the listener, the holder's next query fails instead ("not
 * queryable"), and the pool discards the connection when it is released.
 */
export function watchPool(pool: pg.Pool, logger: Logger, what: string): PoolLifecycle {
  const open = new Set<Promise<void>>();
  let isClosing = false;
  pool.on('connect', (client) => {
    client.on('error', (error: Error & { code?: string }) => {
      logger.debug(
        { err: { message: error.message, code: error.code }, pool: what },
        'database connection ended by the server',
      );
    });
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    open.add(ended);
    void ended.then(() => open.delete(ended));
  });
  pool.on('error', (error: Error & { code?: string }) => {
    const err = { message: error.message, code: error.code };
    if (isClosing) logger.debug({ err, pool: what }, 'database connection closed while the pool was closing');
    else logger.error({ err, pool: what }, 'idle database connection failed');
  });
  return {
    closing() {
      isClosing = true;
    },
    async closed() {
      // A socket that never reports its end must not hold shutdown: PostgreSQL closes it anyway.
      const bound = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
      await Promise.race([Promise.all(open), bound]);
    },
  };
}
