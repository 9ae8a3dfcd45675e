import { Counter, Histogram, type Registry } from '../telemetry/index.js';

/**
 * What the timers and the workflow engine count, in the process that runs them (a worker, or
 * `start`): scrape workers' ops endpoints. Labels are names written in the code (a timer's job
 * name, a workflow's name), a handful each; step names are left out because some are made per
 * run (`batch-12` of a re-score). A timer's name goes in the label `timer`, not `job`, which
 * Prometheus gives the scrape job.
 */
export interface JobsMetrics {
  timerRun(timer: string, outcome: 'succeeded' | 'failed', seconds: number): void;
  /** An execution of a workflow began in this process (a run resumed after a crash begins again). */
  workflowStarted(workflow: string): void;
  workflowFinished(workflow: string, outcome: 'succeeded' | 'failed'): void;
  /** One attempt of a step that ran (a step replayed from its record after a crash does not run). */
  stepRan(workflow: string, outcome: 'succeeded' | 'failed', seconds: number): void;
}

const durationBuckets = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

export function createJobsMetrics(registry: Registry): JobsMetrics {
  const timerRuns = new Counter({
    name: 'timer_runs_total',
    help: 'Timer (cron) runs finished by this process, by timer (its job name) and outcome (succeeded, failed)',
    labelNames: ['timer', 'outcome'] as const,
    registers: [registry],
  });
  const timerDuration = new Histogram({
    name: 'timer_run_duration_seconds',
    help: 'How long a timer run took, by timer (its job name)',
    labelNames: ['timer'] as const,
    buckets: durationBuckets,
    registers: [registry],
  });
  const workflowsStarted = new Counter({
    name: 'workflow_runs_started_total',
    help: 'Workflow executions begun by this process, by workflow (a run resumed after a crash counts again)',
    labelNames: ['workflow'] as const,
    registers: [registry],
  });
  const workflowsFinished = new Counter({
    name: 'workflow_runs_finished_total',
    help: 'Workflow runs that ended in this process, by workflow and outcome (succeeded, failed)',
    labelNames: ['workflow', 'outcome'] as const,
    registers: [registry],
  });
  const steps = new Counter({
    name: 'workflow_steps_total',
    help: 'Workflow step attempts run by this process, by workflow and outcome (succeeded, failed: retried or the end of the run)',
    labelNames: ['workflow', 'outcome'] as const,
    registers: [registry],
  });
  const stepDuration = new Histogram({
    name: 'workflow_step_duration_seconds',
    help: 'How long one attempt of a workflow step took, by workflow',
    labelNames: ['workflow'] as const,
    buckets: durationBuckets,
    registers: [registry],
  });
  return {
    timerRun(timer, outcome, seconds) {
      timerRuns.inc({ timer, outcome });
      timerDuration.observe({ timer }, seconds);
    },
    workflowStarted: (workflow) => workflowsStarted.inc({ workflow }),
    workflowFinished: (workflow, outcome) => workflowsFinished.inc({ workflow, outcome }),
    stepRan(workflow, outcome, seconds) {
      steps.inc({ workflow, outcome });
      stepDuration.observe({ workflow }, seconds);
    },
  };
}

/** Seconds since a `performance.now()` reading. */
export const secondsSince = (started: number): number => (performance.now() - started) / 1000;
