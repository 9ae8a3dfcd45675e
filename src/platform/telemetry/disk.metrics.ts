import { statfs } from 'node:fs/promises';
import { Gauge, type Registry } from 'prom-client';

/** A folder Switchboard writes to, named by what it holds. */
export interface WatchedVolume {
  /** `data` (the data dir: embedded PostgreSQL, keys, spools) or `objects` (a filesystem object store). */
  readonly volume: string;
  readonly path: string;
}

/**
 * Free and total bytes of the file systems under the data dir and a filesystem object store, read
 * with statfs on each scrape, for the disk alert. Free is what an unprivileged process may still
 * write (`bavail`), which is what Switchboard runs as. A folder that does not exist (yet) is left
 * out of the scrape rather than reported as full.
 */
export function registerDiskMetrics(registry: Registry, volumes: readonly WatchedVolume[]): void {
  const read = async () =>
    (
      await Promise.all(
        volumes.map(async ({ volume, path }) => {
          const stats = await statfs(path).catch(() => undefined);
          return stats
            ? [{ volume, free: stats.bavail * stats.bsize, size: stats.blocks * stats.bsize }]
            : [];
        }),
      )
    ).flat();
  new Gauge({
    name: 'switchboard_data_dir_free_bytes',
    help: 'Bytes still free for Switchboard on the file system of the data dir (volume=data) and of a filesystem object store (volume=objects)',
    labelNames: ['volume'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await read()) this.set({ volume: row.volume }, row.free);
    },
  });
  new Gauge({
    name: 'switchboard_data_dir_size_bytes',
    help: 'Size in bytes of the file system of the data dir (volume=data) and of a filesystem object store (volume=objects)',
    labelNames: ['volume'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await read()) this.set({ volume: row.volume }, row.size);
    },
  });
}
