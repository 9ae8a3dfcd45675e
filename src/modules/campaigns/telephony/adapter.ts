import type { RequestContext } from '../../../platform/context.js';
import type { TelephonyAdapterName } from '../campaigns/campaign-settings.js';
import type { AttemptOutcome } from '../dialing/pre-dial-check.js';

/*
 * One interface for every way a campaign places calls: the simulator (the embedded default),
 * Twilio, and voice-agent platforms (Vapi, Retell). The dialer asks `place`; whatever the provider
 * tells us afterwards (status callbacks, end-of-call reports, a report fetched by reconciliation)
 * becomes a `CallReport` handed to the `CallReportSink`, which applies it once.
 *
 * The handshake: a provider gets the number, the caller id, and `context` — only the lead fields
 * the campaign's `contextFields` name — plus our attempt id so its reports come back to us.
 */

export interface DialRequest {
  /** The call attempt's public id (`cat_…`): providers echo it back in metadata. */
  readonly attemptId: string;
  /** campaign:lead:attempt number; sent as the provider's idempotency key where it takes one. */
  readonly idempotencyKey: string;
  readonly campaignId: string;
  /** E.164. */
  readonly to: string;
  readonly from?: string | undefined;
  /** Assistant / agent id or TwiML URL (settings.adapter.agentId). */
  readonly agentId?: string | undefined;
  /** Simulator: the script name (settings.adapter.script). */
  readonly script?: string | undefined;
  /** The lead fields the script needs, by name; nothing else about the lead. */
  readonly context: Readonly<Record<string, string>>;
}

export interface PlacedCall {
  /** The provider's call id (Twilio CallSid, Vapi call id, Retell call_id, sim_…). */
  readonly providerCallId: string;
}

/** A provider refused to place the call; `retryable` says whether a later attempt may succeed. */
export class PlaceCallError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PlaceCallError';
  }
}

export type CallProgress = 'queued' | 'ringing' | 'in_progress' | 'ended';

export interface TranscriptLine {
  readonly speaker: 'agent' | 'customer';
  readonly text: string;
  /** Seconds from the start of the call, when the provider gives them. */
  readonly startSeconds?: number | undefined;
  readonly endSeconds?: number | undefined;
}

/** What a provider told us about one call, in our words. */
export interface CallReport {
  readonly adapter: TelephonyAdapterName;
  readonly providerCallId: string;
  /** Our attempt id when the provider echoed it (metadata); otherwise found by providerCallId. */
  readonly attemptId?: string | undefined;
  /** status: progress on the way; end_of_call: the call is over and this is its final account. */
  readonly kind: 'status' | 'end_of_call';
  /** Unique per report of this provider: a report delivered twice has the same key. */
  readonly reportKey: string;
  readonly progress: CallProgress;
  /** Set once the call ended. */
  readonly outcome?: AttemptOutcome | undefined;
  readonly answeredBy?: 'human' | 'machine' | 'unknown' | undefined;
  readonly answeredAt?: Date | undefined;
  readonly endedAt?: Date | undefined;
  readonly talkSeconds?: number | undefined;
  /** Seconds from answer until a live (or AI) voice spoke; TSR's abandonment rule counts > 2 s. */
  readonly secondsToLiveVoice?: number | undefined;
  /** The provider's reason the call ended (`customer-ended-call`, `voicemail`, `dial_no_answer`). */
  readonly endedReason?: string | undefined;
  /** A disposition the agent or the voice agent set (`interested`, `callback`, `sale`). */
  readonly disposition?: string | undefined;
  readonly transcript?: readonly TranscriptLine[] | undefined;
  readonly summary?: string | undefined;
  readonly structuredData?: Readonly<Record<string, unknown>> | undefined;
  /** A recording the provider holds: pulled into the tenant's storage by the post-call path. */
  readonly recording?:
    | { readonly url: string; readonly contentType?: string | undefined }
    | { readonly bytes: Buffer; readonly contentType: string }
    | undefined;
  /** The person asked not to be called again; `evidence` quotes what they said or how it was detected. */
  readonly optOut?: { readonly evidence: string } | undefined;
  /** The person asked to be called back then. */
  readonly callbackAt?: Date | undefined;
  readonly converted?: boolean | undefined;
  /** The payload as received, kept sealed with the report. */
  readonly raw: unknown;
}

/** Applies provider reports: dedupe, the attempt, the lead, opt-out, post-call. */
export interface CallReportSink {
  apply(
    ctx: RequestContext,
    report: CallReport,
    via: 'webhook' | 'reconciliation' | 'simulator',
  ): Promise<{ readonly applied: boolean }>;
}

/** What a webhook route hands an adapter: the bytes as received (signatures cover them). */
export interface WebhookRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Buffer;
  /** The full URL the provider called (Twilio signs it). */
  readonly url: string;
}

/** A text message a person sent to one of the tenant's numbers. */
export interface InboundMessage {
  /** E.164 of the sender. */
  readonly from: string;
  readonly to: string;
  readonly body: string;
  /** The provider's message id (Twilio MessageSid). */
  readonly messageId: string;
}

export interface TelephonyAdapter {
  readonly name: TelephonyAdapterName;
  place(ctx: RequestContext, request: DialRequest): Promise<PlacedCall>;
  /**
   * Checks the signature and reads the reports a webhook carries; throws a 401 problem when the
   * signature does not verify and a 400 naming the field when the payload cannot be read.
   */
  parseWebhook(ctx: RequestContext, request: WebhookRequest): Promise<CallReport[]>;
  /** Reconciliation: the call as the provider's API has it now; undefined when it has no final account yet. */
  fetchCall(ctx: RequestContext, providerCallId: string): Promise<CallReport | undefined>;
  /**
   * An inbound SMS webhook, signature checked (providers that carry texts: Twilio). A STOP reply
   * is an opt-out.
   */
  parseInboundMessage?(ctx: RequestContext, request: WebhookRequest): Promise<InboundMessage>;
  /** Headers a recording URL of this provider needs (Twilio: Basic auth); none when its URLs are signed. */
  recordingHeaders?(ctx: RequestContext): Promise<Readonly<Record<string, string>> | undefined>;
}
