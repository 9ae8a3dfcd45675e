import type { RequestContext } from '../../../platform/context.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import { validateTwilioSignature } from '../../calls/index.js';
import type { AttemptOutcome } from '../dialing/pre-dial-check.js';
import { CampaignsErrors } from '../errors.js';
import type {
  CallProgress,
  CallReport,
  DialRequest,
  InboundMessage,
  TelephonyAdapter,
  WebhookRequest,
} from './adapter.js';
import { PlaceCallError } from './adapter.js';
import {
  attemptIdOf,
  dateOf,
  headerOf,
  numberOf,
  objectOf,
  placeCallErrorOf,
  providerRequest,
  requiredSecret,
  stringOf,
  webhookSecret,
  type ProviderHttpSettings,
} from './provider-http.js';

/*
 * Twilio Programmable Voice. `place` creates the call (POST …/Calls.json) with asynchronous
 * answering-machine detection and recording, every callback pointed at our webhook with the
 * attempt id in the query. Twilio signs each callback (X-Twilio-Signature over the URL it called
 * and the sorted form parameters): the check is the calls module's, shared.
 *
 * Three callbacks arrive on the one URL: call status (CallStatus), the AMD result (AnsweredBy
 * without CallStatus) and the recording (RecordingSid). Sources:
 * https://www.twilio.com/docs/voice/api/call-resource#create-a-call-resource,
 * https://www.twilio.com/docs/voice/answering-machine-detection,
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security.
 */

export const TWILIO_API = 'https://api.twilio.com';
const ACCOUNT_SID = 'campaigns.twilio.account_sid';
const AUTH_TOKEN = 'campaigns.twilio.auth_token';

export interface TwilioAdapterDeps {
  readonly secrets: SecretReader;
  readonly http: ProviderHttpSettings;
  /** The URL our webhook route is reached at for (tenant, adapter), without query. */
  callbackUrl(ctx: RequestContext, adapter: 'twilio'): string;
}

/** CallStatus → progress and, for the final ones, the outcome (answered may become voicemail by AnsweredBy). */
export const TWILIO_CALL_STATUS: Readonly<
  Record<string, { readonly progress: CallProgress; readonly outcome?: AttemptOutcome }>
> = {
  queued: { progress: 'queued' },
  initiated: { progress: 'queued' },
  ringing: { progress: 'ringing' },
  'in-progress': { progress: 'in_progress' },
  answered: { progress: 'in_progress' },
  completed: { progress: 'ended', outcome: 'answered' },
  busy: { progress: 'ended', outcome: 'busy' },
  'no-answer': { progress: 'ended', outcome: 'no_answer' },
  failed: { progress: 'ended', outcome: 'failed' },
  // Cancelled by us (or the account) before it was answered: it reached no one.
  canceled: { progress: 'ended', outcome: 'failed' },
};

/** AnsweredBy (AMD): human, machine_start, machine_end_beep/_silence/_other, fax, unknown. */
export function twilioAnsweredBy(value: string | undefined): 'human' | 'machine' | 'unknown' | undefined {
  if (!value) return undefined;
  if (value === 'human') return 'human';
  if (value.startsWith('machine') || value === 'fax') return 'machine';
  return 'unknown';
}

const APPLICATION_SID = /^AP[0-9a-fA-F]{32}$/;
const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

/** The report a status/AMD/recording callback's form (or a fetched Call resource) says. */
export function twilioReportOf(params: URLSearchParams, attemptId: string | undefined): CallReport {
  const callSid = params.get('CallSid') ?? '';
  if (!CALL_SID.test(callSid))
    throw CampaignsErrors.telephonyWebhookInvalid('body.CallSid', 'must be a call SID (CA + 32 hex digits)');
  const raw = Object.fromEntries(params);
  const answeredBy = twilioAnsweredBy(params.get('AnsweredBy') ?? undefined);
  const recordingSid = params.get('RecordingSid');
  const base = { adapter: 'twilio' as const, providerCallId: callSid, attemptId, raw };
  if (recordingSid) {
    const url = params.get('RecordingUrl');
    return {
      ...base,
      kind: 'status',
      reportKey: `${callSid}:recording:${recordingSid}:${params.get('RecordingStatus') ?? ''}`,
      progress: 'ended',
      recording:
        url && params.get('RecordingStatus') === 'completed'
          ? { url: `${url}.wav`, contentType: 'audio/wav' }
          : undefined,
    };
  }
  const status = params.get('CallStatus');
  if (status === null) {
    // The asynchronous AMD callback: who answered, while the call goes on.
    if (!answeredBy)
      throw CampaignsErrors.telephonyWebhookInvalid('body.CallStatus', 'is missing (and so is AnsweredBy)');
    return {
      ...base,
      kind: 'status',
      reportKey: `${callSid}:amd`,
      progress: 'in_progress',
      answeredBy,
    };
  }
  const mapped = TWILIO_CALL_STATUS[status];
  if (!mapped)
    throw CampaignsErrors.telephonyWebhookInvalid(
      'body.CallStatus',
      `must be one of ${Object.keys(TWILIO_CALL_STATUS).join(', ')}`,
    );
  const at = dateOf(params.get('Timestamp')) ?? undefined;
  const duration = numberOf(params.get('CallDuration') ?? params.get('Duration'));
  const outcome =
    mapped.outcome === 'answered' && answeredBy === 'machine' ? ('voicemail' as const) : mapped.outcome;
  return {
    ...base,
    kind: mapped.progress === 'ended' ? 'end_of_call' : 'status',
    reportKey: `${callSid}:${status}`,
    progress: mapped.progress,
    outcome,
    answeredBy,
    answeredAt: mapped.progress === 'in_progress' ? at : undefined,
    endedAt: mapped.progress === 'ended' ? at : undefined,
    talkSeconds:
      mapped.progress === 'ended'
        ? outcome === 'answered' || outcome === 'voicemail'
          ? duration
          : 0
        : undefined,
    endedReason: mapped.progress === 'ended' ? status : undefined,
    recording:
      stringOf(params.get('RecordingUrl')) !== undefined
        ? { url: `${params.get('RecordingUrl')}.wav`, contentType: 'audio/wav' }
        : undefined,
  };
}

export function createTwilioAdapter(deps: TwilioAdapterDeps): TelephonyAdapter {
  async function credentials(ctx: RequestContext) {
    const accountSid = await requiredSecret(deps.secrets, ctx.tenantId, ACCOUNT_SID);
    const authToken = await requiredSecret(deps.secrets, ctx.tenantId, AUTH_TOKEN);
    return {
      accountSid,
      authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
    };
  }

  /** The form Twilio posted, once its signature (and account) checked out. */
  async function verifiedParams(ctx: RequestContext, request: WebhookRequest): Promise<URLSearchParams> {
    const authToken = await webhookSecret(deps.secrets, ctx.tenantId, AUTH_TOKEN, 'twilio');
    const signature = headerOf(request.headers, 'x-twilio-signature');
    if (!signature) throw CampaignsErrors.telephonyWebhookRefused('x-twilio-signature', 'is missing');
    const params = new URLSearchParams(request.rawBody.toString('utf8'));
    if (!validateTwilioSignature(authToken, request.url, params, signature))
      throw CampaignsErrors.telephonyWebhookRefused(
        'x-twilio-signature',
        "does not match this tenant's auth token and the URL called",
      );
    const accountSid = await deps.secrets.read({ tenantId: ctx.tenantId }, ACCOUNT_SID);
    if (accountSid && params.get('AccountSid') !== accountSid)
      throw CampaignsErrors.telephonyWebhookInvalid('body.AccountSid', "is not this tenant's Twilio account");
    return params;
  }

  return {
    name: 'twilio',
    // Twilio's RecordingUrl answers only with the account's credentials.
    async recordingHeaders(ctx) {
      return { authorization: (await credentials(ctx)).authorization };
    },
    async place(ctx, request: DialRequest) {
      const { accountSid, authorization } = await credentials(ctx);
      if (!request.from)
        throw new PlaceCallError('settings.adapter.from (the caller id) is required for Twilio', false);
      if (!request.agentId)
        throw new PlaceCallError(
          'settings.adapter.agentId (a TwiML URL or an ApplicationSid) is required for Twilio',
          false,
        );
      const callback = `${deps.callbackUrl(ctx, 'twilio')}?attempt=${encodeURIComponent(request.attemptId)}`;
      const form = new URLSearchParams();
      form.set('To', request.to);
      form.set('From', request.from);
      if (APPLICATION_SID.test(request.agentId)) form.set('ApplicationSid', request.agentId);
      else form.set('Url', request.agentId);
      form.set('StatusCallback', callback);
      form.set('StatusCallbackMethod', 'POST');
      for (const event of ['initiated', 'ringing', 'answered', 'completed'])
        form.append('StatusCallbackEvent', event);
      form.set('MachineDetection', 'Enable');
      form.set('AsyncAmd', 'true');
      form.set('AsyncAmdStatusCallback', callback);
      form.set('AsyncAmdStatusCallbackMethod', 'POST');
      form.set('Record', 'true');
      form.set('RecordingStatusCallback', callback);
      form.set('RecordingStatusCallbackMethod', 'POST');
      const response = await providerRequest(
        deps.http,
        `${TWILIO_API}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Calls.json`,
        {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        },
      );
      if (!response.ok) throw placeCallErrorOf('Twilio', response);
      const sid = stringOf(objectOf(response.body)?.sid);
      if (!sid || !CALL_SID.test(sid)) throw new PlaceCallError('Twilio answered without a call SID', true);
      return { providerCallId: sid };
    },

    async parseWebhook(ctx, request: WebhookRequest) {
      const params = await verifiedParams(ctx, request);
      const attempt = attemptIdOf(new URL(request.url).searchParams.get('attempt'));
      return [twilioReportOf(params, attempt)];
    },

    async parseInboundMessage(ctx, request: WebhookRequest): Promise<InboundMessage> {
      const params = await verifiedParams(ctx, request);
      const from = stringOf(params.get('From'));
      const messageId = stringOf(params.get('MessageSid')) ?? stringOf(params.get('SmsSid'));
      if (!from || !/^\+[1-9]\d{6,14}$/.test(from))
        throw CampaignsErrors.telephonyWebhookInvalid('body.From', 'must be the sender as an E.164 number');
      if (!messageId) throw CampaignsErrors.telephonyWebhookInvalid('body.MessageSid', 'is missing');
      return {
        from,
        to: stringOf(params.get('To')) ?? '',
        body: params.get('Body') ?? '',
        messageId: messageId.slice(0, 64),
      };
    },

    async fetchCall(ctx, providerCallId) {
      const { accountSid, authorization } = await credentials(ctx);
      const response = await providerRequest(
        deps.http,
        `${TWILIO_API}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Calls/${encodeURIComponent(providerCallId)}.json`,
        { method: 'GET', headers: { authorization } },
      );
      if (response.status === 404) return undefined;
      if (!response.ok) throw placeCallErrorOf('Twilio', response);
      const call = objectOf(response.body) ?? {};
      const status = stringOf(call.status);
      if (!status || !TWILIO_CALL_STATUS[status] || TWILIO_CALL_STATUS[status].progress !== 'ended')
        return undefined;
      // The Call resource in the callback's words, so one mapping serves both.
      const params = new URLSearchParams();
      params.set('CallSid', stringOf(call.sid) ?? providerCallId);
      params.set('CallStatus', status);
      const answeredBy = stringOf(call.answered_by);
      if (answeredBy) params.set('AnsweredBy', answeredBy);
      const duration =
        stringOf(call.duration) ?? (typeof call.duration === 'number' ? String(call.duration) : undefined);
      if (duration) params.set('CallDuration', duration);
      const endTime = stringOf(call.end_time);
      if (endTime) params.set('Timestamp', endTime);
      return { ...twilioReportOf(params, undefined), raw: call };
    },
  };
}
