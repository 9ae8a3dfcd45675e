/*
 * How the benchmarks time one piece of work: the best of some rounds, in wall and CPU seconds
 * (CPU is what other load on a shared machine does not inflate), optionally with the growth of
 * resident memory.
 */

export interface Measured {
  /** Wall seconds (best round). */
  readonly seconds: number;
  /** CPU seconds of this process in that round (user + system). */
  readonly cpu: number;
  /** The largest growth of resident memory over any round, in MiB (0 unless `memory` was asked for). */
  readonly rssMb: number;
}

/** Runs `run` `rounds` times (a GC first, where `--expose-gc` allows) and keeps the fastest round. */
export async function bestOf(
  rounds: number,
  run: () => Promise<unknown> | void,
  options: { memory?: boolean } = {},
): Promise<Measured> {
  let best = Number.POSITIVE_INFINITY;
  let cpu = 0;
  let rssGrowth = 0;
  for (let r = 0; r < rounds; r++) {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler =
      options.memory === true
        ? setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
        : undefined;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await run();
    const seconds = (performance.now() - started) / 1000;
    if (seconds < best) {
      best = seconds;
      const used = process.cpuUsage(cpuBefore);
      cpu = (used.user + used.system) / 1e6;
    }
    if (sampler !== undefined) {
      clearInterval(sampler);
      rssGrowth = Math.max(rssGrowth, Math.max(peak, process.memoryUsage().rss) - before);
    }
  }
  return { seconds: best, cpu, rssMb: rssGrowth / 2 ** 20 };
}
