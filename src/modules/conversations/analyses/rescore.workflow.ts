import { systemContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { StepOptions, WorkflowRef, Workflows } from '../../../platform/jobs/index.js';
import { toPublicId } from '../../../platform/ids.js';
import type {
  ConversationsTables,
  ConversationsTransaction,
  RescoreFailure,
} from '../db/conversations.tables.js';
import type { AnalyseRecording } from './analysis.step.js';
import {
  countInRange,
  findRescoreJob,
  finishRescoreJob,
  pageInRange,
  recordRescoreBatch,
  setRescoreTotal,
  type RecordingCursor,
} from './rescore.repo.js';

export const RESCORE_WORKFLOW = 'conversations.rescore';

/** One workflow per job: starting it again (a lost start, a coalesced request) starts it once. */
export const rescoreWorkflowId = (jobUuid: string) => `${RESCORE_WORKFLOW}-${jobUuid}`;

/** `request:<job>:<recording>`: a job makes at most one analysis per recording, whatever runs again. */
export const rescoreRequestKey = (jobUuid: string, recordingUuid: string) =>
  `request:${jobUuid}:${recordingUuid}`;

export interface RescoreInput {
  readonly tenantId: string;
  readonly jobId: string;
}

export type RescoreOutcome = 'succeeded' | 'cancelled' | 'missing';
export type RescoreWorkflow = WorkflowRef<RescoreInput, RescoreOutcome>;

export interface RescoreOptions {
  /** Recordings per batch (one checkpointed step). */
  readonly batchSize?: number;
  /** Analyses of a batch that run at once. */
  readonly parallel?: number;
  /** Retries of a batch step whose bookkeeping failed (an analysis failure is recorded, not retried). */
  readonly retries?: StepOptions;
}

type BatchResult =
  | { readonly stop: 'end' | 'cancelled' | 'missing' }
  | { readonly stop: null; readonly cursor: RecordingCursor };

/**
 * The steps of a re-score job. Each batch reads the next page of the range after the cursor the
 * batch before returned (keyset on started_at, id), re-analyses its recordings a few at a time with
 * the job's request keys, and records the outcome once (recordRescoreBatch). A crash mid-batch runs
 * the batch again from the same cursor: the recordings already re-analysed find their analysis by
 * request key, the others are analysed, and the counts are added once.
 */
export function createRescoreRunner(
  deps: { database: Database; analyse: AnalyseRecording },
  options: RescoreOptions = {},
) {
  const batchSize = options.batchSize ?? 20;
  const parallel = options.parallel ?? 4;
  const inTenant = <T>(input: RescoreInput, fn: (trx: ConversationsTransaction) => Promise<T>) =>
    deps.database.withTenant<ConversationsTables, T>(
      systemContext(input.tenantId, `rescore:${input.jobId}`, 'conversations.rescore'),
      fn,
    );

  return {
    async count(input: RescoreInput): Promise<number | null> {
      return inTenant(input, async (trx) => {
        const job = await findRescoreJob(trx, input.jobId);
        if (!job) return null;
        const total = await countInRange(trx, job);
        await setRescoreTotal(trx, job.id, total);
        return total;
      });
    },

    async batch(input: RescoreInput, batch: number, cursor: RecordingCursor | null): Promise<BatchResult> {
      const loaded = await inTenant(input, async (trx) => {
        const job = await findRescoreJob(trx, input.jobId);
        if (!job) return null;
        if (job.cancelRequested) return { job, page: null };
        return { job, page: await pageInRange(trx, job, cursor, batchSize) };
      });
      if (!loaded) return { stop: 'missing' };
      if (!loaded.page) return { stop: 'cancelled' };
      if (loaded.page.length === 0) return { stop: 'end' };
      const { job, page } = loaded;
      const failures: RescoreFailure[] = [];
      let done = 0;
      for (let i = 0; i < page.length; i += parallel) {
        await Promise.all(
          page.slice(i, i + parallel).map(async (recording) => {
            try {
              await deps.analyse({
                tenantId: input.tenantId,
                recordingId: recording.id,
                requestKey: rescoreRequestKey(job.id, recording.id),
                reason: 'rescore',
                requestedBy: job.requestedBy,
                scope: job.scope,
              });
              done += 1;
            } catch (error) {
              failures.push({
                recordingId: toPublicId('rec', recording.id),
                reason: error instanceof Error ? error.message : String(error),
              });
            }
          }),
        );
      }
      const last = page.at(-1);
      if (!last) return { stop: 'end' };
      const next = { startedAt: last.startedAt.toISOString(), id: last.id };
      await inTenant(input, (trx) =>
        recordRescoreBatch(trx, job.id, batch, { done, failures, cursor: next }),
      );
      return { stop: null, cursor: next };
    },

    finish: (input: RescoreInput, state: 'succeeded' | 'failed' | 'cancelled', error: string | null) =>
      inTenant(input, (trx) => finishRescoreJob(trx, input.jobId, state, error)),
  };
}

export type RescoreRunner = ReturnType<typeof createRescoreRunner>;

/**
 * A re-score of a period as a durable workflow: count, then batch after batch until the range is
 * exhausted or the job is cancelled (checked before each batch), then the final state. The loop
 * is deterministic over the recorded step results, so recovery replays it to where it was.
 */
export function defineRescoreWorkflow(
  workflows: Workflows,
  runner: RescoreRunner,
  retries: StepOptions = { retries: 3, initialBackoffMs: 1_000, backoffFactor: 2 },
): RescoreWorkflow {
  return workflows.define(RESCORE_WORKFLOW, async (wf, input: RescoreInput): Promise<RescoreOutcome> => {
    try {
      const total = await wf.step('count', () => runner.count(input), retries);
      if (total === null) return 'missing';
      let cursor: RecordingCursor | null = null;
      for (let batch = 1; ; batch++) {
        const after: RecordingCursor | null = cursor;
        const result: BatchResult = await wf.step(
          `batch-${batch}`,
          () => runner.batch(input, batch, after),
          retries,
        );
        if (result.stop === null) {
          cursor = result.cursor;
          continue;
        }
        if (result.stop === 'missing') return 'missing';
        if (result.stop === 'cancelled') {
          await wf.step('finish', () => runner.finish(input, 'cancelled', null), retries);
          return 'cancelled';
        }
        break;
      }
      await wf.step('finish', () => runner.finish(input, 'succeeded', null), retries);
      return 'succeeded';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await wf.step('fail', () => runner.finish(input, 'failed', message), retries);
      throw error;
    }
  });
}
