import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { PlatformErrors, type FieldProblem } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { RecordingsService } from '../contract.js';
import type { ConversationsTables, RecordingSourceKind } from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import {
  createTwilioRecordingsSource,
  PullError,
  twilioRecordingsConfigSchema,
  verifyTwilioRecordingCallback,
  type PullHttpOptions,
  type TwilioCallbackRequest,
  type TwilioRecordingCallback,
} from '../pull/index.js';
import {
  cursorsOf,
  deleteSource,
  dueSources,
  findSource,
  insertSource,
  listRuns,
  listSources,
  nameTaken,
  updateSource,
  type CursorRow,
  type RunRow,
  type SourceRow,
} from './recording-sources.repo.js';
import {
  configSchemaOf,
  DEFAULT_SOURCE_SCHEDULE,
  type CreateSourceBody,
  type SourceRunView,
  type SourceView,
  type UpdateSourceBody,
} from './recording-sources.schemas.js';
import { recordingSourceOf, scheduleOf, secretFieldsOf, secretPrefixProblems } from './source-config.js';
import { createSourceRunner } from './source-run.js';

export interface RecordingSourcesService {
  list(ctx: RequestContext): Promise<SourceView[]>;
  get(ctx: RequestContext, sourceId: string): Promise<SourceView>;
  /** Audited as conversations.source_created. */
  create(ctx: AuditContext, body: CreateSourceBody): Promise<SourceView>;
  /** Audited as conversations.source_updated (the names of what changed). */
  update(ctx: AuditContext, sourceId: string, body: UpdateSourceBody): Promise<SourceView>;
  /** Audited as conversations.source_deleted; its cursor and runs go with it, its recordings stay. */
  remove(ctx: AuditContext, sourceId: string): Promise<void>;
  /** Runs it now (audited as conversations.source_run_requested); 409 while another run holds it. */
  runNow(ctx: AuditContext, sourceId: string, options: { readonly wait: boolean }): Promise<SourceRunView>;
  runs(ctx: RequestContext, sourceId: string, limit: number): Promise<SourceRunView[]>;
  /** The timer: every enabled source whose next run is due at `at`, one run per source at a time. */
  runDue(at: Date, requestId: string): Promise<{ ran: number; busy: number; failed: number }>;
  /** Twilio's recording-status callback for the source named in the URL (public: the signature decides). */
  twilioCallback(
    path: { readonly tenant: string; readonly sourceId: string },
    request: TwilioCallbackRequest,
    requestId: string,
  ): Promise<
    | { readonly status: 'ignored'; readonly recordingStatus: string }
    | { readonly status: 'imported' | 'duplicate'; readonly run: SourceRunView }
  >;
}

export interface RecordingSourcesDeps {
  readonly database: Database;
  readonly audit: AuditLog;
  /** A reader of the prefixes in SOURCE_SECRET_PREFIXES. */
  readonly secrets: SecretReader;
  readonly recordings: Pick<RecordingsService, 'begin'>;
  readonly logger: Logger;
  /** Where Twilio reaches this API (the callback URL it signs). */
  readonly publicUrl: string;
  readonly http?: Omit<PullHttpOptions, 'system'> | undefined;
  readonly leaseMs?: number | undefined;
  /** Sources the timer runs side by side; default 3. */
  readonly concurrency?: number | undefined;
}

type Tables = ConversationsTables;

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toRunView(row: RunRow): SourceRunView {
  const failures = Array.isArray(row.failures) ? (row.failures as SourceRunView['failures']) : [];
  return {
    id: toPublicId('pullrun', row.id),
    sourceId: toPublicId('recsrc', row.sourceId),
    trigger: row.trigger,
    state: row.state,
    window:
      row.windowSince && row.windowUntil
        ? { since: row.windowSince.toISOString(), until: row.windowUntil.toISOString() }
        : null,
    fetched: row.fetched,
    imported: row.imported,
    duplicates: row.duplicates,
    failed: failures.length,
    failures,
    skipped: Array.isArray(row.skipped) ? (row.skipped as SourceRunView['skipped']) : [],
    error:
      row.state === 'failed' || row.state === 'abandoned'
        ? { code: row.errorCode ?? 'CONVERSATIONS_PULL_FAILED', message: row.error ?? '' }
        : null,
    startedAt: row.startedAt.toISOString(),
    finishedAt: iso(row.finishedAt),
  };
}

/** Zod problems of a kind's configuration, named as the request put them (`body.config.auth.grant`). */
function configProblems(
  kind: RecordingSourceKind,
  config: unknown,
): { ok: true; value: Record<string, unknown> } | { ok: false; fields: FieldProblem[] } {
  const parsed = configSchemaOf[kind].safeParse(config);
  if (!parsed.success)
    return {
      ok: false,
      fields: parsed.error.issues.slice(0, 20).map((issue) => ({
        field: ['body', 'config', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    };
  return { ok: true, value: parsed.data };
}

export function createRecordingSources(deps: RecordingSourcesDeps): RecordingSourcesService {
  const { database, audit } = deps;
  const base = deps.publicUrl.replace(/\/+$/, '');
  const runner = createSourceRunner(deps);

  const uuidOf = (sourceId: string) => {
    const uuid = fromPublicId('recsrc', sourceId);
    if (!uuid) throw ConversationsErrors.sourceNotFound();
    return uuid;
  };

  const callbackUrlOf = (tenantId: string, sourceUuid: string) =>
    `${base}/api/v1/conversations/sources/callbacks/twilio/${toPublicId('ten', tenantId)}/${toPublicId('recsrc', sourceUuid)}`;

  function toView(
    row: SourceRow,
    cursor: CursorRow | undefined,
    setSecrets: ReadonlySet<string>,
  ): SourceView {
    const config = (row.config ?? {}) as Record<string, unknown>;
    return {
      id: toPublicId('recsrc', row.id),
      kind: row.kind,
      name: row.name,
      enabled: row.enabled,
      config,
      schedule: scheduleOf(row),
      secrets: secretFieldsOf(row.kind, config).map((s) => ({ ...s, set: setSecrets.has(s.name) })),
      recordingSource: recordingSourceOf(row.kind, config),
      callbackUrl: row.kind === 'twilio' ? callbackUrlOf(row.tenantId, row.id) : null,
      nextRunAt: row.enabled ? iso(row.nextRunAt) : null,
      lastRun:
        row.lastRunAt && row.lastRunStatus
          ? { at: row.lastRunAt.toISOString(), status: row.lastRunStatus, error: row.lastError }
          : null,
      cursor: cursor
        ? {
            highWaterMark: cursor.highWaterMark.toISOString(),
            lastSuccessAt: iso(cursor.lastSuccessAt),
            importedTotal: Number(cursor.importedTotal),
            duplicatesTotal: Number(cursor.duplicatesTotal),
            failedTotal: Number(cursor.failedTotal),
          }
        : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async function views(
    ctx: RequestContext,
    rows: readonly SourceRow[],
    trxCursors: readonly CursorRow[],
  ): Promise<SourceView[]> {
    const set = new Set(await deps.secrets.names(ctx));
    const byId = new Map(trxCursors.map((c) => [c.sourceId, c]));
    return rows.map((row) => toView(row, byId.get(row.id), set));
  }

  async function load(ctx: RequestContext, sourceId: string): Promise<SourceRow> {
    const uuid = uuidOf(sourceId);
    const row = await database.withTenant<Tables, SourceRow | undefined>(ctx, (trx) => findSource(trx, uuid));
    if (!row) throw ConversationsErrors.sourceNotFound();
    return row;
  }

  async function viewOf(ctx: RequestContext, row: SourceRow): Promise<SourceView> {
    const found = await database.withTenant<Tables, CursorRow[]>(ctx, (trx) => cursorsOf(trx, [row.id]));
    const [view] = await views(ctx, [row], found);
    if (!view) throw ConversationsErrors.sourceNotFound();
    return view;
  }

  const target = (uuid: string) => ({ type: 'recording_source', id: toPublicId('recsrc', uuid) });

  return {
    async list(ctx) {
      const { rows, found } = await database.withTenant<Tables, { rows: SourceRow[]; found: CursorRow[] }>(
        ctx,
        async (trx) => {
          const rows = await listSources(trx);
          return {
            rows,
            found: await cursorsOf(
              trx,
              rows.map((r) => r.id),
            ),
          };
        },
      );
      return views(ctx, rows, found);
    },

    async get(ctx, sourceId) {
      return viewOf(ctx, await load(ctx, sourceId));
    },

    async create(ctx, body) {
      const config = body.config as Record<string, unknown>;
      const problems = secretPrefixProblems(body.kind, config);
      if (problems.length > 0) throw ConversationsErrors.invalidSource(problems);
      const schedule = { ...DEFAULT_SOURCE_SCHEDULE, ...body.schedule };
      const enabled = body.enabled ?? true;
      const id = newUuid();
      const row = await database.withTenant<Tables, SourceRow>(ctx, async (trx) => {
        const inserted = await insertSource(trx, {
          id,
          tenantId: ctx.tenantId,
          kind: body.kind,
          name: body.name,
          config: JSON.stringify(config),
          enabled,
          ...schedule,
          // Due at the timer's next tick.
          nextRunAt: enabled ? new Date() : null,
          updatedBy: ctx.actor.id,
        });
        if (!inserted) throw ConversationsErrors.sourceNameTaken(body.name);
        await audit.append(trx, ctx, {
          action: 'conversations.source_created',
          target: target(id),
          details: { kind: body.kind, enabled },
        });
        return inserted;
      });
      return viewOf(ctx, row);
    },

    async update(ctx, sourceId, body) {
      const uuid = uuidOf(sourceId);
      const row = await database.withTenant<Tables, SourceRow>(ctx, async (trx) => {
        const current = await findSource(trx, uuid);
        if (!current) throw ConversationsErrors.sourceNotFound();
        let config: Record<string, unknown> | undefined;
        if (body.config !== undefined) {
          const checked = configProblems(current.kind, body.config);
          if (!checked.ok) throw ConversationsErrors.invalidSource(checked.fields);
          const problems = secretPrefixProblems(current.kind, checked.value);
          if (problems.length > 0) throw ConversationsErrors.invalidSource(problems);
          config = checked.value;
        }
        if (body.name !== undefined && (await nameTaken(trx, body.name, uuid)))
          throw ConversationsErrors.sourceNameTaken(body.name);
        const schedule = { ...scheduleOf(current), ...body.schedule };
        const enabled = body.enabled ?? current.enabled;
        // Enabled again: due at once. A new interval counts from the last run.
        const nextRunAt = !enabled
          ? current.nextRunAt
          : !current.enabled || current.nextRunAt === null
            ? new Date()
            : schedule.intervalMinutes !== current.intervalMinutes
              ? new Date((current.lastRunAt ?? new Date()).getTime() + schedule.intervalMinutes * 60_000)
              : current.nextRunAt;
        const updated = await updateSource(trx, uuid, {
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(config === undefined ? {} : { config: JSON.stringify(config) }),
          ...schedule,
          enabled,
          nextRunAt,
          updatedBy: ctx.actor.id,
        });
        if (!updated) throw ConversationsErrors.sourceNotFound();
        await audit.append(trx, ctx, {
          action: 'conversations.source_updated',
          target: target(uuid),
          details: {
            changed: [
              ...Object.keys(body).filter((k) => k !== 'schedule'),
              ...Object.keys(body.schedule ?? {}).map((k) => `schedule.${k}`),
            ].sort(),
          },
        });
        return updated;
      });
      return viewOf(ctx, row);
    },

    async remove(ctx, sourceId) {
      const uuid = uuidOf(sourceId);
      await database.withTenant<Tables>(ctx, async (trx) => {
        if (!(await deleteSource(trx, uuid))) throw ConversationsErrors.sourceNotFound();
        await audit.append(trx, ctx, { action: 'conversations.source_deleted', target: target(uuid) });
      });
    },

    async runNow(ctx, sourceId, options) {
      const source = await load(ctx, sourceId);
      const started = await runner.start(ctx, source, 'manual');
      if (started === 'busy') throw ConversationsErrors.sourceRunInProgress();
      await audit.record(ctx, {
        action: 'conversations.source_run_requested',
        target: target(source.id),
        details: { runId: toPublicId('pullrun', started.run.id) },
      });
      if (options.wait) return toRunView(await started.done);
      // The run goes on after the answer; its outcome is on the run (GET .../runs).
      void started.done.catch((error: unknown) =>
        deps.logger.error({ err: error }, 'recording source run failed'),
      );
      return toRunView(started.run);
    },

    async runs(ctx, sourceId, limit) {
      const uuid = uuidOf(sourceId);
      const rows = await database.withTenant<Tables, RunRow[] | undefined>(ctx, async (trx) =>
        (await findSource(trx, uuid)) ? listRuns(trx, uuid, limit) : undefined,
      );
      if (!rows) throw ConversationsErrors.sourceNotFound();
      return rows.map(toRunView);
    },

    async runDue(at, requestId) {
      const due = await dueSources(database.owner, at, 500);
      let ran = 0;
      let busy = 0;
      let failed = 0;
      const queue = [...due];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const ctx = systemContext(next.tenantId, requestId, 'recording-sources-timer');
          try {
            const source = await database.withTenant<Tables, SourceRow | undefined>(ctx, (trx) =>
              findSource(trx, next.id),
            );
            if (!source?.enabled) continue;
            const started = await runner.start(ctx, source, 'timer');
            if (started === 'busy') {
              busy++;
              continue;
            }
            const finished = await started.done;
            ran++;
            if (finished.state === 'failed') failed++;
          } catch (error) {
            failed++;
            deps.logger.error(
              { err: error, tenantId: next.tenantId, sourceId: next.id },
              'recording source run could not start',
            );
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 3) }, worker));
      return { ran, busy, failed };
    },

    async twilioCallback(path, request, requestId) {
      const tenantId = fromPublicId('ten', path.tenant);
      const uuid = fromPublicId('recsrc', path.sourceId);
      if (!tenantId || !uuid) throw ConversationsErrors.sourceNotFound();
      const ctx = systemContext(tenantId, requestId, 'twilio-recording-callback');
      const source = await database.withTenant<Tables, SourceRow | undefined>(ctx, (trx) =>
        findSource(trx, uuid),
      );
      if (source?.kind !== 'twilio') throw ConversationsErrors.sourceNotFound();
      const config = twilioRecordingsConfigSchema.parse(source.config);
      let verdict: TwilioRecordingCallback;
      try {
        verdict = await verifyTwilioRecordingCallback(deps.secrets, tenantId, config, request);
      } catch (error) {
        if (error instanceof PullError)
          throw ConversationsErrors.sourceCallbackRefused(
            `the source's auth token secret '${config.authTokenSecret}' is not set`,
          );
        throw error;
      }
      switch (verdict.status) {
        case 'unsigned':
          throw ConversationsErrors.sourceCallbackRefused('it carries no X-Twilio-Signature');
        case 'bad_signature':
          throw ConversationsErrors.sourceCallbackRefused(
            "X-Twilio-Signature does not match this source's auth token and URL",
          );
        case 'other_account':
          throw ConversationsErrors.sourceCallbackRefused(
            `it names the account ${verdict.accountSid || '(none)'}, not this source's`,
          );
        case 'invalid':
          throw PlatformErrors.validation([{ field: verdict.field, message: verdict.message }]);
        case 'not_completed':
          return { status: 'ignored', recordingStatus: verdict.recordingStatus };
        case 'completed':
          break;
      }
      if (!source.enabled)
        throw ConversationsErrors.sourceCallbackRefused('the recording source is disabled');
      const connector = createTwilioRecordingsSource({
        config,
        secrets: deps.secrets,
        ...(deps.http ? { http: deps.http } : {}),
      });
      const { facts } = verdict;
      const result = await runner.single(ctx, source, (signal) =>
        connector.fromCallback({ tenantId, signal }, facts),
      );
      if (result.outcome === 'failed')
        throw ConversationsErrors.sourceCallbackFailed(
          toPublicId('pullrun', result.run.id),
          result.run.error ?? 'the recording could not be stored',
        );
      return { status: result.outcome, run: toRunView(result.run) };
    },
  };
}
