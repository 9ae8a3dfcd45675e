import type { AuditContext } from '../../platform/audit/index.js';
import type { RequestContext } from '../../platform/context.js';
import type {
  ImportState,
  LeadStatus,
  ScanResult,
  SniffedType,
  TimeZoneSource,
} from './db/campaigns.tables.js';
import type { ColumnMapping } from './leads/lead-mapping.js';

export type { ColumnMapping } from './leads/lead-mapping.js';
export type * from './consent/consent.types.js';
export type * from './suppression/suppression.types.js';
export type {
  ImportState,
  LeadStatus,
  ScanResult,
  SniffedType,
  TimeZoneSource,
} from './db/campaigns.tables.js';

/** A list of leads: what campaigns dial from, and what dedupe is per. */
export interface LeadList {
  /** `list_...` */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  /** ISO 3166-1 alpha-2: how national numbers in its files are read. */
  readonly defaultRegion: string | null;
  readonly leadCount: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface LeadListInput {
  readonly name: string;
  readonly description?: string | null | undefined;
  readonly defaultRegion?: string | null | undefined;
}

/** A lead as lists show it. The number is unsealed for callers with leads:read. */
export interface LeadSummary {
  /** `lead_...` */
  readonly id: string;
  readonly listId: string;
  /** E.164. */
  readonly phone: string;
  readonly region: string | null;
  readonly subdivision: string | null;
  readonly timeZone: string | null;
  /** Every zone the lead may be in; a calling window must hold in each. */
  readonly timeZoneCandidates: readonly string[];
  readonly timeZoneSource: TimeZoneSource | null;
  readonly status: LeadStatus;
  readonly createdAt: Date;
}

export interface LeadStatusChange {
  readonly from: LeadStatus | null;
  readonly to: LeadStatus;
  readonly reason: string;
  readonly actor: string;
  readonly at: Date;
}

export interface LeadDetail extends LeadSummary {
  readonly email: string | null;
  readonly title: string | null;
  readonly firstName: string | null;
  readonly middleName: string | null;
  readonly lastName: string | null;
  readonly fullName: string | null;
  readonly address: {
    readonly lines: readonly string[];
    readonly city: string | null;
    readonly state: string | null;
    readonly province: string | null;
    readonly postalCode: string | null;
    readonly country: string | null;
  };
  readonly externalId: string | null;
  readonly customFields: Readonly<Record<string, string>>;
  /** `limp_...` of the import that created it. */
  readonly importId: string | null;
  /** Its row in that import's file. */
  readonly sourceRow: number | null;
  readonly statusHistory: readonly LeadStatusChange[];
}

export interface LeadQuery {
  readonly listId?: string | undefined;
  /** E.164, or national with `region`: matched through the blind index. */
  readonly phone?: string | undefined;
  readonly region?: string | undefined;
  readonly email?: string | undefined;
  readonly status?: LeadStatus | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface LeadPage {
  readonly leads: readonly LeadSummary[];
  readonly nextCursor: string | null;
}

export interface SavedColumnMapping {
  /** `lmap_...` */
  readonly id: string;
  readonly name: string;
  readonly mapping: ColumnMapping;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface LeadImport {
  /** `limp_...` */
  readonly id: string;
  readonly listId: string;
  readonly fileName: string;
  /** What the bytes are (sniffed, never the extension). */
  readonly sniffedType: SniffedType;
  readonly sizeBytes: number;
  readonly state: ImportState;
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  /** Rows not taken, duplicates included. */
  readonly rowsRejected: number;
  readonly rowsDuplicate: number;
  readonly scan: { readonly result: ScanResult | null; readonly detail: string | null };
  readonly failureReason: string | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

export interface ImportRejection {
  /** 1-based record number in the file, a header row included. */
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

export interface LeadImportDetail extends LeadImport {
  readonly rejections: readonly ImportRejection[];
  /** Ask again with `rejectionsAfter` set to this row for the next rejections; null at the end. */
  readonly nextRejectionsAfter: number | null;
}

export interface ImportPreview {
  readonly sniffedType: SniffedType;
  /** null for an XLSX workbook. */
  readonly delimiter: string | null;
  /** The first record as read (the header when the file has one). */
  readonly header: readonly string[] | null;
  readonly rows: readonly {
    readonly row: number;
    readonly raw: readonly string[];
    /** The lead the row makes (the personal values as they would be stored), or why not. */
    readonly lead: {
      readonly phone: string;
      readonly region: string | null;
      readonly subdivision: string | null;
      readonly timeZone: string | null;
      readonly timeZoneCandidates: readonly string[];
      readonly email: string | null;
      readonly fields: Readonly<Record<string, string>>;
      readonly customFields: Readonly<Record<string, string>>;
    } | null;
    readonly rejection: { readonly field: string; readonly reason: string } | null;
  }[];
}

export interface LeadListsService {
  create(ctx: RequestContext, input: LeadListInput): Promise<LeadList>;
  list(ctx: RequestContext): Promise<LeadList[]>;
  get(ctx: RequestContext, listId: string): Promise<LeadList>;
  update(ctx: RequestContext, listId: string, input: Partial<LeadListInput>): Promise<LeadList>;
  /** Removes the list with its leads and imports (audited). */
  remove(ctx: RequestContext, listId: string): Promise<void>;
}

export interface LeadsService {
  query(ctx: RequestContext, query: LeadQuery): Promise<LeadPage>;
  get(ctx: RequestContext, leadId: string): Promise<LeadDetail>;
  /** Moves a lead to `status` by hand (audited, a history row); 409 when lead-status.ts refuses it. */
  changeStatus(
    ctx: RequestContext,
    leadId: string,
    change: { readonly status: LeadStatus; readonly note?: string | undefined },
  ): Promise<LeadDetail>;
  /** CSV of a list's leads (or all), formula-neutralised; audited before the first byte. */
  exportCsv(
    ctx: AuditContext,
    filter: { readonly listId?: string | undefined },
  ): Promise<AsyncIterable<string>>;
}

export interface ColumnMappingsService {
  /** `field` names the name's field in a refusal (a name taken): `body.name` by default. */
  save(
    ctx: RequestContext,
    name: string,
    mapping: ColumnMapping,
    field?: string,
  ): Promise<SavedColumnMapping>;
  list(ctx: RequestContext): Promise<SavedColumnMapping[]>;
  get(ctx: RequestContext, mappingId: string, field?: string): Promise<SavedColumnMapping>;
  remove(ctx: RequestContext, mappingId: string): Promise<void>;
}

export interface LeadImportInput {
  readonly listId: string;
  readonly fileName: string;
  readonly mapping: ColumnMapping;
  /** Saves the mapping under this name too. */
  readonly saveMappingAs?: string | undefined;
  readonly file: AsyncIterable<Buffer>;
}

export interface LeadImportsService {
  /** Stores the file (sniffed, size-limited), creates the job and starts it; answers at once. */
  start(ctx: RequestContext, input: LeadImportInput): Promise<LeadImport>;
  /** The first `rows` rows of a file, mapped, without storing anything. */
  preview(
    ctx: RequestContext,
    input: Omit<LeadImportInput, 'saveMappingAs' | 'fileName'> & { readonly rows: number },
  ): Promise<ImportPreview>;
  get(
    ctx: RequestContext,
    importId: string,
    page?: { readonly rejectionsAfter?: number | undefined; readonly limit?: number | undefined },
  ): Promise<LeadImportDetail>;
  list(ctx: RequestContext): Promise<LeadImport[]>;
  /** Resumes imports whose run stopped (a crash, a restart); the timer calls it. */
  resumeStalled(): Promise<number>;
  /** Resolves once the runs this process started have ended (tests, shutdown). */
  idle(): Promise<void>;
}
