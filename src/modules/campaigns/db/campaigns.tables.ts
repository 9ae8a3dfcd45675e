import type { Generated } from 'kysely';
import type { TenantTransaction } from '../../../platform/db/index.js';

/** Row types of the campaigns schema, camelCase (the CamelCasePlugin maps snake_case). */

export type LeadStatus =
  'new' | 'attempted' | 'contacted' | 'callback' | 'converted' | 'not_interested' | 'do_not_call' | 'invalid';

export type TimeZoneSource = 'field' | 'subdivision' | 'area_code' | 'country' | 'region_candidates';

export type SniffedType = 'csv' | 'tsv' | 'psv' | 'ssv' | 'xlsx';

export type ImportState = 'queued' | 'scanning' | 'importing' | 'completed' | 'failed';

export type ScanResult = 'clean' | 'infected' | 'error' | 'not_configured';

export type LeadListsTable = {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  defaultRegion: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type LeadsTable = {
  id: string;
  tenantId: string;
  listId: string;
  phoneIndex: Buffer;
  phoneSealed: Buffer;
  emailIndex: Buffer | null;
  emailSealed: Buffer | null;
  personalSealed: Buffer;
  region: string | null;
  subdivision: string | null;
  timeZone: string | null;
  timeZoneCandidates: Generated<string[]>;
  timeZoneSource: TimeZoneSource | null;
  status: Generated<LeadStatus>;
  importId: string | null;
  sourceRow: number | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type LeadStatusHistoryTable = {
  id: string;
  tenantId: string;
  leadId: string;
  fromStatus: LeadStatus | null;
  toStatus: LeadStatus;
  reason: string;
  actor: string;
  createdAt: Generated<Date>;
};

export type ColumnMappingsTable = {
  id: string;
  tenantId: string;
  name: string;
  mapping: unknown;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type LeadImportsTable = {
  id: string;
  tenantId: string;
  listId: string;
  fileName: string;
  sniffedType: SniffedType;
  sizeBytes: string | number;
  sha256: string;
  objectKey: string;
  mapping: unknown;
  state: ImportState;
  rowsRead: Generated<number>;
  rowsAccepted: Generated<number>;
  rowsRejected: Generated<number>;
  rowsDuplicate: Generated<number>;
  checkpointRow: Generated<number>;
  scanResult: ScanResult | null;
  scanDetail: string | null;
  failureReason: string | null;
  claimedUntil: Date | null;
  attempts: Generated<number>;
  createdBy: string;
  createdAt: Generated<Date>;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export type LeadImportRejectionsTable = {
  tenantId: string;
  importId: string;
  rowNumber: number;
  field: string;
  reason: string;
};

export type ConsentChannel = 'call' | 'ai_voice' | 'sms' | 'email';
export type ConsentSource = 'web_form' | 'paper' | 'verbal_recorded' | 'ivr' | 'sms_reply' | 'import' | 'api';
export type WithdrawalHow =
  | 'web_form'
  | 'paper'
  | 'verbal_recorded'
  | 'ivr'
  | 'sms_stop'
  | 'voice_agent'
  | 'opt_out_intent'
  | 'api'
  | 'manual';
export type DncSource = 'manual' | 'import' | 'opt_out_intent' | 'voice_agent' | 'sms_stop';
export type RegistryCopyState = 'importing' | 'current' | 'replaced' | 'failed';

export type ConsentsTable = {
  id: string;
  tenantId: string;
  phoneIndex: Buffer;
  phoneSealed: Buffer;
  purpose: string;
  channel: ConsentChannel;
  givenAt: Date;
  source: ConsentSource;
  textShownSealed: Buffer;
  requestSealed: Buffer | null;
  requestObjectKey: string | null;
  expiresAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnHow: WithdrawalHow | null;
  withdrawnBy: string | null;
  createdBy: string;
  createdAt: Generated<Date>;
};

export type DncEntriesTable = {
  id: string;
  tenantId: string;
  phoneIndex: Buffer | null;
  phoneSealed: Buffer | null;
  pattern: string | null;
  reason: string;
  source: DncSource;
  evidenceSealed: Buffer | null;
  addedBy: string;
  createdAt: Generated<Date>;
  removedAt: Date | null;
  removedBy: string | null;
  removedReason: string | null;
};

export type DncRegistryCopiesTable = {
  id: string;
  tenantId: string;
  registry: string;
  region: string;
  downloadedAt: Date;
  state: RegistryCopyState;
  entryCount: Generated<number>;
  linesRejected: Generated<number>;
  fileSha256: string | null;
  importedBy: string;
  createdAt: Generated<Date>;
  finishedAt: Date | null;
};

export type DncRegistryEntriesTable = {
  tenantId: string;
  copyId: string;
  phoneIndex: Buffer;
};

export type CampaignState = 'draft' | 'running' | 'paused' | 'completed' | 'cancelled';

export type CallOutcome = 'answered' | 'busy' | 'no_answer' | 'voicemail' | 'failed' | 'abandoned';

export type CampaignsTable = {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  state: Generated<CampaignState>;
  /** The validated settings document (campaigns/campaign-settings.ts). */
  settings: unknown;
  pacingFactor: Generated<number>;
  priority: Generated<number>;
  startsAt: Date | null;
  endsAt: Date | null;
  createdBy: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  startedAt: Date | null;
  stoppedAt: Date | null;
};

export type CampaignListsTable = {
  tenantId: string;
  campaignId: string;
  listId: string;
  weight: Generated<number>;
  /** When the hopper last took this list's new leads; null: never (the next sync reads them all). */
  syncedAt: Date | null;
};

export type CampaignLeadState = 'pending' | 'in_call' | 'done';

export type CampaignLeadsTable = {
  tenantId: string;
  campaignId: string;
  leadId: string;
  listId: string;
  state: Generated<CampaignLeadState>;
  attempts: Generated<number>;
  lastAttemptAt: Date | null;
  lastOutcome: CallOutcome | null;
  nextDueAt: Date | null;
  callbackAt: Date | null;
  finalReason: string | null;
  lastSkipReason: string | null;
  lastSkipAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type CallAttemptState = 'reserved' | 'placed' | 'ringing' | 'in_progress' | 'ended' | 'not_placed';

export type CallAttemptsTable = {
  id: string;
  tenantId: string;
  campaignId: string;
  leadId: string;
  attemptNumber: number;
  idempotencyKey: string;
  adapter: string;
  state: Generated<CallAttemptState>;
  providerCallId: string | null;
  reservedAt: Generated<Date>;
  placedAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  outcome: CallOutcome | null;
  answeredBy: 'human' | 'machine' | 'unknown' | null;
  secondsToLiveVoice: number | null;
  talkSeconds: number | null;
  disposition: string | null;
  endedReason: string | null;
  optOut: Generated<boolean>;
  converted: Generated<boolean>;
  recordingId: string | null;
  resultSealed: Buffer | null;
  reportReceivedAt: Date | null;
  reconcileAfter: Date | null;
  reconciledAt: Date | null;
  failureReason: string | null;
};

export type DialSkipsTable = {
  id: Generated<string>;
  tenantId: string;
  campaignId: string;
  leadId: string;
  at: Generated<Date>;
  reason: string;
  detail: string;
};

export type CallReportsTable = {
  id: string;
  tenantId: string;
  adapter: string;
  reportKey: string;
  providerCallId: string;
  kind: 'status' | 'end_of_call';
  attemptId: string | null;
  payloadSealed: Buffer;
  via: 'webhook' | 'reconciliation' | 'simulator';
  receivedAt: Generated<Date>;
};

/** A number whose person restricted processing (GDPR Art. 18): the dialer skips it. */
export type ProcessingRestrictionsTable = {
  tenantId: string;
  phoneIndex: Buffer;
  restrictedAt: Generated<Date>;
};

export type CampaignsTables = {
  'campaigns.lead_lists': LeadListsTable;
  'campaigns.leads': LeadsTable;
  'campaigns.lead_status_history': LeadStatusHistoryTable;
  'campaigns.column_mappings': ColumnMappingsTable;
  'campaigns.lead_imports': LeadImportsTable;
  'campaigns.lead_import_rejections': LeadImportRejectionsTable;
  'campaigns.consents': ConsentsTable;
  'campaigns.dnc_entries': DncEntriesTable;
  'campaigns.dnc_registry_copies': DncRegistryCopiesTable;
  'campaigns.dnc_registry_entries': DncRegistryEntriesTable;
  'campaigns.campaigns': CampaignsTable;
  'campaigns.campaign_lists': CampaignListsTable;
  'campaigns.campaign_leads': CampaignLeadsTable;
  'campaigns.call_attempts': CallAttemptsTable;
  'campaigns.dial_skips': DialSkipsTable;
  'campaigns.call_reports': CallReportsTable;
  'campaigns.processing_restrictions': ProcessingRestrictionsTable;
};

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type CampaignsTransaction = TenantTransaction<CampaignsTables>;
