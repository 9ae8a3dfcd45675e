import type { EventContext, EventHandler, RetryPolicy } from '../bus/index.js';

/** Runs when an event of the topics is published; one of the group's consumers handles each. */
export interface EventTrigger<D = unknown> {
  readonly group: string;
  readonly topics: readonly string[];
  readonly handle: EventHandler<D>;
  readonly retry?: Partial<RetryPolicy>;
}

/** What to do with cron slots that passed while no scheduler ran (downtime, deploys). */
export type MissedRunPolicy =
  /** Run once for the latest missed slot (the default: catch up without a burst). */
  | 'run-once'
  /** Skip them all and wait for the next slot. */
  | 'skip';

export interface TimerRun {
  readonly runId: string;
  /** The cron slot this run is for (UTC). */
  readonly scheduledFor: Date;
  /** Slots passed over just before this run by the missed-run policy. */
  readonly missedSlots: number;
}

/** A cron trigger (UTC, 5 or 6 fields, seconds first when 6), run by one replica at a time. */
export interface TimerTrigger {
  readonly kind: 'timer';
  readonly name: string;
  readonly cron: string;
  readonly missed?: MissedRunPolicy;
  run(run: TimerRun): Promise<void>;
}

/** The event the object store publishes when an object is written. */
export const objectCreatedEventType = 'objects.object.created.v1';

export interface ObjectCreatedData {
  readonly key: string;
  readonly size: number;
  readonly contentType?: string | undefined;
  readonly sha256?: string | undefined;
}

/** Runs for each object written under `prefix` (delivered through the bus, so retried and dead-lettered like any handler). */
export interface ObjectCreatedTrigger {
  readonly kind: 'object-created';
  readonly group: string;
  /** Object key prefix, e.g. `recordings/`. */
  readonly prefix: string;
  readonly retry?: Partial<RetryPolicy>;
  handle(ctx: EventContext, object: ObjectCreatedData): Promise<void>;
}

export type JobTrigger = TimerTrigger | ObjectCreatedTrigger;

/** What a module's factory gives the worker runtime, beside its routes. */
export interface ModuleJobs {
  readonly handlers?: readonly EventTrigger[];
  readonly jobs?: readonly JobTrigger[];
}
