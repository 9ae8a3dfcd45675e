import type { ColumnType, Generated } from 'kysely';
import type { TenantTransaction } from '../../../platform/db/index.js';

/** Row types of the conversations schema, camelCase (the CamelCasePlugin maps snake_case). */

export type RecordingState = 'uploading' | 'queued' | 'processing' | 'ready' | 'failed';
export type RecordingDirection = 'inbound' | 'outbound' | 'internal' | 'unknown';
export type CallLinkKind = 'given' | 'source_call_id' | 'numbers_and_time';

export type RecordingsTable = {
  id: string;
  tenantId: string;
  source: string;
  sourceRecordingId: string;
  state: RecordingState;
  failureCode: string | null;
  failureReason: string | null;
  startedAt: Date | null;
  direction: Generated<RecordingDirection>;
  queue: string | null;
  language: string | null;
  tags: Generated<string[]>;
  agentIndex: Buffer | null;
  callId: string | null;
  callLink: CallLinkKind | null;
  metadataSealed: Buffer;
  audioKey: string | null;
  audioContentType: string | null;
  audioBytes: ColumnType<string | null, number | bigint | null, number | bigint | null>;
  audioSha256: string | null;
  redactedAudioKey: string | null;
  codec: string | null;
  channels: number | null;
  sampleRate: number | null;
  durationMs: ColumnType<string | null, number | bigint | null, number | bigint | null>;
  suppliedTranscriptKey: string | null;
  /** While `uploading`: when the claim lapses (migration 0002). */
  uploadExpiresAt: Date | null;
  uploadExpectedBytes: ColumnType<string | null, number | bigint | null, number | bigint | null>;
  uploadExpectedSha256: string | null;
  /** The team the metadata names (migration 0012); null when none. */
  team: Generated<string | null>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type RecordingNumbersTable = {
  tenantId: string;
  recordingId: string;
  numberIndex: Buffer;
};

export type RunState = 'running' | 'succeeded' | 'failed';

export type RecordingRunsTable = {
  id: string;
  tenantId: string;
  recordingId: string;
  workflowId: string;
  reason: 'received' | 'rerun';
  state: RunState;
  options: ColumnType<unknown, string | undefined, string>;
  steps: ColumnType<unknown, string | undefined, string>;
  failureCode: string | null;
  failureReason: string | null;
  startedAt: Generated<Date>;
  finishedAt: Date | null;
};

export type TranscriptsTable = {
  id: string;
  tenantId: string;
  recordingId: string;
  runId: string;
  isCurrent: Generated<boolean>;
  provider: string;
  language: string | null;
  durationMs: ColumnType<string | null, number | bigint | null, number | bigint | null>;
  speakerCount: Generated<number>;
  transcriptSealed: Buffer;
  redactionSpansSealed: Buffer | null;
  redactionCounts: ColumnType<unknown, string | undefined, string>;
  characteristics: ColumnType<unknown, string | null, string | null>;
  costMicros: ColumnType<string | null, number | bigint | null, number | bigint | null>;
  /** Written with to_tsvector(...) in SQL; read rarely. */
  searchVector: ColumnType<string, unknown, unknown>;
  /** What each role said (migration 0010), to_tsvector(...) in SQL; NULL where that role said nothing. */
  agentVector: ColumnType<string | null, unknown, unknown>;
  customerVector: ColumnType<string | null, unknown, unknown>;
  enrichedKey: string | null;
  createdAt: Generated<Date>;
};

export type AudioRedactionPolicy = 'keep_original' | 'redacted_only' | 'both';

/** conversations.settings (migration 0003): one row per tenant that changed a default. */
export type ConversationSettingsTable = {
  tenantId: string;
  /** JSON `{ providers: [...] }` (settings/transcription-settings.ts); written as text, read as text. */
  transcription: string | null;
  defaultLanguage: string | null;
  audioRedaction: Generated<AudioRedactionPolicy>;
  audioPaddingMs: Generated<number>;
  redactEntityTypes: string[] | null;
  /** JSON (settings/analysis-settings.ts), migration 0008; written as text, read as text. */
  analysis: string | null;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
};

export type RecordingSourceKind = 'rest' | 'twilio' | '3cx';
export type SourceRunState = 'running' | 'succeeded' | 'partial' | 'failed' | 'abandoned';
export type SourceRunTrigger = 'timer' | 'manual' | 'callback';

/** conversations.recording_sources (migration 0004): a tenant's pull connector. */
export type RecordingSourcesTable = {
  id: string;
  tenantId: string;
  kind: RecordingSourceKind;
  name: string;
  config: ColumnType<unknown, string, string>;
  enabled: Generated<boolean>;
  intervalMinutes: number;
  lookBackMinutes: number;
  firstRunMinutes: number;
  maxWindowMinutes: number;
  settleSeconds: number;
  maxHoldBackMinutes: number;
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  lastRunStatus: SourceRunState | null;
  lastError: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  updatedBy: string;
};

/** conversations.recording_source_cursors (migration 0004): where each source left off. */
export type RecordingSourceCursorsTable = {
  sourceId: string;
  tenantId: string;
  highWaterMark: Date;
  lastSuccessAt: Date | null;
  importedTotal: ColumnType<string, number | bigint | undefined, never>;
  duplicatesTotal: ColumnType<string, number | bigint | undefined, never>;
  failedTotal: ColumnType<string, number | bigint | undefined, never>;
  updatedAt: Generated<Date>;
};

/** conversations.recording_source_runs (migration 0004): one row per run of a source. */
export type RecordingSourceRunsTable = {
  id: string;
  tenantId: string;
  sourceId: string;
  trigger: SourceRunTrigger;
  state: SourceRunState;
  windowSince: Date | null;
  windowUntil: Date | null;
  fetched: Generated<number>;
  imported: Generated<number>;
  duplicates: Generated<number>;
  failures: ColumnType<unknown, string | undefined, string>;
  skipped: ColumnType<unknown, string | undefined, string>;
  errorCode: string | null;
  error: string | null;
  startedAt: Generated<Date>;
  finishedAt: Date | null;
};

export type AnalysisConfigKind = 'insight_schema' | 'scorecard' | 'category_set';

/** conversations.analysis_configs (migration 0007): one row per configuration, its version pointers. */
export type AnalysisConfigsTable = {
  id: string;
  tenantId: string;
  kind: AnalysisConfigKind;
  name: string;
  latestVersion: number;
  activeVersion: number | null;
  activatedBy: string | null;
  activatedAt: Date | null;
  createdBy: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

/** conversations.analysis_config_versions (migration 0007): append-only, one row per saved version. */
export type AnalysisConfigVersionsTable = {
  tenantId: string;
  configId: string;
  version: number;
  name: string;
  body: ColumnType<unknown, string, never>;
  createdBy: string;
  createdAt: Generated<Date>;
};

/** conversations.analyses (migration 0008): one row per analysis of a recording. */
export type AnalysesTable = {
  id: string;
  tenantId: string;
  recordingId: string;
  transcriptId: string;
  runId: string;
  requestKey: string;
  reason: 'pipeline' | 'reanalysis' | 'rescore';
  analyser: string;
  analyserVersion: string;
  scorecardRef: string | null;
  categorySetRef: string | null;
  insightSchemaRef: string | null;
  isCurrent: Generated<boolean>;
  resultSealed: Buffer;
  sentimentScore: number | null;
  /** The customer's sentiment (migration 0010); NULL where the customer did not speak. */
  customerSentimentScore: ColumnType<number | null, number | null | undefined, number | null>;
  qaScore: number | null;
  grade: 'A' | 'B' | 'C' | 'D' | 'E' | null;
  intents: string[];
  categories: string[];
  topics: string[];
  finalKey: string | null;
  requestedBy: string;
  /** From the transcript's characteristics (migration 0012); null when not measured. */
  longestSilenceMs: Generated<number | null>;
  interruptions: Generated<number | null>;
  createdAt: Generated<Date>;
  /** What the analysis computed; qa_score and grade are the effective figures after reviews (0009). */
  machineQaScore: number | null;
  machineGrade: 'A' | 'B' | 'C' | 'D' | 'E' | null;
  /** When a reviewer's override last changed qa_score/grade; null = the machine's (0009). */
  reviewedAt: Date | null;
};

export type QaRuleStatus = 'evaluated' | 'pending' | 'not_applicable';

export type QaReviewsTable = {
  id: string;
  tenantId: string;
  analysisId: string;
  recordingId: string;
  ruleId: string;
  reviewer: string;
  originalStatus: QaRuleStatus;
  originalScore: number | null;
  originalPass: boolean | null;
  newScore: number;
  newPass: boolean;
  reasonSealed: Buffer;
  disputeId: string | null;
  createdAt: Generated<Date>;
};

export type QaDisputeState = 'open' | 'accepted' | 'rejected';

export type QaDisputesTable = {
  id: string;
  tenantId: string;
  analysisId: string;
  recordingId: string;
  ruleId: string | null;
  raisedBy: string;
  commentSealed: Buffer;
  state: Generated<QaDisputeState>;
  resolvedBy: string | null;
  resolutionSealed: Buffer | null;
  resolvedAt: Date | null;
  createdAt: Generated<Date>;
};

export type RescoreScope = 'qa' | 'full';
export type RescoreState = 'running' | 'succeeded' | 'failed' | 'cancelled';
export interface RescoreFailure {
  readonly recordingId: string;
  readonly reason: string;
}

/** conversations.rescore_jobs (migration 0011): a background re-score of a period and its progress. */
export type RescoreJobsTable = {
  id: string;
  tenantId: string;
  rangeFrom: Date;
  rangeTo: Date;
  queue: string | null;
  scope: RescoreScope;
  state: RescoreState;
  cancelRequested: Generated<boolean>;
  total: number | null;
  done: Generated<number>;
  failed: Generated<number>;
  failures: ColumnType<RescoreFailure[], string | undefined, string>;
  batchesDone: Generated<number>;
  cursorStartedAt: Date | null;
  cursorId: string | null;
  error: string | null;
  requestedBy: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  finishedAt: Date | null;
};

export type ConversationsTables = {
  'conversations.rescore_jobs': RescoreJobsTable;
  'conversations.recordings': RecordingsTable;
  'conversations.recording_numbers': RecordingNumbersTable;
  'conversations.recording_runs': RecordingRunsTable;
  'conversations.transcripts': TranscriptsTable;
  'conversations.settings': ConversationSettingsTable;
  'conversations.recording_sources': RecordingSourcesTable;
  'conversations.recording_source_cursors': RecordingSourceCursorsTable;
  'conversations.recording_source_runs': RecordingSourceRunsTable;
  'conversations.analysis_configs': AnalysisConfigsTable;
  'conversations.analysis_config_versions': AnalysisConfigVersionsTable;
  'conversations.analyses': AnalysesTable;
  'conversations.qa_reviews': QaReviewsTable;
  'conversations.qa_disputes': QaDisputesTable;
};

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type ConversationsTransaction = TenantTransaction<ConversationsTables>;
