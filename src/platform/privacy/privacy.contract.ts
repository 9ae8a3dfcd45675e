import type { RequestContext } from '../context.js';

/*
 * The privacy contract (GDPR, India's DPDP): every module that keeps personal data takes part in
 * data-subject requests through it. The privacy module runs the requests (access, erasure,
 * restriction, rectification) by calling each participant; the customers module builds its 360°
 * timeline from the same `find`. No module reads another's tables: each answers for its own.
 * See docs/privacy.md.
 */

/**
 * Who a request is about: everything the modules can find a person by. Identifiers are
 * normalised by the privacy module before they are handed out: e-mails trimmed and lower-cased,
 * phone numbers in E.164. A module uses the ones it knows (calls: phones; orders: client user ids
 * and e-mails; customers: the customer id) and ignores the rest.
 */
export interface DataSubject {
  /** `cus_…` when the person has a customer profile. */
  readonly customerId: string | null;
  /** `usr_…` of their client (portal) accounts. */
  readonly userIds: readonly string[];
  readonly emails: readonly string[];
  /** E.164 (`+447700900123`). */
  readonly phones: readonly string[];
}

/** One thing a module holds about a subject: a line of the customer timeline and of the access report. */
export interface SubjectDataRef {
  /** The module that holds it (`orders`). */
  readonly module: string;
  /** What it is, in the module's words (`order`, `call`, `recording`, `notification`, `lead`). */
  readonly kind: string;
  /** Its public id (`ord_…`, `call_…`). */
  readonly id: string;
  /** When it happened (an order placed, a call started); null when it has no moment of its own. */
  readonly at: Date | null;
  /** One line a person reads ("Order SB-1042 · 2 items · €84.00 · shipped"); no secrets, no raw payloads. */
  readonly summary: string;
  /** Where the console shows it (`/orders/ord_…`), when it has a page. */
  readonly consolePath: string | null;
}

/** A module's part of an access (export) package: one file per kind, as JSON and CSV. */
export interface SubjectExportPart {
  /** File name stem inside the module's folder of the zip (`orders`, `order-lines`). */
  readonly name: string;
  /** Plain objects with JSON-safe values (strings, numbers, booleans, null, arrays, objects). Dates as ISO strings. */
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** What a module keeps after erasure, and why (shown in the request's trail and in docs/privacy.md). */
export interface RetentionRule {
  /** What is kept (`invoice amounts and tax lines`). */
  readonly what: string;
  /** Why, with the legal basis (`tax law: 10 years (HGB §257, AO §147)`). */
  readonly reason: string;
}

/** What an erasure did in one module. */
export interface ErasureReport {
  /** Rows or objects whose personal data is gone or unreadable (keys destroyed, values anonymised, rows deleted). */
  readonly erased: number;
  /** What stayed, with the rule it stayed under (counts, never the data). */
  readonly kept: readonly { readonly what: string; readonly count: number; readonly reason: string }[];
}

export interface ModulePrivacy {
  /** One sentence: what personal data the module holds and about whom. */
  readonly holds: string;
  /** What survives an erasure and under which rule; empty when nothing does. */
  readonly retention: readonly RetentionRule[];
  /** Everything the module holds about the subject, newest first, at most `limit` (default 500). */
  find(
    ctx: RequestContext,
    subject: DataSubject,
    options?: { readonly limit?: number },
  ): Promise<SubjectDataRef[]>;
  /** The subject's data in a portable form (access requests). Decrypted: the caller seals the package. */
  export(ctx: RequestContext, subject: DataSubject): Promise<SubjectExportPart[]>;
  /**
   * Erases or anonymises the subject's data. Idempotent: a second call after a crash finishes the
   * work and reports what is left. Crypto-shredding (SubjectKeys.shred) is done once by the privacy
   * module for the subject's identifiers before the participants are called; a participant then
   * removes what the shredded keys do not cover (blind indexes, names under the tenant key, rows).
   */
  erase(
    ctx: RequestContext,
    subject: DataSubject,
    request: { readonly requestId: string },
  ): Promise<ErasureReport>;
  /**
   * Restriction of processing (GDPR Art. 18): while restricted, the module keeps the data but does
   * not use it for anything but storage and legal claims (no campaign calls, no marketing
   * notifications, no analysis). Modules with nothing to restrict leave this out.
   */
  restrict?(ctx: RequestContext, subject: DataSubject, restricted: boolean): Promise<void>;
}

/** A module's participation as the kernel hands it out: its name and its contract. */
export interface PrivacyParticipant {
  readonly module: string;
  readonly privacy: ModulePrivacy;
}

/**
 * Every participating module, in registry order. Known only once every module is created: call it
 * when serving a request or running a job, never inside a module's `create`.
 */
export type PrivacyParticipants = () => readonly PrivacyParticipant[];
