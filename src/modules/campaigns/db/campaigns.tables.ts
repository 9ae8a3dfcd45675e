import type { Generated } from 'kysely';
import type { TenantTransaction } from '../../../platform/db/index.js';

/** Row types of the campaigns schema, camelCase (the CamelCasePlugin maps snake_case). */

export type LeadStatus =
  'new' | 'attempted' | 'contacted' | 'callback' | 'converted' | 'not_interested' | 'do_not_call' | 'invalid';

export type TimeZoneSource = 'field' | 'subdivision' | 'country' | 'region_candidates';

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

export type CampaignsTables = {
  'campaigns.lead_lists': LeadListsTable;
  'campaigns.leads': LeadsTable;
  'campaigns.lead_status_history': LeadStatusHistoryTable;
  'campaigns.column_mappings': ColumnMappingsTable;
  'campaigns.lead_imports': LeadImportsTable;
  'campaigns.lead_import_rejections': LeadImportRejectionsTable;
};

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type CampaignsTransaction = TenantTransaction<CampaignsTables>;
