import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../../platform/context.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { AttemptOutcome } from '../dialing/pre-dial-check.js';
import { CampaignsErrors } from '../errors.js';
import type {
  CallProgress,
  CallReport,
  DialRequest,
  TelephonyAdapter,
  TranscriptLine,
  WebhookRequest,
} from './adapter.js';
import { PlaceCallError } from './adapter.js';
import { optOutFromTranscript } from './opt-out-phrases.js';
import {
  attemptIdOf,
  callIdOf,
  dateOf,
  headerOf,
  numberOf,
  objectOf,
  parseJsonBody,
  placeCallErrorOf,
  providerRequest,
  requiredSecret,
  stringOf,
  webhookSecret,
  type ProviderHttpSettings,
} from './provider-http.js';

/*
 * Vapi voice agents. `place` creates an outbound phone call (POST /call) for the campaign's
 * assistant; the assistant's server URL (set in Vapi to our webhook) receives `status-update`
 * and `end-of-call-report` messages. Vapi authenticates them with what the server credential
 * says: an HMAC-SHA256 of the body in `x-vapi-signature`, the shared secret in `x-vapi-secret`
 * (the older serverUrlSecret), or a bearer token; each is checked against
 * `campaigns.vapi.webhook_secret`, timing-safe. Sources: https://docs.vapi.ai/api-reference/calls/create,
 * https://docs.vapi.ai/server-url/events, https://docs.vapi.ai/server-url/server-authentication,
 * https://docs.vapi.ai/calls/call-ended-reason.
 *
 * Opt-out: `analysis.structuredData.optOut === true` (or `doNotCall`) — the assistant's structured
 * data plan should carry that field — or a customer line of the transcript that asks not to be
 * called again (opt-out-phrases.ts). Callback: `structuredData.callbackAt` (ISO). Conversion:
 * `structuredData.converted === true`. Disposition: `structuredData.disposition`.
 */

export const VAPI_API = 'https://api.vapi.ai';
const API_KEY = 'campaigns.vapi.api_key';
const WEBHOOK_SECRET = 'campaigns.vapi.webhook_secret';
const PHONE_NUMBER_ID = 'campaigns.vapi.phone_number_id';

export interface VapiAdapterDeps {
  readonly secrets: SecretReader;
  readonly http: ProviderHttpSettings;
}

const ANSWERED_REASONS = new Set([
  'customer-ended-call',
  'assistant-ended-call',
  'assistant-ended-call-after-message-spoken',
  'assistant-ended-call-with-hangup-task',
  'assistant-said-end-call-phrase',
  'assistant-forwarded-call',
  'exceeded-max-duration',
  'silence-timed-out',
  'call.in-progress.twilio-completed-call',
  'phone-call-provider-closed-websocket',
]);

/** endedReason → outcome; `*error*`/`*failed*`/unknown reasons end as failed unless the customer spoke. */
export function vapiOutcomeOf(endedReason: string | undefined, customerSpoke: boolean): AttemptOutcome {
  if (!endedReason) return customerSpoke ? 'answered' : 'failed';
  if (endedReason === 'customer-did-not-answer' || endedReason.endsWith('-no-answer')) return 'no_answer';
  if (endedReason === 'customer-busy' || endedReason.endsWith('-busy')) return 'busy';
  if (endedReason === 'voicemail' || endedReason.includes('voicemail')) return 'voicemail';
  if (ANSWERED_REASONS.has(endedReason)) return 'answered';
  return customerSpoke ? 'answered' : 'failed';
}

const VAPI_STATUS: Readonly<Record<string, CallProgress>> = {
  scheduled: 'queued',
  queued: 'queued',
  ringing: 'ringing',
  'in-progress': 'in_progress',
  forwarding: 'in_progress',
  ended: 'ended',
};

function transcriptOf(
  artifact: Record<string, unknown> | undefined,
  message: Record<string, unknown>,
): TranscriptLine[] {
  const messages = artifact?.messages ?? message.messages;
  const lines: TranscriptLine[] = [];
  if (Array.isArray(messages)) {
    for (const item of messages) {
      const entry = objectOf(item);
      const text = stringOf(entry?.message);
      const role = stringOf(entry?.role);
      if (!text || (role !== 'user' && role !== 'bot' && role !== 'assistant')) continue;
      const start = numberOf(entry?.secondsFromStart);
      const duration = numberOf(entry?.duration);
      lines.push({
        speaker: role === 'user' ? 'customer' : 'agent',
        text,
        startSeconds: start,
        endSeconds: start !== undefined && duration !== undefined ? start + duration / 1000 : undefined,
      });
    }
    if (lines.length > 0) return lines;
  }
  // The flat transcript: "AI: …\nUser: …".
  const flat = stringOf(artifact?.transcript) ?? stringOf(message.transcript);
  for (const row of flat?.split('\n') ?? []) {
    const [, who = '', text = ''] = /^\s*(AI|Assistant|Bot|User|Customer)\s*:\s*(.+)$/i.exec(row) ?? [];
    if (!text) continue;
    lines.push({
      speaker: who.toLowerCase() === 'user' || who.toLowerCase() === 'customer' ? 'customer' : 'agent',
      text: text.trim(),
    });
  }
  return lines;
}

/** One Vapi server message as our report; undefined for message types that carry no call progress. */
export function vapiReportOf(body: Record<string, unknown>): CallReport | undefined {
  const message = objectOf(body.message);
  if (!message) throw CampaignsErrors.telephonyWebhookInvalid('body.message', 'must be an object');
  const type = stringOf(message.type);
  if (!type) throw CampaignsErrors.telephonyWebhookInvalid('body.message.type', 'is missing');
  if (type !== 'end-of-call-report' && type !== 'status-update') return undefined;
  const call = objectOf(message.call);
  const callId = callIdOf(call?.id, 'body.message.call.id');
  const metadata = objectOf(call?.metadata) ?? objectOf(message.metadata);
  const attemptId = attemptIdOf(metadata?.attemptId);
  const base = { adapter: 'vapi' as const, providerCallId: callId, attemptId, raw: body };
  if (type === 'status-update') {
    const status = stringOf(message.status) ?? stringOf(call?.status) ?? '';
    const progress = VAPI_STATUS[status];
    if (!progress)
      throw CampaignsErrors.telephonyWebhookInvalid(
        'body.message.status',
        `must be one of ${Object.keys(VAPI_STATUS).join(', ')}`,
      );
    // An `ended` status-update precedes the end-of-call report, which is the final account.
    return { ...base, kind: 'status', reportKey: `${callId}:status:${status}`, progress };
  }
  const artifact = objectOf(message.artifact);
  const analysis = objectOf(message.analysis) ?? objectOf(call?.analysis);
  const structured = objectOf(analysis?.structuredData);
  const transcript = transcriptOf(artifact, message);
  const endedReason = stringOf(message.endedReason) ?? stringOf(call?.endedReason);
  const customerSpoke = transcript.some((line) => line.speaker === 'customer');
  const outcome = vapiOutcomeOf(endedReason, customerSpoke);
  const startedAt = dateOf(message.startedAt) ?? dateOf(call?.startedAt);
  const endedAt = dateOf(message.endedAt) ?? dateOf(call?.endedAt);
  const duration =
    numberOf(message.durationSeconds) ??
    (startedAt && endedAt ? Math.max(0, (endedAt.getTime() - startedAt.getTime()) / 1000) : undefined);
  const recordingUrl =
    stringOf(message.recordingUrl) ??
    stringOf(artifact?.recordingUrl) ??
    stringOf(objectOf(objectOf(artifact?.recording)?.mono)?.combinedUrl);
  const structuredOptOut = structured?.optOut === true || structured?.doNotCall === true;
  const optOut =
    optOutFromTranscript(transcript) ??
    (structuredOptOut ? { evidence: 'the voice agent set analysis.structuredData.optOut' } : undefined);
  return {
    ...base,
    kind: 'end_of_call',
    reportKey: `${callId}:end_of_call`,
    progress: 'ended',
    outcome,
    answeredBy: outcome === 'voicemail' ? 'machine' : outcome === 'answered' ? 'human' : undefined,
    answeredAt: outcome === 'answered' || outcome === 'voicemail' ? startedAt : undefined,
    endedAt,
    talkSeconds: outcome === 'answered' || outcome === 'voicemail' ? duration : 0,
    endedReason,
    disposition: stringOf(structured?.disposition),
    transcript: transcript.length > 0 ? transcript : undefined,
    summary: stringOf(analysis?.summary) ?? stringOf(message.summary),
    structuredData: structured,
    recording: recordingUrl ? { url: recordingUrl } : undefined,
    optOut,
    callbackAt: dateOf(structured?.callbackAt),
    converted: typeof structured?.converted === 'boolean' ? structured.converted : undefined,
  };
}

function equalSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** Whichever of Vapi's ways the credential uses; the first header present decides. */
export function verifyVapiRequest(secret: string, request: WebhookRequest): void {
  const signature = headerOf(request.headers, 'x-vapi-signature');
  if (signature !== undefined) {
    const expected = createHmac('sha256', secret).update(request.rawBody).digest('hex');
    const given = signature.replace(/^sha256=/i, '').toLowerCase();
    if (!equalSecret(given, expected))
      throw CampaignsErrors.telephonyWebhookRefused('x-vapi-signature', 'is not the HMAC-SHA256 of the body');
    return;
  }
  const shared = headerOf(request.headers, 'x-vapi-secret');
  if (shared !== undefined) {
    if (!equalSecret(shared, secret))
      throw CampaignsErrors.telephonyWebhookRefused('x-vapi-secret', "is not this tenant's webhook secret");
    return;
  }
  const authorization = headerOf(request.headers, 'authorization');
  if (authorization !== undefined) {
    const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1] ?? '';
    if (!equalSecret(token, secret))
      throw CampaignsErrors.telephonyWebhookRefused('authorization', "is not this tenant's webhook secret");
    return;
  }
  throw CampaignsErrors.telephonyWebhookRefused(
    'x-vapi-signature',
    'is missing (as are x-vapi-secret and authorization)',
  );
}

export function createVapiAdapter(deps: VapiAdapterDeps): TelephonyAdapter {
  return {
    name: 'vapi',
    async place(ctx: RequestContext, request: DialRequest) {
      const apiKey = await requiredSecret(deps.secrets, ctx.tenantId, API_KEY);
      const phoneNumberId = await requiredSecret(deps.secrets, ctx.tenantId, PHONE_NUMBER_ID);
      if (!request.agentId)
        throw new PlaceCallError(
          'settings.adapter.agentId (the Vapi assistant id) is required for Vapi',
          false,
        );
      const response = await providerRequest(deps.http, `${VAPI_API}/call`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          assistantId: request.agentId,
          phoneNumberId,
          customer: { number: request.to },
          assistantOverrides: { variableValues: request.context },
          metadata: { attemptId: request.attemptId, campaignId: request.campaignId },
        }),
      });
      if (!response.ok) throw placeCallErrorOf('Vapi', response);
      const id = stringOf(objectOf(response.body)?.id);
      if (!id) throw new PlaceCallError('Vapi answered without a call id', true);
      return { providerCallId: id };
    },

    async parseWebhook(ctx, request) {
      const secret = await webhookSecret(deps.secrets, ctx.tenantId, WEBHOOK_SECRET, 'vapi');
      verifyVapiRequest(secret, request);
      const report = vapiReportOf(parseJsonBody(request.rawBody));
      return report ? [report] : [];
    },

    async fetchCall(ctx, providerCallId) {
      const apiKey = await requiredSecret(deps.secrets, ctx.tenantId, API_KEY);
      const response = await providerRequest(
        deps.http,
        `${VAPI_API}/call/${encodeURIComponent(providerCallId)}`,
        {
          method: 'GET',
          headers: { authorization: `Bearer ${apiKey}` },
        },
      );
      if (response.status === 404) return undefined;
      if (!response.ok) throw placeCallErrorOf('Vapi', response);
      const call = objectOf(response.body);
      if (!call || stringOf(call.status) !== 'ended') return undefined;
      // The Call object has what the end-of-call report carries (artifact, analysis, endedReason).
      const report = vapiReportOf({
        message: {
          type: 'end-of-call-report',
          call,
          endedReason: call.endedReason,
          artifact: call.artifact,
          analysis: call.analysis,
          startedAt: call.startedAt,
          endedAt: call.endedAt,
          recordingUrl: call.recordingUrl,
          transcript: call.transcript,
          messages: call.messages,
        },
      });
      return report ? { ...report, raw: call } : undefined;
    },
  };
}
