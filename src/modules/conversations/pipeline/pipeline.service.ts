import { createHash } from 'node:crypto';
import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { WorkflowRef, Workflows } from '../../../platform/jobs/index.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import type { ConversationSettingsService } from '../settings/conversation-settings.service.js';
import { SUPPLIED_PROVIDER } from './supplied.transcriber.js';
import { findRecording, hasRunningRun, insertRun, listRuns, type RunRow } from './pipeline.repo.js';
import {
  runOptionsSchema,
  type RecordingRunInput,
  type RunOptions,
  type StepRecord,
} from './pipeline.types.js';
import { recordingWorkflowId, type RecordingRunResult } from './recording.workflow.js';

/** A run of the pipeline as the API shows it. */
export interface RecordingRun {
  readonly id: string;
  readonly recordingId: string;
  readonly reason: 'received' | 'rerun';
  readonly state: 'running' | 'succeeded' | 'failed';
  readonly options: RunOptions;
  readonly steps: readonly StepRecord[];
  readonly failureCode: string | null;
  readonly failureReason: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
}

export interface PipelineService {
  /** Starts the first run of a received recording; a redelivered event (same id) starts nothing new. */
  startReceived(ctx: RequestContext, recordingId: string, eventId: string): Promise<RecordingRun>;
  /** A new run that keeps the history (audited as conversations.recording_rerun_requested). */
  rerun(ctx: AuditContext, recordingPublicId: string, options: RunOptions): Promise<RecordingRun>;
  /** Every run of the recording, newest first. */
  runs(ctx: RequestContext, recordingPublicId: string): Promise<RecordingRun[]>;
}

export interface PipelineServiceDeps {
  readonly database: Database;
  readonly audit: AuditLog;
  readonly workflows: Workflows | undefined;
  readonly workflow: WorkflowRef<RecordingRunInput, RecordingRunResult> | undefined;
  readonly settings: ConversationSettingsService;
  /** The installation's transcribers (supplied among them): a re-run may name these besides the tenant's. */
  readonly installedProviders: readonly string[];
}

/** A UUID fixed by the triggering event, so the run row and its workflow id survive a redelivery. */
export function runIdForEvent(eventId: string): string {
  const hex = createHash('sha256').update(`conversations.run:${eventId}`).digest('hex');
  // Version 8 (custom), RFC 4122 variant.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A recording id as events and routes give it: `rec_…`, or the UUID itself. */
export function recordingUuid(id: string): string | undefined {
  return fromPublicId('rec', id) ?? (uuidPattern.test(id) ? id.toLowerCase() : undefined);
}

function toRun(row: RunRow): RecordingRun {
  return {
    id: toPublicId('run', row.id),
    recordingId: toPublicId('rec', row.recordingId),
    reason: row.reason,
    state: row.state,
    options: runOptionsSchema.parse(row.options ?? {}),
    steps: (row.steps ?? []) as StepRecord[],
    failureCode: row.failureCode,
    failureReason: row.failureReason,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export function createPipelineService(deps: PipelineServiceDeps): PipelineService {
  const { database } = deps;
  const start = async (ctx: RequestContext, row: RunRow) => {
    const { workflows, workflow } = deps;
    if (!workflows || !workflow) throw ConversationsErrors.workflowsUnavailable();
    await workflows.start(
      workflow,
      { tenantId: ctx.tenantId, recordingId: row.recordingId, runId: row.id },
      { id: row.workflowId },
    );
  };
  return {
    async startReceived(ctx, recordingId, eventId) {
      const runId = runIdForEvent(eventId);
      const row = await database.withTenant<ConversationsTables, RunRow | undefined>(ctx, async (trx) => {
        const recording = await findRecording(trx, recordingId);
        if (!recording) return undefined;
        return insertRun(trx, {
          id: runId,
          tenantId: ctx.tenantId,
          recordingId,
          workflowId: recordingWorkflowId(recordingId, runId),
          reason: 'received',
          options: {},
        });
      });
      if (!row) throw ConversationsErrors.recordingNotFound();
      // Idempotent: a redelivered event gets the run its first delivery started.
      await start(ctx, row);
      return toRun(row);
    },

    async rerun(ctx, recordingPublicId, options) {
      const recordingId = recordingUuid(recordingPublicId);
      if (!recordingId) throw ConversationsErrors.recordingNotFound();
      // A provider the tenant configured, the local engine, or the installation's (supplied: when there is one).
      const providers =
        options.provider === undefined ? [] : deps.settings.runnableProviders(await deps.settings.get(ctx));
      const runId = newUuid();
      const row = await database.withTenant<ConversationsTables, RunRow>(ctx, async (trx) => {
        const recording = await findRecording(trx, recordingId, { forUpdate: true });
        if (!recording) throw ConversationsErrors.recordingNotFound();
        if (options.provider !== undefined) {
          const allowed = [
            ...(recording.suppliedTranscriptKey ? [SUPPLIED_PROVIDER] : []),
            ...providers.filter((name) => name !== SUPPLIED_PROVIDER),
          ];
          if (!allowed.includes(options.provider))
            throw ConversationsErrors.unknownProvider('body.provider', options.provider, allowed);
        }
        if (recording.state === 'uploading') throw ConversationsErrors.recordingNotReceived();
        if (await hasRunningRun(trx, recordingId)) throw ConversationsErrors.runInProgress();
        const inserted = await insertRun(trx, {
          id: runId,
          tenantId: ctx.tenantId,
          recordingId,
          workflowId: recordingWorkflowId(recordingId, runId),
          reason: 'rerun',
          options,
        });
        await deps.audit.append(trx, ctx, {
          action: 'conversations.recording_rerun_requested',
          target: { type: 'recording', id: toPublicId('rec', recordingId) },
          details: { runId: toPublicId('run', runId), ...options },
        });
        return inserted;
      });
      await start(ctx, row);
      return toRun(row);
    },

    async runs(ctx, recordingPublicId) {
      const recordingId = recordingUuid(recordingPublicId);
      if (!recordingId) throw ConversationsErrors.recordingNotFound();
      const rows = await database.withTenant<ConversationsTables, RunRow[] | undefined>(ctx, async (trx) =>
        (await findRecording(trx, recordingId)) ? listRuns(trx, recordingId) : undefined,
      );
      if (!rows) throw ConversationsErrors.recordingNotFound();
      return rows.map(toRun);
    },
  };
}
