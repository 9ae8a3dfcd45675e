import type { RequestContext } from '../../platform/context.js';
import type { DataSubject, SubjectDataRef } from '../../platform/privacy/index.js';
import type { CustomerOrderStats } from '../orders/index.js';
import type { SegmentRule } from './segments/segment-rules.js';

export type { SegmentRule } from './segments/segment-rules.js';

/** A customer profile, decrypted. After anonymisation the personal fields are null. */
export interface Customer {
  /** `cus_…` */
  readonly id: string;
  /** `usr_…` of the client (portal) user the profile belongs to. */
  readonly userId: string | null;
  readonly name: string | null;
  /** Trimmed, lower-case. */
  readonly email: string | null;
  /** E.164. */
  readonly phone: string | null;
  /** BCP 47 (`en`, `de-AT`). */
  readonly language: string | null;
  readonly status: 'active' | 'anonymised';
  /** Processing restricted (GDPR Art. 18): kept, not used for marketing or analysis. */
  readonly restricted: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly lastActivityAt: Date;
  /** Optimistic concurrency: PATCH with If-Match: "<version>". */
  readonly version: number;
}

export interface NewCustomer {
  readonly name: string;
  readonly email?: string | null | undefined;
  /** Any common form; stored as E.164 (the tenant's default region reads national numbers). */
  readonly phone?: string | null | undefined;
  readonly language?: string | null | undefined;
  /** `usr_…` */
  readonly userId?: string | null | undefined;
}

export interface CustomerChanges {
  readonly name?: string | undefined;
  readonly email?: string | null | undefined;
  readonly phone?: string | null | undefined;
  readonly language?: string | null | undefined;
  readonly restricted?: boolean | undefined;
}

export interface CustomerPage {
  readonly items: Customer[];
  readonly nextCursor: string | null;
}

export interface PostalAddress {
  readonly label?: string | null | undefined;
  readonly name?: string | null | undefined;
  readonly line1: string;
  readonly line2?: string | null | undefined;
  readonly city: string;
  readonly region?: string | null | undefined;
  readonly postalCode?: string | null | undefined;
  /** ISO 3166 alpha-2. */
  readonly country: string;
}

export interface Address extends PostalAddress {
  /** `cadr_…` */
  readonly id: string;
  readonly createdAt: Date;
}

export type ContactChannel = 'email' | 'sms' | 'phone' | 'post';
export type MarketingChannel = 'email' | 'sms' | 'phone';

/** How a customer wants to be contacted. Marketing opt-ins are also recorded as consents (`marketing.<channel>`). */
export interface ContactPreferences {
  readonly language: string | null;
  readonly preferredChannel: ContactChannel | null;
  readonly channels: Readonly<Record<ContactChannel, boolean>>;
  readonly marketing: Readonly<Record<MarketingChannel, boolean>>;
}

export type ConsentMethod = 'portal' | 'phone' | 'email' | 'import' | 'console' | 'system';

/** One entry of the append-only consent history of a purpose. */
export interface Consent {
  /** `cons_…` */
  readonly id: string;
  /** `marketing.email`, `newsletter`, `call_recording`… */
  readonly purpose: string;
  readonly granted: boolean;
  /** When the customer gave (or refused) it. */
  readonly at: Date;
  readonly method: ConsentMethod;
  /** Where: a form, a call id, an import file. */
  readonly source: string | null;
  /** For a grant: when a later entry withdrew it (null while it stands). */
  readonly withdrawnAt: Date | null;
}

export interface NewConsent {
  readonly purpose: string;
  readonly granted: boolean;
  readonly at?: Date | undefined;
  readonly method: ConsentMethod;
  readonly source?: string | null | undefined;
}

/** Where each purpose stands now, and its history (oldest first). */
export interface ConsentState {
  readonly current: readonly { readonly purpose: string; readonly granted: boolean; readonly since: Date }[];
  readonly history: readonly Consent[];
}

export interface Segment {
  /** `seg_…` */
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly rules: SegmentRule;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One line of the 360° timeline: a participant's SubjectDataRef. */
export type TimelineEntry = SubjectDataRef;

export interface Timeline {
  /** Newest first; entries without a moment come last. */
  readonly items: TimelineEntry[];
  /** Modules whose `find` failed: the rest of the timeline is still shown. */
  readonly errors: readonly { readonly module: string; readonly message: string }[];
  /** Pass as `before` for the next page; null at the end. */
  readonly nextBefore: string | null;
}

/** The orders facts segments are evaluated against (orders.customerStats). */
export type { CustomerOrderStats } from '../orders/index.js';

/** The signature of orders' `customerStats`, over the orders of these client users (`usr_…`). */
export type CustomerStatsSource = (
  ctx: RequestContext,
  query: { readonly userIds: readonly string[]; readonly since?: Date | undefined },
) => Promise<CustomerOrderStats>;

/** What the privacy module and others use. */
export interface CustomersDirectory {
  readonly get: (ctx: RequestContext, customerId: string) => Promise<Customer>;
  /** Everything the modules can find the customer by (its id, its client user, e-mail, phone). */
  readonly subjectOf: (ctx: RequestContext, customerId: string) => Promise<DataSubject>;
  /** The subject of a client user: their profile's identifiers when they have one, else the user alone. */
  readonly subjectForUser: (ctx: RequestContext, userId: string) => Promise<DataSubject>;
  /** The profile of a client user, created on first use (or an unlinked profile with the same e-mail, linked). */
  readonly findOrCreateForUser: (
    ctx: RequestContext,
    input: { readonly userId: string; readonly email: string | null; readonly name: string | null },
  ) => Promise<Customer>;
}
