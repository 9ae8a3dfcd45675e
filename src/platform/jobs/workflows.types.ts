/**
 * Durable workflows: multi-step work that survives a crash and resumes after the last completed
 * step. Implemented on DBOS Transact (see docs/workflows.md); modules see only this interface.
 *
 * Workflow code must be deterministic outside steps: anything with side effects or that reads
 * the outside world (time, random, network, the database) goes in a step, whose result is
 * recorded and replayed on recovery.
 */
export interface StepOptions {
  /** Further attempts after the first failure (default 0: no retry). */
  readonly retries?: number;
  /** Wait before the first retry (default 1000 ms), multiplied by backoffFactor after each. */
  readonly initialBackoffMs?: number;
  readonly backoffFactor?: number;
}

/** A defined workflow, to start by reference (keeps input and output types). */
export interface WorkflowRef<I, O> {
  readonly name: string;
  /** Phantom fields for type inference only. */
  readonly __types?: { input: I; output: O };
}

export interface WorkflowRun<O> {
  readonly id: string;
  /** Waits for the workflow to finish; rejects with its error if it failed. */
  result(): Promise<O>;
}

export interface WorkflowContext {
  readonly workflowId: string;
  /** Runs `fn` once; after a crash its recorded result is returned without running it again. */
  step<T>(name: string, fn: () => Promise<T>, options?: StepOptions): Promise<T>;
  /** Starts a child workflow (fan-out); await `result()` of several for fan-in. */
  startChild<I, O>(workflow: WorkflowRef<I, O>, input: I): Promise<WorkflowRun<O>>;
  /**
   * Waits for a message sent with `Workflows.send(id, topic, message)` (a human approval, a
   * callback); undefined when none came within the timeout. The wait itself is durable.
   */
  waitForMessage<T>(topic: string, timeoutMs: number): Promise<T | undefined>;
  /** Publishes a value readers can poll with `Workflows.progress` (e.g. a status URL). */
  setProgress(key: string, value: unknown): Promise<void>;
  /** Durable sleep: a restart does not start the wait over. */
  sleep(ms: number): Promise<void>;
}

export type WorkflowStatus = 'enqueued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface WorkflowState {
  readonly id: string;
  readonly name: string;
  readonly status: WorkflowStatus;
  readonly output: unknown;
  readonly error: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date | undefined;
}

export interface Workflows {
  /** Registers a workflow; in every process, before `launch`. */
  define<I, O>(name: string, fn: (ctx: WorkflowContext, input: I) => Promise<O>): WorkflowRef<I, O>;
  /** Connects; an executor also resumes its own unfinished workflows and starts taking queued ones. */
  launch(): Promise<void>;
  /**
   * Queues a run; any worker picks it up. Starting again with the same id returns the same run
   * (idempotent starts, e.g. keyed by the triggering event id).
   */
  start<I, O>(workflow: WorkflowRef<I, O>, input: I, options?: { id?: string }): Promise<WorkflowRun<O>>;
  status(id: string): Promise<WorkflowState | undefined>;
  /** Delivers a message to a waiting workflow (`ctx.waitForMessage`). */
  send(id: string, topic: string, message: unknown): Promise<void>;
  /** The latest value a workflow published with `ctx.setProgress`, waiting up to timeoutMs for one. */
  progress<T>(id: string, key: string, timeoutMs?: number): Promise<T | undefined>;
  /**
   * Re-queues the unfinished workflows of executors that stopped (crashed) so live workers take
   * them over. The worker runtime calls this for executors whose heartbeat stopped.
   */
  takeOver(executorIds: readonly string[]): Promise<string[]>;
  readonly executorId: string;
  shutdown(): Promise<void>;
}
