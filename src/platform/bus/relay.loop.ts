import type { Logger } from '../telemetry/index.js';
import type { WakeSignal } from './wake.signal.js';

export interface RelayLoop {
  stop(): Promise<void>;
}

/**
 * Drives a relay step: runs it while it reports a full batch, then sleeps until woken by the
 * outbox notification (or the fallback poll, which covers a lost notification). A step returns
 * how many rows it moved, or 'busy' when another process holds the relay lock.
 */
export function startRelayLoop(options: {
  step: () => Promise<number | 'busy'>;
  batchSize: number;
  signal: WakeSignal;
  pollMs: number;
  logger: Logger;
  name: string;
}): RelayLoop {
  let stopped = false;
  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      try {
        const moved = await options.step();
        failures = 0;
        if (moved === options.batchSize) continue;
        // When another relay holds the lock it drains the outbox; we look again when woken.
        await options.signal.wait(options.pollMs);
      } catch (error) {
        failures++;
        options.logger.error({ err: error, relay: options.name }, 'bus relay step failed');
        await options.signal.wait(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      options.signal.wake();
      await loop;
    },
  };
}
