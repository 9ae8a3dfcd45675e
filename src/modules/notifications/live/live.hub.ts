import pg from 'pg';
import { liveChannel } from '../inbox/inbox.repo.js';

interface WarnLogger {
  warn(details: object, message: string): void;
}

/**
 * Fans PostgreSQL notifications of `notifications_live` (payload `<tenant>|<usr_ id>`) out to that
 * user's open streams in this process, over one LISTEN connection opened with the first
 * subscriber. Every replica listens, so a notification committed anywhere reaches a stream held
 * anywhere; the signal carries no data (the stream reads the rows under the user's tenant).
 */
export interface LiveHub {
  subscribe(tenantId: string, userId: string, signal: () => void): Promise<() => void>;
  close(): Promise<void>;
}

export function createLiveHub(options: {
  readonly connectionString: string;
  readonly logger: WarnLogger;
  readonly reconnectMs?: number;
}): LiveHub {
  const { connectionString, logger, reconnectMs = 1_000 } = options;
  const feeds = new Map<string, Set<() => void>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const emit = (key: string) => {
    for (const signal of [...(feeds.get(key) ?? [])]) {
      try {
        signal();
      } catch (error) {
        logger.warn({ err: error }, 'a live notifications subscriber failed');
      }
    }
  };

  function lost(which: pg.Client, error: unknown): void {
    if (closed || client !== which) return;
    client = undefined;
    logger.warn({ err: error }, 'live notifications connection lost; reconnecting');
    void which.end().catch(() => undefined);
    retry ??= setTimeout(() => {
      retry = undefined;
      listen()
        // What was committed while nobody listened is read now: every stream looks again.
        .then(() => {
          for (const key of feeds.keys()) emit(key);
        })
        .catch((e: unknown) => lost(which, e));
    }, reconnectMs);
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString, application_name: 'switchboard-notifications-live' });
    next.on('notification', (message) => {
      if (message.channel === liveChannel && message.payload) emit(message.payload);
    });
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('connection ended')));
    try {
      await next.connect();
      await next.query(`LISTEN ${liveChannel}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) await next.end().catch(() => undefined);
    else client = next;
  }

  function listen(): Promise<void> {
    if (client) return Promise.resolve();
    connecting ??= connect().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  return {
    async subscribe(tenantId, userId, signal) {
      if (closed) throw new Error('the live notifications hub is closed');
      const key = `${tenantId}|${userId}`;
      let feed = feeds.get(key);
      if (!feed) feeds.set(key, (feed = new Set()));
      feed.add(signal);
      const remove = () => {
        const current = feeds.get(key);
        current?.delete(signal);
        if (current?.size === 0) feeds.delete(key);
      };
      try {
        await listen();
      } catch (error) {
        remove();
        throw error;
      }
      return remove;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      feeds.clear();
      await connecting?.catch(() => undefined);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
