import type { Platform } from './platform.js';

/**
 * Keeps a platform running until SIGTERM or SIGINT, then shuts down in order: stop accepting
 * connections and let in-flight requests finish, stop workers, close pools, stop the embedded
 * database. If that takes longer than the configured timeout, exit anyway with status 1; a second
 * signal exits at once.
 */
export function stopOnSignals(
  platform: Platform,
  onStopped: (code: number) => void = (code) => process.exit(code),
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      platform.logger.warn({ signal }, 'second signal: exiting without waiting');
      onStopped(1);
      return;
    }
    stopping = true;
    const timeoutMs = platform.config.shutdownTimeoutMs;
    platform.logger.info({ signal, timeoutMs }, 'shutting down');
    const timer = setTimeout(() => {
      platform.logger.error({ timeoutMs }, 'shutdown timed out; exiting');
      onStopped(1);
    }, timeoutMs);
    timer.unref();
    platform.close().then(
      () => {
        clearTimeout(timer);
        platform.logger.info('stopped');
        onStopped(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        platform.logger.error({ err: error }, 'shutdown failed');
        onStopped(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
