import type { AuditContext } from '../../platform/audit/index.js';
import type { RequestContext } from '../../platform/context.js';
import type { UnitOfWork } from '../../platform/db/index.js';
import type {
  CallDirection,
  CallDisposition,
  CallParty,
  CallQuality,
  CallRecordV1,
  CallSource,
} from './call-record.js';
import type { ConnectorOptions } from './connectors/connector-registry.js';
import type { QuarantineCategory } from './connectors/quarantine-reason.js';
import type { VconAnalysis, VconAttachment, VconDialog, VconDocument, VconParty } from './vcon.js';

export type {
  CallDirection,
  CallDisposition,
  CallParty,
  CallQuality,
  CallRecordV1,
  CallSource,
  NormalisedCall,
} from './call-record.js';
export type { VconAnalysis, VconAttachment, VconDialog, VconDocument, VconParty } from './vcon.js';

// ---------------------------------------------------------------- upsert

export type UpsertStatus = 'created' | 'updated' | 'unchanged';

/** What happened to one call (one tenant + source + source call id) of an upsert. */
export interface UpsertOutcome {
  readonly status: UpsertStatus;
  /** Public id (`call_...`); a call keeps its id across updates. */
  readonly id: string;
  readonly source: CallSource;
  readonly sourceCallId: string;
  /** The record as now stored, for created and updated calls (what calls.record.ingested.v1 announces); null when unchanged. */
  readonly record: CallRecordV1 | null;
}

export interface UpsertResult {
  /** One outcome per distinct call of the input, in the order each call first appears. */
  readonly outcomes: readonly UpsertOutcome[];
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** Where a record's stored raw bytes sit inside a segment object (the `segments` archive layout). */
export interface ArchiveSegmentRef {
  readonly key: string;
  readonly offset: number;
  readonly length: number;
}

export interface UpsertOptions {
  /** The tenant's connector settings (time zone, numbering), used when a source merges legs. */
  readonly connectorOptions?: ConnectorOptions;
  /**
   * With the `segments` archive layout: where each record's raw sits, by its logical key
   * (`rawObjectKey`), as archiving the records answered. Records without an entry own an object.
   */
  readonly rawSegments?: ReadonlyMap<string, ArchiveSegmentRef>;
  /** Records written per statement; default 500. */
  readonly batchSize?: number;
}

// ---------------------------------------------------------------- query

/**
 * Filters shared by list, stats and export. Every given filter must match (AND); list values
 * match any of their entries (OR).
 */
export interface CallFilters {
  /** Calls that started at or after this instant. */
  readonly from?: Date | undefined;
  /** Calls that started before this instant. */
  readonly to?: Date | undefined;
  readonly sources?: readonly CallSource[] | undefined;
  readonly directions?: readonly CallDirection[] | undefined;
  readonly dispositions?: readonly CallDisposition[] | undefined;
  /**
   * A number on any party of any leg: E.164 (spaces, dashes and brackets allowed), or else the
   * raw address exactly as the source wrote it (extension, SIP URI), case-insensitively.
   */
  readonly number?: string | undefined;
  /** The agent id as the source gives it (or the agent's name when the source has no id), case-insensitively. */
  readonly agent?: string | undefined;
  /** Queue id as the source gives it. */
  readonly queue?: string | undefined;
  /** Total duration of at least this many seconds. */
  readonly minDurationSeconds?: number | undefined;
  /** Whole words of the names of parties and agent (all must occur), case- and accent-insensitive. */
  readonly q?: string | undefined;
}

/** What a list can be ordered by: each has an index that reads it in order (ties: newest first). */
export const CALL_SORT_KEYS = ['startedAt', 'duration'] as const;
export type CallSortKey = (typeof CALL_SORT_KEYS)[number];

export interface CallSort {
  readonly key: CallSortKey;
  readonly direction: 'asc' | 'desc';
}

/** Position in the list order (by default startedAt descending, then id descending). */
export interface CallCursor {
  readonly startedAt: Date;
  /** Internal UUID of the call. */
  readonly id: string;
  /** The total seconds of the call (-1 for none) when the list is sorted by duration. */
  readonly duration?: number | undefined;
}

export interface CallListQuery {
  readonly filters: CallFilters;
  readonly limit: number;
  /** Newest first when not given. */
  readonly sort?: CallSort | undefined;
  /** Continue after this call (the nextCursor of the previous page, read in the same sort). */
  readonly after?: CallCursor | undefined;
  /** Count the matching calls too (the first page of a list asks; later pages need not). */
  readonly withTotal?: boolean | undefined;
}

/** How many calls match: counted up to a cap, beyond it the planner's estimate (`exact: false`). */
export interface CallTotal {
  readonly count: number;
  readonly exact: boolean;
}

export interface NamedRef {
  readonly id: string | null;
  readonly name: string | null;
}

/** A call as a list shows it. Times are UTC ISO strings, durations whole seconds. */
export interface CallSummary {
  readonly id: string;
  readonly source: CallSource;
  readonly sourceCallId: string;
  readonly conversationId: string;
  readonly direction: CallDirection;
  readonly disposition: CallDisposition | null;
  readonly startedAt: string;
  readonly answeredAt: string | null;
  readonly endedAt: string | null;
  readonly ringSeconds: number | null;
  readonly talkSeconds: number | null;
  readonly totalSeconds: number | null;
  readonly from: CallParty;
  readonly to: CallParty;
  readonly agent: NamedRef | null;
  readonly queue: NamedRef | null;
  readonly quality: CallQuality | null;
  readonly legCount: number;
  readonly recordingCount: number;
}

export interface CallPage {
  readonly items: readonly CallSummary[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: CallCursor | null;
  /** When the query asked `withTotal`. */
  readonly total?: CallTotal | undefined;
}

export interface CallDetail {
  readonly record: CallRecordV1;
  readonly raw: {
    readonly objectKey: string;
    readonly sha256: string;
    /** Signed, short-lived link to the archived payload; null unless it was asked for (and audited). */
    readonly url: string | null;
  };
}

/** `range`: one interval, the whole range: totals (a leaderboard) without the intervals under them. */
export const STATS_INTERVALS = ['15m', 'hour', 'day', 'range'] as const;
export type StatsInterval = (typeof STATS_INTERVALS)[number];
export const STATS_GROUPS = ['source', 'queue', 'agent', 'direction'] as const;
export type StatsGroupBy = (typeof STATS_GROUPS)[number];

export interface CallStatsQuery {
  readonly filters: CallFilters & { readonly from: Date; readonly to: Date };
  readonly interval: StatsInterval;
  readonly groupBy?: StatsGroupBy | undefined;
  /** Also the totals of the period of the same length just before `from`. */
  readonly comparePrevious?: boolean | undefined;
}

/**
 * Service-level targets of a queue: `serviceLevelGoal` (0-1) of the offered inbound calls
 * answered within `serviceLevelSeconds`; inbound calls given up within `shortAbandonSeconds`
 * (0 = none) count neither as offered nor as abandoned in the rates that exclude them. Seconds are
 * edges of the rollups' wait histogram (QUEUE_TARGET_SECONDS), so every figure is exact.
 */
export interface QueueTarget {
  readonly serviceLevelSeconds: number;
  readonly serviceLevelGoal: number;
  readonly shortAbandonSeconds: number;
}

export interface QueueTargets {
  /** For calls of queues without targets of their own, and calls without a queue. */
  readonly default: QueueTarget & { readonly builtIn: boolean };
  readonly queues: readonly (QueueTarget & { readonly queueId: string })[];
}

/** The tenant's service-level targets (a configuration change: audited). */
export interface QueueTargetsService {
  get(ctx: RequestContext): Promise<QueueTargets>;
  /** queueId null sets the tenant's default. */
  set(ctx: AuditContext, queueId: string | null, target: QueueTarget): Promise<QueueTargets>;
  /** queueId null returns the default to the built-in one. */
  remove(ctx: AuditContext, queueId: string | null): Promise<QueueTargets>;
}

/**
 * Contact-centre figures of a set of calls.
 * - answerSeizureRatio = answered / calls
 * - averageTalkSeconds, averageHandleSeconds: over answered calls (handle = talk + after-call work
 *   where the source reports it)
 * - abandonRate = abandoned / inbound, abandoned = inbound calls the caller gave up before an answer
 * - offered = inbound - shortAbandoned (given up within the queue's short-abandon threshold)
 * - abandonRateExcludingShort = (abandoned - shortAbandoned) / offered
 * - serviceLevel = answeredWithinTarget / offered, each call against its queue's target
 * - averageSpeedOfAnswerSeconds: ring seconds of answered inbound calls, averaged
 * - averageHoldSeconds: over answered calls whose source reports hold
 * - inProgress: calls whose record has no end yet (only sources that report calls in progress)
 * Ratios and averages are null when their denominator is 0.
 */
export interface CallFigures {
  readonly calls: number;
  readonly answered: number;
  readonly answerSeizureRatio: number | null;
  readonly averageTalkSeconds: number | null;
  readonly averageHandleSeconds: number | null;
  readonly averageHoldSeconds: number | null;
  readonly inbound: number;
  readonly abandoned: number;
  readonly abandonRate: number | null;
  readonly shortAbandoned: number;
  readonly abandonRateExcludingShort: number | null;
  readonly answeredWithinTarget: number;
  readonly serviceLevel: number | null;
  readonly averageSpeedOfAnswerSeconds: number | null;
  readonly inProgress: number;
}

/** The group a row of figures belongs to; value null = calls without that attribute (no queue). */
export interface StatsGroup {
  readonly value: string | null;
  /** Queue or agent name where known. */
  readonly name: string | null;
}

export interface StatsBucket extends CallFigures {
  /** Start of the interval, UTC ISO. */
  readonly start: string;
  /** The same start as wall-clock time in the tenant's time zone (YYYY-MM-DDTHH:mm). */
  readonly localStart: string;
  readonly group: StatsGroup | null;
}

export interface StatsTotal extends CallFigures {
  readonly group: StatsGroup | null;
  /** The targets the group's calls were measured against (grouped by queue only). */
  readonly target: QueueTarget | null;
}

export interface CallStats {
  readonly timeZone: string;
  readonly interval: StatsInterval;
  readonly groupBy: StatsGroupBy | null;
  /** Intervals without calls are left out. */
  readonly buckets: readonly StatsBucket[];
  /** Figures over the whole range, per group. */
  readonly totals: readonly StatsTotal[];
  /** With comparePrevious: the same figures over the period of equal length just before. */
  readonly previous: {
    readonly from: string;
    readonly to: string;
    readonly totals: readonly StatsTotal[];
  } | null;
  /** The tenant's default targets (what ungrouped service levels of calls without queue targets use). */
  readonly defaultTarget: QueueTarget;
  /** `rollup`: served from the 15-minute rollups (and the raw calls of partial intervals at the edges); `scan`: the raw index (number, name or duration filters, or a time zone whose offset is not whole quarter hours). */
  readonly servedFrom: 'rollup' | 'scan';
}

export const EXPORT_FORMATS = ['csv', 'jsonl', 'vcon'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface CallExport {
  readonly contentType: string;
  readonly fileExtension: string;
  /**
   * Text chunks; reads the index page by page, so memory stays flat whatever the size. The first
   * page is already read when `export` resolves; a later page that fails makes the iteration throw,
   * and the answer must then be cut off, never ended as if complete.
   */
  readonly chunks: AsyncIterable<string>;
}

// ---------------------------------------------------------------- vCon contributions

/**
 * What the caller of a vCon export may see. Contributors leave out what the permissions do not
 * allow; the calls module itself never interprets them.
 */
export interface VconExportAccess {
  /** The caller's permissions (`recordings:read`, `transcripts:read`...). */
  readonly permissions: ReadonlySet<string>;
  /**
   * Which copy of media the caller asked for: `redacted` (the default) or `original`. A
   * contributor gives the original only when the permissions allow it (recordings:read_original).
   */
  readonly media: 'redacted' | 'original';
}

/** One call as a contributor sees it: the record and the parties its vCon already lists. */
export interface VconCallView {
  /** call_... */
  readonly callId: string;
  readonly record: CallRecordV1;
  /** The vCon's parties, in order: a contributor's dialogs refer to them by index. */
  readonly parties: readonly VconParty[];
}

/**
 * What a contributor adds to one call's vCon. Dialog indexes in `analysis[].dialog` and
 * `attachments[].dialog` count within this contribution's own `dialog` list (0 = its first); the
 * export moves them to where the dialogs land. Party indexes are the vCon's (VconCallView.parties).
 */
export interface VconContribution {
  readonly dialog: readonly VconDialog[];
  readonly analysis: readonly VconAnalysis[];
  readonly attachments: readonly VconAttachment[];
  /**
   * Names of this contribution's dialogs, in the order of `dialog` (null: unnamed), that analysis
   * of any contribution may refer to through `keyedAnalysis` (conversations names a recording's
   * dialog `recording:rec_…`).
   */
  readonly dialogKeys?: readonly (string | null)[];
  /** Analysis about dialogs named by key: placed once every dialog has its index. */
  readonly keyedAnalysis?: readonly VconKeyedAnalysis[];
}

/**
 * An analysis entry whose `dialog` is given by keys: `call:<n>` is the call's own n-th dialog (the
 * vCon before contributions), any other key a contribution's (VconContribution.dialogKeys). An
 * entry none of whose keys is found is left out.
 */
export interface VconKeyedAnalysis {
  readonly dialogKeys: readonly string[];
  /** Its `dialog`, if any, is replaced by the index (or indexes) the keys resolve to. */
  readonly analysis: VconAnalysis;
}

/**
 * Called during every vCon export that has a caller (single call, streamed export) with a batch of
 * calls of one tenant; answers a contribution per call id it has something for. Runs under the
 * caller's context, so row-level security keeps it to the caller's tenant; anything it hands out
 * (signed links) it audits itself. A contributor that throws fails the export.
 */
export type VconContributor = (
  ctx: AuditContext,
  access: VconExportAccess,
  calls: readonly VconCallView[],
) => Promise<ReadonlyMap<string, VconContribution>>;

/** Where modules that depend on calls register what they add to a call's vCon (at create time). */
export interface VconContributors {
  /** Names are unique (the module's name); contributions are appended in registration order. */
  register(name: string, contributor: VconContributor): void;
}

/**
 * How a recording finds its call record (conversations links each recording it receives). The
 * first rule that applies decides: a given `callId` (found or not, nothing else is tried); the
 * source's call id; a party number on the call and a start within `toleranceSeconds`.
 */
export interface RecordingCallQuery {
  /** call_... */
  readonly callId?: string | undefined;
  readonly sourceCallId?: string | undefined;
  /** Numbers or addresses of the recording's parties, as the uploader wrote them. */
  readonly numbers?: readonly string[] | undefined;
  readonly startedAt?: Date | undefined;
  /** Default 120. */
  readonly toleranceSeconds?: number | undefined;
}

export interface RecordingCallMatch {
  /** call_... */
  readonly callId: string;
  readonly link: 'given' | 'source_call_id' | 'numbers_and_time';
}

/** The index of call records: written by the ingest pipeline, read by the API. */
export interface CallsService {
  /**
   * Idempotent on (tenant, source, source call id): a newer sourceVersion replaces an older one,
   * never the reverse; an identical replay changes nothing; merge-legs sources unite legs.
   * Written in batches, a few statements per batch.
   */
  upsertRecords(
    ctx: RequestContext,
    records: readonly CallRecordV1[],
    options?: UpsertOptions,
  ): Promise<UpsertResult>;
  /**
   * The same inside the caller's transaction, which must be a withTenant transaction of
   * `ctx.tenantId`: the index, quarantine, outbox event and inbox mark of one payload then commit
   * together. Not retried: a collision with a concurrent writer throws the transient
   * CALLS_WRITE_CONTENTION, so the caller's transaction rolls back and the bus redelivers.
   */
  upsertWithin(
    work: UnitOfWork,
    ctx: RequestContext,
    records: readonly CallRecordV1[],
    options?: UpsertOptions,
  ): Promise<UpsertResult>;
  /**
   * Internal UUIDs of the calls already stored among these keys, keyed `${source}\0${sourceCallId}`,
   * so that ingest can name archive objects by the id a call keeps. Keys not stored are absent.
   */
  existingIds(
    ctx: RequestContext,
    keys: readonly { readonly source: string; readonly sourceCallId: string }[],
  ): Promise<Map<string, string>>;
  list(ctx: RequestContext, query: CallListQuery): Promise<CallPage>;
  /** The whole record; with `includeRawUrl` also a signed link to the raw payload (audited as calls.raw_viewed). */
  get(ctx: AuditContext, callId: string, options?: { readonly includeRawUrl?: boolean }): Promise<CallDetail>;
  /** The call a recording belongs to (RecordingCallQuery), or null when none matches. */
  matchRecording(ctx: RequestContext, query: RecordingCallQuery): Promise<RecordingCallMatch | null>;
  stats(ctx: RequestContext, query: CallStatsQuery): Promise<CallStats>;
  /**
   * Audited as calls.exported before the first row is read. Resolves once the filters are checked
   * and the first page is read and decrypted, so a caller can still refuse the request whole.
   */
  export(
    ctx: AuditContext,
    filters: CallFilters,
    format: ExportFormat,
    options?: {
      /** vCon format: what the caller may see, so registered contributors add recordings and analysis. */
      readonly vconAccess?: VconExportAccess | undefined;
    },
  ): Promise<CallExport>;
  /**
   * One call as a vCon, with what registered contributors add (recordings, transcripts) for the
   * caller's access. Audited as calls.exported (format vcon, the call id).
   */
  exportVcon(ctx: AuditContext, callId: string, access: VconExportAccess): Promise<VconDocument>;
  /**
   * Creates the monthly partitions for the months around `now` (the previous one to `monthsAhead`
   * ahead), for a daily maintenance job. Ingest creates missing months on its own as well.
   */
  maintainPartitions(now?: Date, monthsAhead?: number): Promise<number>;
  /**
   * Rebuilds, once, the indexes of the partitions of months closed for a week
   * (store/partition-compaction.ts), for the same daily job; returns what it rebuilt.
   */
  compactClosedMonths(now?: Date): Promise<PartitionCompaction[]>;
}

/** One partition whose indexes the daily job rebuilt after its month closed. */
export interface PartitionCompaction {
  readonly partition: string;
  /** The month's first day, `YYYY-MM-DD`. */
  readonly month: string;
  readonly indexBytesBefore: number;
  readonly indexBytesAfter: number;
}

// ---------------------------------------------------------------- quarantine

export type QuarantineStatus = 'open' | 'replayed';

export interface NewQuarantinedPayload {
  readonly source: string;
  /** The engineer's sentence (names the value); the console explains `category` instead. */
  readonly reason: string;
  /** Default `other`. */
  readonly category?: QuarantineCategory | undefined;
  /** The field at fault, as the source names it, when one is. */
  readonly field?: string | undefined;
  /** The payload as received; stored encrypted. Give this, the object key, or both. */
  readonly raw?: Buffer | string | undefined;
  readonly rawObjectKey?: string | undefined;
  readonly rawSha256?: string | undefined;
  readonly receivedAt?: Date | undefined;
  /** The connector options the delivery was read with; a replay reads the item with them again. */
  readonly options?: ConnectorOptions | undefined;
}

export interface QuarantinedPayload {
  /** `qua_...` */
  readonly id: string;
  readonly source: string;
  readonly reason: string;
  readonly category: QuarantineCategory;
  readonly field: string | null;
  readonly rawObjectKey: string | null;
  readonly rawSha256: string | null;
  readonly rawBytes: number | null;
  /** The connector options the delivery was read with (time zone, column layout...). */
  readonly options: ConnectorOptions;
  readonly receivedAt: Date;
  readonly status: QuarantineStatus;
  readonly replayAttempts: number;
  readonly lastReplayError: string | null;
  readonly replayedAt: Date | null;
}

export interface QuarantineListQuery {
  readonly status?: QuarantineStatus | undefined;
  readonly source?: string | undefined;
  readonly category?: QuarantineCategory | undefined;
  readonly limit: number;
  readonly after?: { readonly receivedAt: Date; readonly id: string } | undefined;
}

export interface QuarantinePage {
  readonly items: readonly QuarantinedPayload[];
  readonly nextCursor: { readonly receivedAt: Date; readonly id: string } | null;
}

/** What a re-parse of a quarantined payload produced. */
export type ReparseResult =
  | {
      readonly ok: true;
      readonly records: readonly CallRecordV1[];
      /** Where the records' raws sit when the archive keeps segments (UpsertOptions.rawSegments). */
      readonly rawSegments?: ReadonlyMap<string, ArchiveSegmentRef>;
    }
  | { readonly ok: false; readonly reason: string };

/** The pipeline's parse step, handed in by whoever replays (the quarantine cannot parse by itself). */
export type Reparse = (
  payload: QuarantinedPayload & { readonly raw: Buffer | null },
) => Promise<ReparseResult>;

export type ReplayOutcome =
  | { readonly status: 'replayed'; readonly upsert: UpsertResult }
  | { readonly status: 'still_failing'; readonly reason: string };

export interface QuarantineService {
  add(ctx: RequestContext, payload: NewQuarantinedPayload): Promise<QuarantinedPayload>;
  /** The same inside the caller's withTenant transaction of `ctx.tenantId` (commits with the rest of a payload's outcome). */
  addWithin(
    work: UnitOfWork,
    ctx: RequestContext,
    payload: NewQuarantinedPayload,
  ): Promise<QuarantinedPayload>;
  list(ctx: RequestContext, query: QuarantineListQuery): Promise<QuarantinePage>;
  /** How many items wait per category (status open unless given), largest first; categories without any are left out. */
  countByCategory(
    ctx: RequestContext,
    query?: { readonly status?: QuarantineStatus | undefined; readonly source?: string | undefined },
  ): Promise<readonly { readonly category: QuarantineCategory; readonly count: number }[]>;
  get(ctx: RequestContext, id: string): Promise<QuarantinedPayload>;
  /** The stored payload, decrypted; audited as calls.quarantine.raw_viewed. Null when only the archive holds it. */
  raw(ctx: AuditContext, id: string): Promise<Buffer | null>;
  markReplayed(ctx: RequestContext, id: string): Promise<QuarantinedPayload>;
  /** Re-parses the payload; on success upserts the records and marks it replayed, else records the new reason. */
  replay(ctx: RequestContext, id: string, reparse: Reparse): Promise<ReplayOutcome>;
}

/** Where a background export stands: queued → running → succeeded (then expired) | failed | cancelled. */
export const EXPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** A background export of calls: what was asked, how far it got, and its file while it is kept. */
export interface CallExportJob {
  /** exp_... */
  readonly id: string;
  readonly format: ExportFormat;
  /** The filters as they were given (they may hold a number or a name: shown to callers with calls:export only). */
  readonly filters: CallFilters;
  readonly status: ExportStatus;
  readonly requestedBy: string;
  /** Rows and bytes (uncompressed, as the file has them) written so far, or in all once succeeded. */
  readonly rows: number;
  readonly bytes: number;
  readonly fileName: string;
  readonly contentType: string;
  readonly attempts: number;
  /** Why it failed, in words a user can act on. */
  readonly error: string | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** When the file is deleted (succeeded exports). */
  readonly expiresAt: Date | null;
}

export interface CallExportJobPage {
  readonly items: readonly CallExportJob[];
  /** Pass as `before` for older exports; null on the last page. */
  readonly nextCursor: string | null;
}

/** Exports of any size as background jobs, written to the object store and downloaded by a signed link. */
export interface CallExportJobs {
  /** Queues the export (audited as calls.export_requested) and starts its job. */
  create(
    ctx: AuditContext,
    request: { readonly filters: CallFilters; readonly format: ExportFormat },
  ): Promise<CallExportJob>;
  list(
    ctx: RequestContext,
    query: { readonly limit: number; readonly before?: string | undefined },
  ): Promise<CallExportJobPage>;
  get(ctx: RequestContext, id: string): Promise<CallExportJob>;
  /** Stops a queued or running export (audited as calls.export_cancelled); a finished one is a conflict. */
  cancel(ctx: AuditContext, id: string): Promise<CallExportJob>;
  /** A short-lived signed link to the file (audited as calls.export_downloaded). */
  downloadLink(ctx: AuditContext, id: string): Promise<{ readonly url: string; readonly expiresAt: Date }>;
  /** The job's work: writes the file; safe to run again after a crash (it starts over, up to a bound). */
  run(tenantId: string, id: string): Promise<void>;
  /** Deletes files past their expiry (an hourly timer); answers how many. */
  expire(now?: Date): Promise<number>;
}
