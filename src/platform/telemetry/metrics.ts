import { Registry, collectDefaultMetrics } from 'prom-client';

export { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * One Prometheus registry per platform instance (not the library's global one), so that tests
 * can build several apps in one process without "metric already registered" errors.
 */
export function createMetricsRegistry(options: { collectProcessMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.collectProcessMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
