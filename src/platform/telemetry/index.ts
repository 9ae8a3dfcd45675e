export {
  createLogger,
  redactedFieldNames,
  redactPathsFor,
  type Logger,
  type LoggerSettings,
} from './logger.js';
export { createMetricsRegistry, Counter, Gauge, Histogram, type Registry } from './metrics.js';
export { registerDiskMetrics, type WatchedVolume } from './disk.metrics.js';
