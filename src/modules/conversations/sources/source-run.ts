import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { newUuid } from '../../../platform/ids.js';
import { createLeaderLease, type LeaderLease } from '../../../platform/jobs/index.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { RecordingsService } from '../contract.js';
import type { ConversationsTables, SourceRunTrigger } from '../db/conversations.tables.js';
import {
  createRecordingSource,
  pullWindow,
  runPull,
  type PulledRecording,
  type PullFailure,
  type PullHttpOptions,
  type RecordingSource,
} from '../pull/index.js';
import { toRecordingMetadata } from './pulled-metadata.js';
import {
  abandonStaleRuns,
  findCursor,
  finishRun,
  insertRun,
  noteRun,
  pruneRuns,
  saveCursor,
  type RunRow,
  type SourceRow,
} from './recording-sources.repo.js';
import { connectorConfigOf, pullScheduleOf } from './source-config.js';

/*
 * One run of one source: the lease, the run row, runPull over the window the cursor gives, every
 * recording into the same intake as uploads, then the cursor and the report. A run never throws
 * for what the remote system did: a refused credential or an unreachable recorder ends the run
 * `failed` with the reason on the run and the source, and leaves the cursor where it was.
 *
 * One run per source at a time, across processes: the run holds the platform's lease named after
 * the source (jobs.leases, the same mechanism that keeps timers on one replica), renewed while it
 * runs. A process that dies mid-run lets it lapse; the next run marks its row abandoned.
 */

export interface SourceRunDeps {
  readonly database: Database;
  readonly secrets: SecretReader;
  readonly recordings: Pick<RecordingsService, 'begin'>;
  readonly logger: Logger;
  readonly http?: Omit<PullHttpOptions, 'system'> | undefined;
  /** How long a run's lease lasts unless renewed (renewed every third of it); default 5 min. */
  readonly leaseMs?: number | undefined;
  readonly now?: (() => Date) | undefined;
}

export interface RunCounts {
  imported: number;
  duplicates: number;
}

type Tables = ConversationsTables;

const describeError = (error: unknown): { code: string; message: string } =>
  error instanceof AppError
    ? { code: error.code, message: error.message }
    : { code: 'CONVERSATIONS_PULL_FAILED', message: error instanceof Error ? error.message : String(error) };

export function createSourceRunner(deps: SourceRunDeps) {
  const { database } = deps;
  const now = deps.now ?? (() => new Date());
  const leaseMs = deps.leaseMs ?? 5 * 60_000;

  /** Pulled → intake: claimed and stored once per (tenant, source, sourceRecordingId); a re-delivery changes nothing. */
  async function accept(
    ctx: RequestContext,
    recording: PulledRecording,
    counts: RunCounts,
    signal?: AbortSignal,
  ): Promise<void> {
    const outcome = await deps.recordings.begin(ctx, toRecordingMetadata(recording.metadata));
    if (outcome.status === 'existing') {
      counts.duplicates++;
      return;
    }
    const { intake } = outcome;
    let stream: NodeJS.ReadableStream | undefined;
    try {
      const audio = await recording.openAudio(signal);
      stream = audio.stream;
      await intake.putAudio({ body: audio.stream, contentType: audio.contentType });
      await intake.complete();
      counts.imported++;
    } catch (error) {
      (stream as { destroy?: () => void } | undefined)?.destroy?.();
      await intake.abort(describeError(error).message.slice(0, 200)).catch(() => undefined);
      // Another delivery of the same recording (a callback beside the timer) is storing it: see it next run.
      if (error instanceof AppError && error.code === 'CONVERSATIONS_UPLOAD_SUPERSEDED')
        throw new AppError(error.code, 'unavailable', error.message, { cause: error });
      throw error;
    }
  }

  async function begin(
    ctx: RequestContext,
    source: SourceRow,
    trigger: SourceRunTrigger,
    lease: LeaderLease | null,
    runId: string,
  ): Promise<RunRow> {
    const at = now();
    return database.withTenant<Tables, RunRow>(ctx, async (trx) => {
      if (lease) await abandonStaleRuns(trx, source.id, runId);
      const run = await insertRun(trx, {
        id: runId,
        tenantId: ctx.tenantId,
        sourceId: source.id,
        trigger,
        state: 'running',
        startedAt: at,
      });
      if (trigger !== 'callback')
        await noteRun(trx, source.id, {
          lastRunAt: at,
          lastRunStatus: 'running',
          nextRunAt: new Date(at.getTime() + source.intervalMinutes * 60_000),
        });
      return run;
    });
  }

  async function fail(
    ctx: RequestContext,
    source: SourceRow,
    run: RunRow,
    error: unknown,
    counts: RunCounts,
    extra: { fetched?: number; window?: { since: Date; until: Date }; failures?: PullFailure[] } = {},
  ): Promise<RunRow> {
    const { code, message } = describeError(error);
    return database.withTenant<Tables, RunRow>(ctx, async (trx) => {
      const finished = await finishRun(trx, run.id, {
        state: 'failed',
        errorCode: code,
        error: message.slice(0, 4000),
        imported: counts.imported,
        duplicates: counts.duplicates,
        fetched: extra.fetched ?? counts.imported + counts.duplicates,
        windowSince: extra.window?.since ?? null,
        windowUntil: extra.window?.until ?? null,
        ...(extra.failures ? { failures: JSON.stringify(extra.failures) } : {}),
        finishedAt: now(),
      });
      if (run.trigger !== 'callback')
        await noteRun(trx, source.id, { lastRunStatus: 'failed', lastError: message.slice(0, 4000) });
      await pruneRuns(trx, source.id);
      return finished ?? run;
    });
  }

  /** The pull itself, after the run row exists; never throws for what the source did. */
  async function execute(
    ctx: RequestContext,
    source: SourceRow,
    run: RunRow,
    lease: LeaderLease,
  ): Promise<RunRow> {
    const controller = new AbortController();
    const renew = setInterval(() => {
      lease
        .acquire()
        .then((held) => {
          if (!held) controller.abort(new Error('the run lost its lease'));
        })
        .catch(() => undefined);
    }, leaseMs / 3);
    renew.unref();
    const counts: RunCounts = { imported: 0, duplicates: 0 };
    const at = now();
    let window: { since: Date; until: Date } | undefined;
    try {
      const schedule = pullScheduleOf(source);
      const cursorRow = await database.withTenant<Tables, Awaited<ReturnType<typeof findCursor>>>(
        ctx,
        (trx) => findCursor(trx, source.id),
      );
      const cursor = cursorRow ? { version: 1 as const, until: cursorRow.highWaterMark.toISOString() } : null;
      window = pullWindow(cursor, at, schedule);
      const connector: RecordingSource = createRecordingSource(
        connectorConfigOf(source),
        deps.secrets,
        deps.http,
      );
      const report = await runPull({
        source: connector,
        ctx: { tenantId: ctx.tenantId, signal: controller.signal },
        cursor,
        now: at,
        schedule,
        accept: (recording) => accept(ctx, recording, counts, controller.signal),
      });
      const failures: readonly PullFailure[] = report.failed;
      const state = failures.length > 0 ? 'partial' : 'succeeded';
      const lastError =
        failures.length > 0
          ? `${failures.length} recording(s) failed; the first: ${failures[0]?.sourceRecordingId}: ${failures[0]?.message}`.slice(
              0,
              4000,
            )
          : report.gaveUpWaitingSince
            ? `gave up waiting for a recording still processing since ${report.gaveUpWaitingSince.toISOString()}`
            : null;
      return await database.withTenant<Tables, RunRow>(ctx, async (trx) => {
        await saveCursor(trx, {
          sourceId: source.id,
          tenantId: ctx.tenantId,
          highWaterMark: new Date(report.nextCursor.until),
          succeededAt: now(),
          imported: counts.imported,
          duplicates: counts.duplicates,
          failed: failures.length,
        });
        const finished = await finishRun(trx, run.id, {
          state,
          windowSince: report.window.since,
          windowUntil: report.window.until,
          fetched: report.accepted + failures.length,
          imported: counts.imported,
          duplicates: counts.duplicates,
          failures: JSON.stringify(failures.slice(0, 500)),
          skipped: JSON.stringify(report.skipped.slice(0, 500)),
          error: lastError,
          finishedAt: now(),
        });
        await noteRun(trx, source.id, { lastRunStatus: state, lastError });
        await pruneRuns(trx, source.id);
        return finished ?? run;
      });
    } catch (error) {
      deps.logger.warn(
        { err: error, tenantId: ctx.tenantId, sourceId: source.id, runId: run.id },
        'recording source run failed',
      );
      return await fail(ctx, source, run, error, counts, { ...(window ? { window } : {}) });
    } finally {
      clearInterval(renew);
      await lease.release().catch(() => undefined);
    }
  }

  return {
    accept,

    /**
     * Takes the source's lease and opens its run; `done` settles when the run has finished (it
     * never rejects for the source's failures). 'busy' when another run holds the lease.
     */
    async start(
      ctx: RequestContext,
      source: SourceRow,
      trigger: Exclude<SourceRunTrigger, 'callback'>,
    ): Promise<'busy' | { run: RunRow; done: Promise<RunRow> }> {
      const runId = newUuid();
      const lease = createLeaderLease(
        database.owner,
        `conversations.recording-source:${source.id}`,
        runId,
        leaseMs,
      );
      if (!(await lease.acquire())) return 'busy';
      let run: RunRow;
      try {
        run = await begin(ctx, source, trigger, lease, runId);
      } catch (error) {
        await lease.release().catch(() => undefined);
        throw error;
      }
      return { run, done: execute(ctx, source, run, lease) };
    },

    /** A recording a push (Twilio's callback) announced: one recording, recorded as a run of its own. */
    async single(
      ctx: RequestContext,
      source: SourceRow,
      pulled: (signal: AbortSignal) => Promise<PulledRecording>,
    ): Promise<{ run: RunRow; outcome: 'imported' | 'duplicate' | 'failed' }> {
      const run = await begin(ctx, source, 'callback', null, newUuid());
      const counts: RunCounts = { imported: 0, duplicates: 0 };
      const controller = new AbortController();
      let recordingId: string | undefined;
      try {
        const recording = await pulled(controller.signal);
        recordingId = recording.metadata.sourceRecordingId;
        await accept(ctx, recording, counts, controller.signal);
        const finished = await database.withTenant<Tables, RunRow>(
          ctx,
          async (trx) =>
            (await finishRun(trx, run.id, {
              state: 'succeeded',
              fetched: 1,
              imported: counts.imported,
              duplicates: counts.duplicates,
              finishedAt: now(),
            })) ?? run,
        );
        return { run: finished, outcome: counts.imported > 0 ? 'imported' : 'duplicate' };
      } catch (error) {
        const failures = recordingId
          ? [
              {
                sourceRecordingId: recordingId,
                message: describeError(error).message,
                transient: error instanceof AppError ? error.transient : true,
              },
            ]
          : [];
        const finished = await fail(ctx, source, run, error, counts, { fetched: failures.length, failures });
        return { run: finished, outcome: 'failed' };
      }
    },
  };
}

export type SourceRunner = ReturnType<typeof createSourceRunner>;
