/** What benchmarks and other modules' tests may use of metering. */
export { createUsageRecorder, type UsageFact, type UsageRecorder } from '../recording/usage.recorder.js';
export { createPerEventRecorder } from './per-event.recorder.js';
export { meteringMigrations } from '../db/migrations/index.js';
