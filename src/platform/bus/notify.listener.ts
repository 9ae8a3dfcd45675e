import pg from 'pg';
import type { Logger } from '../telemetry/index.js';

/**
 * One LISTEN connection per bus instance, shared by the relay and every consumer. LISTEN needs a
 * session of its own (a pooled connection would lose it). On reconnect every listener is woken,
 * since notifications sent while disconnected are lost. A listener gets the notification's payload
 * (undefined when woken by a reconnect).
 */
export interface NotifyListener {
  on(channel: string, wake: (payload?: string) => void): () => void;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createNotifyListener(
  url: string,
  channels: readonly string[],
  logger: Logger,
): NotifyListener {
  const listeners = new Map<string, Set<(payload?: string) => void>>();
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const wakeAll = () => {
    for (const set of listeners.values()) for (const wake of set) wake();
  };

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url, application_name: 'switchboard-bus-listen' });
    next.on('notification', (message) => {
      for (const wake of listeners.get(message.channel) ?? []) wake(message.payload);
    });
    next.on('error', (error) => {
      if (closed) return;
      logger.warn({ err: error }, 'bus notification connection failed; reconnecting');
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      scheduleReconnect();
    });
    await next.connect();
    for (const channel of channels) await next.query(`LISTEN ${channel}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    wakeAll();
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().catch((error: unknown) => {
        logger.warn({ err: error }, 'bus notification reconnect failed');
        scheduleReconnect();
      });
    }, 1_000);
  }

  return {
    on(channel, wake) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(wake);
      return () => set.delete(wake);
    },
    start: connect,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
