import type { ColumnType, Generated } from 'kysely';
import type { CallDirection, CallDisposition, CallSource } from '../call-record.js';

/** Row types of the calls schema, camelCase (the Kysely CamelCasePlugin maps snake_case). */

export type CallKeysTable = {
  tenantId: string;
  source: CallSource;
  sourceCallId: string;
  id: string;
  startedAt: Date;
  sourceVersion: string;
  contentDigest: Buffer;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type CallRecordsTable = {
  tenantId: string;
  id: string;
  startedAt: Date;
  source: CallSource;
  sourceCallId: string;
  conversationId: string;
  sourceVersion: string;
  direction: CallDirection;
  disposition: CallDisposition | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  ringSeconds: number | null;
  talkSeconds: number | null;
  totalSeconds: number | null;
  handleSeconds: number | null;
  holdSeconds: number | null;
  agentIndex: Buffer | null;
  agentCiphertext: string | null;
  queueId: string | null;
  queueName: string | null;
  mos: number | null;
  jitterMs: number | null;
  packetLossPct: number | null;
  rttMs: number | null;
  legCount: number;
  recordingCount: number;
  rawObjectKey: string;
  rawSha256: string;
  rawSegmentKey: string | null;
  rawSegmentOffset: number | null;
  rawSegmentLength: number | null;
  ingestedAt: Date;
  partiesCiphertext: Buffer;
  recordCiphertext: Buffer;
  updatedAt: Generated<Date>;
};

export type CallNumbersTable = {
  tenantId: string;
  numberIndex: Buffer;
  startedAt: Date;
  callId: string;
};

export type CallNameTermsTable = {
  tenantId: string;
  termIndex: Buffer;
  startedAt: Date;
  callId: string;
};

export type QuarantineTable = {
  id: string;
  tenantId: string;
  source: string;
  reason: string;
  /** A QuarantineCategory (migration 0013); read through categoryOf, so an unknown one is 'other'. */
  category: ColumnType<string, string | undefined, string>;
  field: string | null;
  rawCiphertext: Buffer | null;
  rawObjectKey: string | null;
  rawSha256: string | null;
  rawBytes: number | null;
  /** Connector options of the delivery (JSON), for replays. */
  options: ColumnType<Record<string, unknown>, string | undefined, string>;
  receivedAt: ColumnType<Date, Date | undefined, Date>;
  status: Generated<'open' | 'replayed'>;
  replayAttempts: Generated<number>;
  lastReplayError: string | null;
  replayedAt: Date | null;
  replayedBy: string | null;
};

/** Per-interval sums of the index (migration 0010, stats/rollup-contributions.sql.ts). */
export type CallRollupsTable = {
  tenantId: string;
  bucketStart: Date;
  source: CallSource;
  direction: CallDirection;
  disposition: CallDisposition | null;
  queueId: string | null;
  agentIndex: Buffer | null;
  queueName: string | null;
  agentCiphertext: string | null;
  calls: number;
  talkSum: number;
  talkCount: number;
  handleSum: number;
  handleCount: number;
  holdSum: number;
  holdCount: number;
  ringSum: number;
  ringCount: number;
  inProgress: number;
  ringWithin: number[];
};

/** calls.call_rollups without the agent (migration 0013). */
export type CallRollupsQueueTable = Omit<CallRollupsTable, 'agentIndex' | 'agentCiphertext'>;

export type QueueTargetsTable = {
  tenantId: string;
  queueId: string;
  serviceLevelSeconds: number;
  serviceLevelGoal: string;
  shortAbandonSeconds: number;
  updatedAt: Generated<Date>;
  updatedBy: string;
};

export type CallsTables = {
  'calls.call_keys': CallKeysTable;
  'calls.call_records': CallRecordsTable;
  'calls.call_numbers': CallNumbersTable;
  'calls.call_name_terms': CallNameTermsTable;
  'calls.quarantine': QuarantineTable;
  'calls.call_rollups': CallRollupsTable;
  'calls.call_rollups_queue': CallRollupsQueueTable;
  'calls.queue_targets': QueueTargetsTable;
};
