import type { RequestContext } from '../../platform/context.js';
import type { ErasureReport } from '../../platform/privacy/index.js';

export const requestKinds = ['access', 'erasure', 'restriction', 'rectification'] as const;
export type RequestKind = (typeof requestKinds)[number];

export const requestStatuses = ['received', 'verifying', 'in_progress', 'completed', 'rejected'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const requestChannels = ['portal', 'console', 'email', 'phone'] as const;
export type RequestChannel = (typeof requestChannels)[number];

/** How staff checked that the requester is the person the data is about. */
export const verificationMethods = [
  'sign_in',
  'id_document',
  'email_confirmation',
  'phone_callback',
  'known_customer',
  'other',
] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

/** One step of a request's trail: who did what, when, and what a module reported. */
export interface RequestStep {
  readonly at: Date;
  /** `user:usr_…`, `system:privacy.reminders`. */
  readonly actor: string;
  /** `received`, `verified`, `shredded`, `exported`, `erased`, `restricted`, `completed`, … */
  readonly step: string;
  readonly module: string | null;
  readonly outcome: 'ok' | 'failed' | 'info';
  readonly details: Readonly<Record<string, unknown>>;
}

/** What each module did for an erasure or restriction (also the lines of an access package). */
export interface ModuleOutcome extends ErasureReport {
  readonly module: string;
}

/** A data-subject request (`dsr_…`), as the console and the portal see it. */
export interface DataSubjectRequest {
  readonly id: string;
  readonly kind: RequestKind;
  readonly status: RequestStatus;
  readonly channel: RequestChannel;
  /** Masked identifiers (`a***@example.com · +44*******123`): never the identifiers themselves. */
  readonly subject: string;
  readonly customerId: string | null;
  readonly receivedAt: Date;
  /** One month from receipt. */
  readonly dueAt: Date;
  /** Set once the deadline was extended by two months (GDPR Art. 12(3)). */
  readonly extendedDueAt: Date | null;
  readonly extensionReason: string | null;
  readonly completedAt: Date | null;
  readonly verification: { readonly method: VerificationMethod; readonly verifiedAt: Date } | null;
  readonly rejectionReason: string | null;
  readonly result: {
    readonly modules: readonly ModuleOutcome[];
    readonly exportExpiresAt: Date | null;
    /** Rectification: where the profile is corrected (the customers module applies the change). */
    readonly rectificationPath: string | null;
  } | null;
  /** Why the last processing attempt stopped (the failing module named); null when none failed. */
  readonly lastError: string | null;
}

export interface DataSubjectRequestWithTrail extends DataSubjectRequest {
  readonly trail: readonly RequestStep[];
}

export interface NewStaffRequest {
  readonly kind: RequestKind;
  readonly customerId?: string | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly channel: RequestChannel;
  readonly note?: string | undefined;
}

export interface DownloadLink {
  readonly url: string;
  readonly expiresAt: Date;
}

/** The data-subject requests, for routes, the CLI and tests. Every method takes the request context first. */
export interface RequestsService {
  /** Entered by staff: waits for an identity check (`verify`) before it can be processed. */
  create(ctx: RequestContext, input: NewStaffRequest): Promise<DataSubjectRequestWithTrail>;
  /** Made by a signed-in client: verified by the sign-in; access, erasure and restriction run at once. */
  createForClient(
    ctx: RequestContext,
    input: { readonly kind: RequestKind; readonly note?: string | undefined },
  ): Promise<DataSubjectRequestWithTrail>;
  list(
    ctx: RequestContext,
    filter: { readonly status?: RequestStatus | undefined; readonly dueBefore?: Date | undefined },
  ): Promise<DataSubjectRequest[]>;
  listMine(ctx: RequestContext): Promise<DataSubjectRequest[]>;
  get(ctx: RequestContext, requestId: string): Promise<DataSubjectRequestWithTrail>;
  verify(
    ctx: RequestContext,
    requestId: string,
    input: { readonly method: VerificationMethod; readonly note: string },
  ): Promise<DataSubjectRequestWithTrail>;
  /** Runs (or resumes) the request; a participant that fails is named in the error and the trail. */
  process(ctx: RequestContext, requestId: string): Promise<DataSubjectRequestWithTrail>;
  reject(ctx: RequestContext, requestId: string, reason: string): Promise<DataSubjectRequestWithTrail>;
  extend(ctx: RequestContext, requestId: string, reason: string): Promise<DataSubjectRequestWithTrail>;
  /** A signed link to an access package; `mine` limits it to the signed-in client's own requests. */
  download(
    ctx: RequestContext,
    requestId: string,
    options?: { readonly mine?: boolean },
  ): Promise<DownloadLink>;
}
