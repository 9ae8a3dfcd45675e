import pg from 'pg';

interface WarnLogger {
  warn(details: object, message: string): void;
}

/**
 * Fans PostgreSQL notifications of a channel whose payload is a tenant id out to that tenant's
 * subscribers, over one LISTEN connection (a pooled connection would lose the LISTEN), opened
 * with the first subscriber. Each tenant's subscribers hear at most one signal per
 * `minIntervalMs`: a burst of ingest batches becomes one signal now and one at the end of the
 * interval, never none.
 */
export interface CallsLiveHub {
  /**
   * Resolves once listening (rejects when the database cannot be reached); returns the unsubscribe.
   * `channel` is one of the hub's channels, the first by default.
   */
  subscribe(tenantId: string, signal: () => void, channel?: string): Promise<() => void>;
  /** Subscribers now, for tests and metrics. */
  readonly subscribers: number;
  close(): Promise<void>;
}

export interface CallsLiveHubOptions {
  readonly connectionString: string;
  /** Channels listened to on the one connection; each tenant's signals are per channel. */
  readonly channels: readonly [string, ...string[]];
  readonly logger: WarnLogger;
  readonly minIntervalMs?: number;
  readonly reconnectMs?: number;
}

interface TenantFeed {
  readonly signals: Set<() => void>;
  lastSignalAt: number;
  timer: NodeJS.Timeout | undefined;
}

const channelPattern = /^[a-z_][a-z0-9_]*$/;

export function createCallsLiveHub(options: CallsLiveHubOptions): CallsLiveHub {
  const { connectionString, channels, logger, minIntervalMs = 1_000, reconnectMs = 1_000 } = options;
  for (const channel of channels)
    if (!channelPattern.test(channel)) throw new Error(`not a channel name: ${channel}`);
  const feedKey = (channel: string, tenantId: string) => `${channel}\u0000${tenantId}`;
  const feeds = new Map<string, TenantFeed>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;
  let connectedBefore = false;

  function emit(feed: TenantFeed): void {
    feed.lastSignalAt = Date.now();
    for (const signal of [...feed.signals]) {
      try {
        signal();
      } catch (error) {
        logger.warn({ err: error }, 'a live calls subscriber failed');
      }
    }
  }

  function wake(key: string): void {
    const feed = feeds.get(key);
    if (!feed || feed.timer) return;
    const wait = feed.lastSignalAt + minIntervalMs - Date.now();
    if (wait <= 0) {
      emit(feed);
      return;
    }
    feed.timer = setTimeout(() => {
      feed.timer = undefined;
      emit(feed);
    }, wait);
  }

  function lost(which: pg.Client, error: unknown): void {
    if (closed || client !== which) return;
    client = undefined;
    logger.warn({ err: error }, 'live calls notification connection lost; reconnecting');
    void which.end().catch(() => undefined);
    scheduleReconnect();
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString, application_name: 'switchboard-calls-live' });
    next.on('notification', (message) => {
      if (channels.includes(message.channel) && message.payload)
        wake(feedKey(message.channel, message.payload));
    });
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('connection ended')));
    try {
      await next.connect();
      for (const channel of channels) await next.query(`LISTEN ${channel}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    const reconnected = connectedBefore;
    connectedBefore = true;
    client = next;
    // Notifications sent while disconnected are lost: whoever was listening looks again.
    if (reconnected) for (const key of feeds.keys()) wake(key);
  }

  function listen(): Promise<void> {
    if (client) return Promise.resolve();
    connecting ??= connect().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      listen().catch((error: unknown) => {
        logger.warn({ err: error }, 'live calls notification reconnect failed');
        scheduleReconnect();
      });
    }, reconnectMs);
  }

  function remove(key: string, signal: () => void): void {
    const feed = feeds.get(key);
    if (!feed) return;
    feed.signals.delete(signal);
    if (feed.signals.size === 0) {
      if (feed.timer) clearTimeout(feed.timer);
      feeds.delete(key);
    }
  }

  return {
    async subscribe(tenantId, signal, channel = channels[0]) {
      if (closed) throw new Error('the live calls hub is closed');
      if (!channels.includes(channel)) throw new Error(`the hub does not listen on ${channel}`);
      const key = feedKey(channel, tenantId);
      let feed = feeds.get(key);
      if (!feed) feeds.set(key, (feed = { signals: new Set(), lastSignalAt: 0, timer: undefined }));
      feed.signals.add(signal);
      // While a reconnect is pending the subscriber simply waits for it, like everyone else.
      if (!retryTimer) {
        try {
          await listen();
        } catch (error) {
          remove(key, signal);
          throw error;
        }
      }
      return () => remove(key, signal);
    },
    get subscribers() {
      let count = 0;
      for (const feed of feeds.values()) count += feed.signals.size;
      return count;
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
      for (const feed of feeds.values()) if (feed.timer) clearTimeout(feed.timer);
      feeds.clear();
      await connecting?.catch(() => undefined);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
