/**
 * Group commit: callers that arrive while a write is in flight are queued and written together
 * by the next write, so a high-rate publisher pays one commit per batch, not one per call.
 */
export interface GroupCommitter<T> {
  add(items: readonly T[]): Promise<void>;
  /** Waits for queued items to be written. */
  drain(): Promise<void>;
}

export function createGroupCommitter<T>(
  write: (items: T[]) => Promise<void>,
  maxBatch = 5_000,
): GroupCommitter<T> {
  interface Waiting {
    items: readonly T[];
    resolve: () => void;
    reject: (error: unknown) => void;
  }
  const queue: Waiting[] = [];
  let running: Promise<void> | undefined;

  async function flushLoop(): Promise<void> {
    while (queue.length > 0) {
      const batch: Waiting[] = [];
      let size = 0;
      while (queue.length > 0 && (batch.length === 0 || size + (queue[0]?.items.length ?? 0) <= maxBatch)) {
        const next = queue.shift();
        if (!next) break;
        batch.push(next);
        size += next.items.length;
      }
      try {
        await write(batch.flatMap((w) => w.items));
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
  }

  function kick(): Promise<void> {
    running ??= flushLoop().finally(() => {
      running = undefined;
      if (queue.length > 0) void kick();
    });
    return running;
  }

  return {
    add(items) {
      if (items.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        void kick();
      });
    },
    async drain() {
      while (running) await running;
    },
  };
}
