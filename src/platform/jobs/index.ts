export { jobsMigrations } from './jobs.migrations.js';
export { createJobsMetrics, type JobsMetrics } from './jobs.metrics.js';
export { createLeaderLease, type LeaderLease } from './leader.lease.js';
export { startTimerScheduler, type TimerScheduler, type TimerSchedulerOptions } from './timer.scheduler.js';
export {
  objectCreatedEventType,
  type EventTrigger,
  type JobTrigger,
  type MissedRunPolicy,
  type ModuleJobs,
  type ObjectCreatedData,
  type ObjectCreatedTrigger,
  type TimerRun,
  type TimerTrigger,
} from './triggers.types.js';
export type {
  StepOptions,
  WorkflowContext,
  WorkflowRef,
  WorkflowRun,
  WorkflowState,
  WorkflowStatus,
  Workflows,
} from './workflows.types.js';
export {
  createDbosWorkflows,
  migrateWorkflowStore,
  workflowStoreMigrations,
  workflowQueueName,
  type DbosWorkflowsOptions,
} from './dbos.workflows.js';
export {
  createWorkerRuntime,
  declareModuleGroups,
  type WorkerRuntime,
  type WorkerRuntimeDeps,
  type WorkerRuntimeOptions,
} from './worker.runtime.js';
