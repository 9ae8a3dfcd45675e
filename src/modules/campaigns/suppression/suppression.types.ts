import type { RequestContext } from '../../../platform/context.js';
import type { DncSource, RegistryCopyState } from '../db/campaigns.tables.js';
import type { SuppressionFacts } from '../dialing/pre-dial-check.js';

export type { DncSource, RegistryCopyState } from '../db/campaigns.tables.js';

/** What a DNC entry keeps as proof of why it is there (sealed at rest). */
export interface DncEvidence {
  /** The words that asked for it (the triggering phrase of an opt-out intent, an SMS body). */
  readonly quote?: string | undefined;
  /** `rec_...` of the recording it was heard in. */
  readonly recordingId?: string | undefined;
  readonly analysisId?: string | undefined;
  readonly callId?: string | undefined;
  /** A free note (what the person said on the phone to an agent, the import file). */
  readonly note?: string | undefined;
}

/** One entry of the tenant's do-not-call list: a number, or a pattern (`+4420*`, `+1555???1234`). */
export interface DncEntry {
  /** `dnc_...` */
  readonly id: string;
  readonly kind: 'number' | 'pattern';
  /** E.164, for a number. */
  readonly number: string | null;
  readonly pattern: string | null;
  readonly reason: string;
  readonly source: DncSource;
  readonly evidence: DncEvidence | null;
  readonly addedBy: string;
  readonly createdAt: Date;
  /** Set when the entry was taken off the list (it is kept, with who and why). */
  readonly removedAt: Date | null;
  readonly removedBy: string | null;
  readonly removedReason: string | null;
}

export interface DncEntryInput {
  /** A number (E.164, or national with `region`), or … */
  readonly number?: string | undefined;
  readonly region?: string | undefined;
  /** … a pattern. */
  readonly pattern?: string | undefined;
  readonly reason: string;
  readonly source?: DncSource | undefined;
  readonly evidence?: DncEvidence | undefined;
}

export interface OptOut {
  /** E.164. */
  readonly number: string;
  readonly source: Exclude<DncSource, 'manual' | 'import'>;
  readonly evidence: DncEvidence;
}

export interface DncCheck {
  /** E.164. */
  readonly number: string;
  /** On the tenant's list, by number or pattern. */
  readonly suppressed: boolean;
  /** The active entries that match it. */
  readonly entries: readonly DncEntry[];
  /** Each current registry copy and whether the number is on it. */
  readonly registries: readonly { readonly registry: string; readonly listed: boolean }[];
}

export interface RegistryCopy {
  /** `dncreg_...` */
  readonly id: string;
  /** `us-national-dnc`, `uk-tps`: the ids the rule sets require. */
  readonly registry: string;
  readonly region: string;
  readonly downloadedAt: Date;
  /** Whole days since it was downloaded, at the time asked. */
  readonly ageDays: number;
  readonly state: RegistryCopyState;
  readonly entryCount: number;
  readonly linesRejected: number;
  readonly importedBy: string;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

export interface RegistryImportInput {
  readonly registry: string;
  /** ISO 3166-1 alpha-2: how national numbers in the file are read. */
  readonly region: string;
  readonly downloadedAt: Date;
  /** The file: one number a line (CSV: the first column; `201,5550123` is read as one number). */
  readonly file: AsyncIterable<Buffer | string>;
}

export interface SuppressionService {
  /** Puts a number or pattern on the list (audited); 409 when it is on it already. */
  add(ctx: RequestContext, input: DncEntryInput): Promise<DncEntry>;
  /** Takes an entry off the list (kept, with the reason; audited). */
  remove(ctx: RequestContext, entryId: string, reason: string): Promise<DncEntry>;
  check(ctx: RequestContext, number: string, region?: string): Promise<DncCheck>;
  list(
    ctx: RequestContext,
    query: {
      readonly limit: number;
      readonly cursor?: string | undefined;
      readonly includeRemoved?: boolean;
    },
  ): Promise<{ readonly entries: readonly DncEntry[]; readonly nextCursor: string | null }>;
  /**
   * The number goes on the list at once, with the evidence, audited as the caller (the system for
   * automatic opt-outs). Idempotent: a number already on the list is left as it is (`created: false`).
   * The voice-agent and SMS STOP paths call this.
   */
  optOut(
    ctx: RequestContext,
    optOut: OptOut,
  ): Promise<{ readonly entry: DncEntry; readonly created: boolean }>;
  /** Reads a registry file into a new copy that replaces the current one when complete (audited). */
  importRegistry(ctx: RequestContext, input: RegistryImportInput): Promise<RegistryCopy>;
  /** The current copy of each registry, with its age. */
  registries(ctx: RequestContext, now?: Date): Promise<RegistryCopy[]>;
  /** What `preDialCheck` reads (`suppression`), for a batch of E.164 numbers the dialer is about to check. */
  suppressionFacts(ctx: RequestContext, numbers: readonly string[]): Promise<SuppressionFacts>;
}
