import type { RequestContext } from '../../../platform/context.js';
import type { ConsentChannel, ConsentSource, WithdrawalHow } from '../db/campaigns.tables.js';
import type { ConsentRecord } from '../dialing/pre-dial-check.js';

export type { ConsentChannel, ConsentSource, WithdrawalHow } from '../db/campaigns.tables.js';

/** Where a record stands at the time asked about. */
export type ConsentStatus = 'in_force' | 'not_yet' | 'withdrawn' | 'expired';

/** One consent as the ledger holds it: what was given, to what, how, and whether and how it ended. */
export interface ConsentView {
  /** `cons_...` */
  readonly id: string;
  /** E.164. */
  readonly phone: string;
  /** `marketing`, `service`, … */
  readonly purpose: string;
  /** `ai_voice` is calls with an artificial or AI voice (US rules treat it as prerecorded). */
  readonly channel: ConsentChannel;
  readonly givenAt: Date;
  readonly source: ConsentSource;
  /** The wording the person agreed to. */
  readonly textShown: string;
  /** A copy of the request as given (form post, IVR log), when one was stored inline. */
  readonly request: string | null;
  /** Where a copy of the request is kept instead (an object key), when given. */
  readonly requestObjectKey: string | null;
  readonly expiresAt: Date | null;
  readonly withdrawnAt: Date | null;
  readonly withdrawnHow: WithdrawalHow | null;
  readonly withdrawnBy: string | null;
  readonly status: ConsentStatus;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface ConsentInput {
  /** E.164 (`region` reads a national number). */
  readonly phone: string;
  readonly region?: string | undefined;
  readonly purpose: string;
  readonly channel: ConsentChannel;
  readonly givenAt: Date;
  readonly source: ConsentSource;
  readonly textShown: string;
  readonly request?: string | undefined;
  readonly requestObjectKey?: string | undefined;
  readonly expiresAt?: Date | null | undefined;
}

export interface ConsentWithdrawal {
  readonly phone: string;
  readonly region?: string | undefined;
  /** Only consents to this purpose (all when absent). */
  readonly purpose?: string | undefined;
  /** Only consents for this channel (all when absent). */
  readonly channel?: ConsentChannel | undefined;
  readonly how: WithdrawalHow;
  /** When it was withdrawn; now when absent (never in the future). */
  readonly at?: Date | undefined;
}

export interface ConsentService {
  /** Records a consent (audited). */
  give(ctx: RequestContext, input: ConsentInput): Promise<ConsentView>;
  /** Withdraws every consent of the number in force or yet to start (filtered by purpose, channel); answers those withdrawn. */
  withdraw(ctx: RequestContext, withdrawal: ConsentWithdrawal): Promise<ConsentView[]>;
  /** Withdraws one consent record. */
  withdrawOne(ctx: RequestContext, consentId: string, how: WithdrawalHow, at?: Date): Promise<ConsentView>;
  /** The number's whole consent history, newest given first. */
  listByNumber(ctx: RequestContext, phone: string, region?: string): Promise<ConsentView[]>;
  /** What `preDialCheck` reads (`consents`), for a batch of E.164 numbers: every number is a key. */
  consentFacts(ctx: RequestContext, numbers: readonly string[]): Promise<Map<string, ConsentRecord[]>>;
  /** Removes records 5 years after they ended (the retention timer); answers how many. */
  purgeExpired(now: Date): Promise<number>;
}
