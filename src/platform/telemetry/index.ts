export {
  createLogger,
  redactedFieldNames,
  redactPathsFor,
  type Logger,
  type LoggerSettings,
} from './logger.js';
export { createMetricsRegistry, Counter, Gauge, Histogram, type Registry } from './metrics.js';
export {
  activeSpan,
  contextFromCarrier,
  currentTraceparent,
  inChildSpan,
  inRootSpan,
  isTracingEnabled,
  recordFailure,
  startTracing,
  traceLogFields,
  tracer,
  tracingRequested,
  type Tracing,
  type TracingOptions,
} from './tracing.js';
export { registerDiskMetrics, type WatchedVolume } from './disk.metrics.js';
