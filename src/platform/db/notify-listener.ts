import pg from 'pg';
import type { Logger } from '../telemetry/index.js';
import type { Database } from './database.js';

/*
 * A process-local cache that another replica's write must reach: the writer sends a NOTIFY inside
 * its transaction (delivered on commit, never for a rollback) and every replica LISTENs on a
 * connection of its own. A replica caches nothing until it listens, and drops everything when the
 * connection was lost (notifications sent meanwhile are gone). Used by the catalog cache (without
 * Redis) and the subject-key cache (erasure).
 */

export interface NotifyListener {
  /** Whether this replica listens (and may cache); starts listening when it does not. */
  ensure(): boolean;
  /** Resolves once this replica listens (tests). */
  ready(): Promise<void>;
}

/** One LISTEN connection, opened on first use; closes itself once the platform's pools have ended. */
export function createNotifyListener(
  database: Database,
  logger: Logger,
  on: {
    /** The channel to LISTEN on: a fixed identifier, never input. */
    readonly channel: string;
    /** What the listener is for, in the log and as the connection's application_name. */
    readonly name: string;
    message(payload: string): void;
    lost(): void;
  },
): NotifyListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(on.channel)) throw new Error(`not a channel name: ${on.channel}`);
  let client: pg.Client | undefined;
  let listening = false;
  let connecting: Promise<void> | undefined;
  let watch: NodeJS.Timeout | undefined;
  const ended = () => database.pools.owner.ended;

  const stop = () => {
    listening = false;
    if (watch) clearInterval(watch);
    watch = undefined;
    const current = client;
    client = undefined;
    void current?.end().catch(() => undefined);
  };

  const connect = async () => {
    const next = new pg.Client({
      connectionString: database.ownerUrl,
      application_name: `switchboard-${on.name.replaceAll(' ', '-')}`,
    });
    next.on('notification', (message) => {
      if (message.channel === on.channel) on.message(message.payload ?? '');
    });
    next.on('error', (error) => {
      if (client !== next) return;
      listening = false;
      on.lost();
      client = undefined;
      void next.end().catch(() => undefined);
      if (!ended())
        logger.warn({ err: error }, `${on.name} listener lost its connection; reconnecting on next use`);
      connecting = undefined;
    });
    await next.connect();
    await next.query(`LISTEN ${on.channel}`);
    if (ended()) {
      await next.end();
      return;
    }
    client = next;
    listening = true;
    // The kernel gives modules no close hook: the listener follows the database's pools.
    watch ??= setInterval(() => {
      if (ended()) stop();
    }, 500);
    watch.unref();
  };

  return {
    /** Whether this replica listens (and may cache); starts listening when it does not. */
    ensure(): boolean {
      if (listening) return true;
      if (!connecting && !ended()) {
        connecting = connect().catch((error: unknown) => {
          connecting = undefined;
          logger.warn({ err: error }, `${on.name} listener could not connect; caching is off until it does`);
        });
      }
      return false;
    },
    async ready() {
      this.ensure();
      await connecting;
    },
  };
}
