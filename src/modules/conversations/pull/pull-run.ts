import { isTransientPullError } from './pull.errors.js';
import type {
  PullContext,
  PullCursor,
  PulledRecording,
  PullWindow,
  RecordingSource,
  SkippedRecording,
} from './recording-source.types.js';

/** How far back each run looks and how far forward it may go. Minutes unless named otherwise. */
export interface PullSchedule {
  /** Each run re-scans this much before the cursor, for recordings the source lists late. Default 15. */
  readonly lookBackMinutes: number;
  /** The first run (no cursor) starts this long ago. Default 60. */
  readonly firstRunMinutes: number;
  /** A run covers at most this much past its start; a long outage is caught up run by run. Default 1440. */
  readonly maxWindowMinutes: number;
  /** The window ends this long before now: recorders finish writing a file after the call ends. Default 60 s. */
  readonly settleSeconds: number;
  /**
   * A recording still processing holds the cursor back (the next run starts before it) for at
   * most this long; past it, the cursor moves on and the run report names it. Default 1440.
   */
  readonly maxHoldBackMinutes: number;
}

export const DEFAULT_PULL_SCHEDULE: PullSchedule = {
  lookBackMinutes: 15,
  firstRunMinutes: 60,
  maxWindowMinutes: 1440,
  settleSeconds: 60,
  maxHoldBackMinutes: 1440,
};

const MINUTE = 60_000;

/** The window a run covers: from the cursor less the look-back (or the first-run span) to now less the settle time. */
export function pullWindow(cursor: PullCursor | null, now: Date, schedule: PullSchedule): PullWindow {
  const end = now.getTime() - schedule.settleSeconds * 1000;
  const cursorAt = cursor ? Date.parse(cursor.until) : Number.NaN;
  const since = Number.isNaN(cursorAt)
    ? end - schedule.firstRunMinutes * MINUTE
    : Math.min(cursorAt, end) - schedule.lookBackMinutes * MINUTE;
  const until = Math.max(
    since,
    Math.min(end, since + (schedule.lookBackMinutes + schedule.maxWindowMinutes) * MINUTE),
  );
  return { since: new Date(since), until: new Date(until) };
}

export interface PullFailure {
  readonly sourceRecordingId: string;
  readonly message: string;
  /** Transient failures hold the cursor back; terminal ones (a deleted file) are reported and passed. */
  readonly transient: boolean;
}

export interface PullReport {
  readonly source: string;
  readonly window: PullWindow;
  /** Store this; the next run starts from it. Equal to the old cursor when nothing could advance it. */
  readonly nextCursor: PullCursor;
  readonly accepted: number;
  readonly failed: readonly PullFailure[];
  readonly skipped: readonly SkippedRecording[];
  /** Set when a recording still processing older than maxHoldBackMinutes no longer holds the cursor. */
  readonly gaveUpWaitingSince: Date | null;
}

export interface RunPullInput {
  readonly source: RecordingSource;
  readonly ctx: PullContext;
  readonly cursor: PullCursor | null;
  readonly now: Date;
  readonly schedule?: Partial<PullSchedule>;
  /** The recordings ingest: stores the metadata and the audio (idempotent on source + sourceRecordingId). */
  readonly accept: (recording: PulledRecording) => Promise<void>;
}

/**
 * One timer run of one connector for one tenant: works out the window, hands every recording to
 * `accept`, and says where the next run starts. A terminal connector error (refused credentials,
 * a missing secret) is thrown before the cursor moves: the timer run fails with its message and
 * the next run retries the same window. A recording whose ingest failed transiently holds the
 * cursor at its start time, so the next run sees it again.
 */
export async function runPull(input: RunPullInput): Promise<PullReport> {
  const schedule = { ...DEFAULT_PULL_SCHEDULE, ...input.schedule };
  const window = pullWindow(input.cursor, input.now, schedule);
  const pass = input.source.pull(input.ctx, window);
  const failed: PullFailure[] = [];
  let accepted = 0;
  let holdBack: number = window.until.getTime();
  for await (const recording of pass) {
    try {
      await input.accept(recording);
      accepted++;
    } catch (error) {
      if (input.ctx.signal?.aborted) throw error;
      const transient = isTransientPullError(error);
      failed.push({
        sourceRecordingId: recording.metadata.sourceRecordingId,
        message: error instanceof Error ? error.message : String(error),
        transient,
      });
      if (transient) {
        const startedAt = recording.metadata.startedAt
          ? Date.parse(recording.metadata.startedAt)
          : Number.NaN;
        holdBack = Math.min(holdBack, Number.isNaN(startedAt) ? window.since.getTime() : startedAt);
      }
    }
  }
  let gaveUpWaitingSince: Date | null = null;
  const pending = pass.holdBackTo();
  if (pending) {
    if (pending.getTime() >= input.now.getTime() - schedule.maxHoldBackMinutes * MINUTE)
      holdBack = Math.min(holdBack, pending.getTime());
    else gaveUpWaitingSince = pending;
  }
  // The next window starts at the cursor less the look-back, so holding back to an instant puts
  // the cursor one look-back after it (never before the old cursor: the instant is in this window).
  const lookBack = schedule.lookBackMinutes * MINUTE;
  const end = window.until.getTime();
  const until = holdBack < end ? Math.min(end, Math.max(window.since.getTime(), holdBack) + lookBack) : end;
  return {
    source: input.source.name,
    window,
    nextCursor: { version: 1, until: new Date(until).toISOString() },
    accepted,
    failed,
    skipped: pass.skipped(),
    gaveUpWaitingSince,
  };
}
