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
import type { CampaignSettings, CampaignSettingsInput } from './campaigns/campaign-settings.js';
import type { CallAttemptState, CallOutcome, CampaignState } from './db/campaigns.tables.js';

export type { ColumnMapping } from './leads/lead-mapping.js';
export type * from './consent/consent.types.js';
export type * from './suppression/suppression.types.js';
export type { CampaignSettings, CampaignSettingsInput } from './campaigns/campaign-settings.js';
export type { CallAttemptState, CallOutcome, CampaignState } from './db/campaigns.tables.js';
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

// Campaigns (campaigns/).

export interface CampaignListRef {
  /** `list_...` */
  readonly listId: string;
  /** Mix ratio, 1–100: a list of weight 3 gets three calls for every one of a list of weight 1. */
  readonly weight: number;
}

export interface HopperCounts {
  readonly pending: number;
  readonly inCall: number;
  readonly done: number;
}

export interface Campaign {
  /** `cmp_...` */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly state: CampaignState;
  readonly lists: readonly (CampaignListRef & { readonly name: string; readonly leadCount: number })[];
  /** Defaults filled. */
  readonly settings: CampaignSettings;
  /** The abandonment control's reduction of the configured pace, (0, 1]. */
  readonly pacingFactor: number;
  readonly priority: number;
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly startedAt: Date | null;
  readonly stoppedAt: Date | null;
  readonly hopper: HopperCounts;
}

export interface CampaignInput {
  readonly name: string;
  readonly description?: string | null | undefined;
  readonly lists: readonly { readonly listId: string; readonly weight?: number | undefined }[];
  readonly settings: CampaignSettingsInput;
  readonly startsAt?: Date | null | undefined;
  readonly endsAt?: Date | null | undefined;
  readonly priority?: number | undefined;
}

export interface CallAttempt {
  /** `cat_...` */
  readonly id: string;
  /** `lead_...` */
  readonly leadId: string;
  readonly attemptNumber: number;
  readonly adapter: string;
  readonly state: CallAttemptState;
  readonly providerCallId: string | null;
  readonly reservedAt: Date;
  readonly placedAt: Date | null;
  readonly answeredAt: Date | null;
  readonly endedAt: Date | null;
  readonly outcome: CallOutcome | null;
  readonly answeredBy: 'human' | 'machine' | 'unknown' | null;
  readonly talkSeconds: number | null;
  readonly disposition: string | null;
  readonly endedReason: string | null;
  readonly optOut: boolean;
  readonly converted: boolean;
  readonly recordingId: string | null;
}

export interface AttemptQuery {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly outcome?: CallOutcome | undefined;
}

export interface AttemptPage {
  readonly attempts: readonly CallAttempt[];
  readonly nextCursor: string | null;
}

/** Counts behind the abandonment rates (TSR 30 days, Ofcom 24 hours). */
export interface AbandonmentCounts {
  /** Calls answered by a person in the 30 days before `now` (abandoned ones included). */
  readonly answered30d: number;
  readonly abandoned30d: number;
  readonly answered24h: number;
  readonly abandoned24h: number;
}

export interface CampaignStats {
  readonly campaignId: string;
  readonly state: CampaignState;
  readonly at: Date;
  /** Calls the provider took (placed). */
  readonly dialled: number;
  /** Calls answered (by anyone or anything). */
  readonly connected: number;
  readonly answeredByMachine: number;
  readonly talkSeconds: number;
  readonly conversions: number;
  readonly optOuts: number;
  /** Leads with a callback booked that is still to come. */
  readonly callbacks: number;
  /** Attempts open now (reserved, placed, ringing, in progress). */
  readonly inCall: number;
  readonly abandoned: number;
  readonly abandonment: {
    /** Percent of calls answered by a person that were abandoned, rolling 30 days (TSR). */
    readonly rate30d: number;
    readonly answered30d: number;
    readonly abandoned30d: number;
    /** The same over 24 hours (Ofcom). */
    readonly rate24h: number;
    readonly answered24h: number;
    readonly abandoned24h: number;
    readonly limitPercent: number;
  };
  readonly skipsByReason: Readonly<Record<string, number>>;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly pacing: {
    readonly callsPerMinute: number;
    readonly maxConcurrent: number;
    readonly factor: number;
    readonly effectiveCallsPerMinute: number;
  };
  readonly hopper: HopperCounts;
}

export interface CampaignsService {
  create(ctx: RequestContext, input: CampaignInput): Promise<Campaign>;
  /** Newest first. */
  list(ctx: RequestContext): Promise<Campaign[]>;
  get(ctx: RequestContext, campaignId: string): Promise<Campaign>;
  /** Settings and lists are replaced whole when given; refused (409) once completed or cancelled. */
  update(ctx: RequestContext, campaignId: string, input: Partial<CampaignInput>): Promise<Campaign>;
  /** Only a draft. */
  remove(ctx: RequestContext, campaignId: string): Promise<void>;
  /** draft|paused -> running; fills the hopper from the campaign's lists. */
  start(ctx: RequestContext, campaignId: string): Promise<Campaign>;
  pause(ctx: RequestContext, campaignId: string): Promise<Campaign>;
  resume(ctx: RequestContext, campaignId: string): Promise<Campaign>;
  cancel(ctx: RequestContext, campaignId: string): Promise<Campaign>;
  /**
   * running -> completed when the hopper has nothing pending nor in call (the dialer calls it
   * after each pass). Answers whether the campaign completed now. Takes the campaign's uuid or `cmp_...`.
   */
  completeIfDrained(ctx: RequestContext, campaignId: string): Promise<boolean>;
  /** Adds leads that joined the campaign's lists since it started (the dialer calls it each pass); answers how many. */
  syncHopper(ctx: RequestContext, campaignId: string): Promise<number>;
  attempts(ctx: RequestContext, campaignId: string, query: AttemptQuery): Promise<AttemptPage>;
  campaignStats(ctx: RequestContext, campaignId: string): Promise<CampaignStats>;
  /** What the abandonment control reads: answered-by-a-person and abandoned calls before `now`. */
  abandonment(ctx: RequestContext, campaignId: string, now: Date): Promise<AbandonmentCounts>;
  /** CSV of the attempts with the lead's name and number; audited before the first byte. */
  resultsCsv(ctx: AuditContext, campaignId: string): Promise<AsyncIterable<string>>;
}
