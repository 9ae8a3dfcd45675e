import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../../platform/context.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { AttemptOutcome } from '../dialing/pre-dial-check.js';
import { CampaignsErrors } from '../errors.js';
import type { CallReport, DialRequest, TelephonyAdapter, TranscriptLine, WebhookRequest } from './adapter.js';
import { PlaceCallError } from './adapter.js';
import { optOutFromTranscript } from './opt-out-phrases.js';
import {
  attemptIdOf,
  callIdOf,
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
 * Retell AI voice agents. `place` creates a phone call (POST /v2/create-phone-call) with the
 * campaign's agent; the agent's webhook URL (set in Retell to our webhook) receives
 * `call_started`, `call_ended` and `call_analyzed`. Each is signed with the API key:
 * `x-retell-signature: v=<ms timestamp>,d=<hex HMAC-SHA256(api key, raw body + timestamp)>`,
 * 5 minutes' tolerance (RetellAI/retell-python-sdk src/retell/lib/webhook_auth.py).
 * Sources: https://docs.retellai.com/api-references/create-phone-call,
 * https://docs.retellai.com/features/webhook, https://docs.retellai.com/reliability/debug-call-disconnect.
 *
 * call_ended is the end of the call (kind end_of_call); call_analyzed comes later with
 * call_analysis and is a second end_of_call report of the same call (its own key) that adds the
 * analysis: opt-out from `custom_analysis_data.opt_out` (a field the agent's post-call analysis
 * should define) or a customer line of the transcript; callback from
 * `custom_analysis_data.callback_at`; conversion from `custom_analysis_data.converted`.
 */

export const RETELL_API = 'https://api.retellai.com';
const API_KEY = 'campaigns.retell.api_key';
export const RETELL_SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

export interface RetellAdapterDeps {
  readonly secrets: SecretReader;
  readonly http: ProviderHttpSettings;
  readonly now?: () => Date;
}

/** disconnection_reason → outcome. */
export const RETELL_DISCONNECTION: Readonly<Record<string, AttemptOutcome>> = {
  user_hangup: 'answered',
  agent_hangup: 'answered',
  call_transfer: 'answered',
  inactivity: 'answered',
  max_duration_reached: 'answered',
  voicemail_reached: 'voicemail',
  // An IVR picked up: a machine, like a voicemail.
  ivr_reached: 'voicemail',
  dial_busy: 'busy',
  dial_no_answer: 'no_answer',
  user_declined: 'no_answer',
  dial_failed: 'failed',
  invalid_destination: 'failed',
  telephony_provider_permission_denied: 'failed',
  telephony_provider_unavailable: 'failed',
  sip_routing_error: 'failed',
  marked_as_spam: 'failed',
  scam_detected: 'failed',
  concurrency_limit_reached: 'failed',
  no_valid_payment: 'failed',
};

/** An unknown reason (Retell adds them) counts as answered when the customer spoke, else failed. */
export function retellOutcomeOf(
  reason: string | undefined,
  inVoicemail: boolean,
  customerSpoke: boolean,
): AttemptOutcome {
  if (inVoicemail) return 'voicemail';
  const known = reason ? RETELL_DISCONNECTION[reason] : undefined;
  return known ?? (customerSpoke ? 'answered' : 'failed');
}

/** Verifies `x-retell-signature` exactly as Retell's SDK does; throws a 401 problem otherwise. */
export function verifyRetellSignature(
  apiKey: string,
  rawBody: Buffer,
  header: string | undefined,
  nowMs: number,
): void {
  if (!header) throw CampaignsErrors.telephonyWebhookRefused('x-retell-signature', 'is missing');
  const match = /^v=(?<ts>\d+),d=(?<digest>[0-9a-f]{64})$/.exec(header);
  if (!match)
    throw CampaignsErrors.telephonyWebhookRefused(
      'x-retell-signature',
      "must be 'v=<timestamp>,d=<hex digest>'",
    );
  const { ts = '', digest = '' } = match.groups ?? {};
  const timestamp = Number(ts);
  if (!Number.isSafeInteger(timestamp) || Math.abs(nowMs - timestamp) > RETELL_SIGNATURE_TOLERANCE_MS)
    throw CampaignsErrors.telephonyWebhookRefused('x-retell-signature', 'is older or newer than 5 minutes');
  const expected = createHmac('sha256', apiKey)
    .update(Buffer.concat([rawBody, Buffer.from(ts, 'utf8')]))
    .digest();
  const given = Buffer.from(digest, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw CampaignsErrors.telephonyWebhookRefused(
      'x-retell-signature',
      'does not match the body and the API key',
    );
}

function transcriptOf(call: Record<string, unknown>): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  if (Array.isArray(call.transcript_object)) {
    for (const item of call.transcript_object) {
      const utterance = objectOf(item);
      const text = stringOf(utterance?.content);
      const role = stringOf(utterance?.role);
      if (!text || (role !== 'agent' && role !== 'user')) continue;
      const words = Array.isArray(utterance?.words) ? utterance.words.map(objectOf) : [];
      lines.push({
        speaker: role === 'user' ? 'customer' : 'agent',
        text,
        startSeconds: numberOf(words[0]?.start),
        endSeconds: numberOf(words[words.length - 1]?.end),
      });
    }
    if (lines.length > 0) return lines;
  }
  for (const row of stringOf(call.transcript)?.split('\n') ?? []) {
    const [, who = '', text = ''] = /^\s*(Agent|User)\s*:\s*(.+)$/i.exec(row) ?? [];
    if (text) lines.push({ speaker: who.toLowerCase() === 'user' ? 'customer' : 'agent', text: text.trim() });
  }
  return lines;
}

const msDate = (value: unknown) => {
  const ms = numberOf(value);
  return ms === undefined ? undefined : new Date(ms);
};

/** A Retell call object (webhook `call`, or get-call) under an event, as our report. */
export function retellReportOf(
  event: string,
  call: Record<string, unknown>,
  raw: unknown,
): CallReport | undefined {
  const callId = callIdOf(call.call_id, 'body.call.call_id');
  const metadata = objectOf(call.metadata);
  const base = {
    adapter: 'retell' as const,
    providerCallId: callId,
    attemptId: attemptIdOf(metadata?.attemptId),
    raw,
  };
  if (event === 'call_started')
    return {
      ...base,
      kind: 'status',
      reportKey: `${callId}:call_started`,
      progress: 'in_progress',
      answeredAt: msDate(call.start_timestamp),
    };
  if (event !== 'call_ended' && event !== 'call_analyzed') return undefined;
  const analysis = objectOf(call.call_analysis);
  const custom = objectOf(analysis?.custom_analysis_data);
  const reason = stringOf(call.disconnection_reason);
  const transcript = transcriptOf(call);
  const outcome = retellOutcomeOf(
    reason,
    analysis?.in_voicemail === true,
    transcript.some((line) => line.speaker === 'customer'),
  );
  const durationMs = numberOf(call.duration_ms);
  const started = msDate(call.start_timestamp);
  const ended = msDate(call.end_timestamp);
  const talked = outcome === 'answered' || outcome === 'voicemail';
  const recordingUrl = stringOf(call.recording_url);
  const optOut =
    optOutFromTranscript(transcript) ??
    (custom?.opt_out === true
      ? { evidence: 'the post-call analysis set custom_analysis_data.opt_out' }
      : undefined);
  const callbackAt = stringOf(custom?.callback_at);
  const structured: Record<string, unknown> = { ...(custom ?? {}) };
  for (const key of ['user_sentiment', 'call_successful', 'in_voicemail'] as const)
    if (analysis?.[key] !== undefined) structured[key] = analysis[key];
  return {
    ...base,
    kind: 'end_of_call',
    reportKey: `${callId}:${event}`,
    progress: 'ended',
    outcome,
    answeredBy: outcome === 'voicemail' ? 'machine' : outcome === 'answered' ? 'human' : undefined,
    answeredAt: talked ? started : undefined,
    endedAt: ended,
    talkSeconds: talked ? (durationMs !== undefined ? durationMs / 1000 : undefined) : 0,
    endedReason: reason,
    disposition: stringOf(custom?.disposition),
    transcript: transcript.length > 0 ? transcript : undefined,
    summary: stringOf(analysis?.call_summary),
    structuredData: Object.keys(structured).length > 0 ? structured : undefined,
    recording: recordingUrl ? { url: recordingUrl } : undefined,
    optOut,
    callbackAt: callbackAt && !Number.isNaN(Date.parse(callbackAt)) ? new Date(callbackAt) : undefined,
    converted: typeof custom?.converted === 'boolean' ? custom.converted : undefined,
  };
}

export function createRetellAdapter(deps: RetellAdapterDeps): TelephonyAdapter {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'retell',
    async place(ctx: RequestContext, request: DialRequest) {
      const apiKey = await requiredSecret(deps.secrets, ctx.tenantId, API_KEY);
      if (!request.from)
        throw new PlaceCallError('settings.adapter.from (the caller id) is required for Retell', false);
      const response = await providerRequest(deps.http, `${RETELL_API}/v2/create-phone-call`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          from_number: request.from,
          to_number: request.to,
          ...(request.agentId ? { override_agent_id: request.agentId } : {}),
          metadata: { attemptId: request.attemptId, campaignId: request.campaignId },
          retell_llm_dynamic_variables: request.context,
        }),
      });
      if (!response.ok) throw placeCallErrorOf('Retell', response);
      const id = stringOf(objectOf(response.body)?.call_id);
      if (!id) throw new PlaceCallError('Retell answered without a call_id', true);
      return { providerCallId: id };
    },

    async parseWebhook(ctx, request: WebhookRequest) {
      const apiKey = await webhookSecret(deps.secrets, ctx.tenantId, API_KEY, 'retell');
      verifyRetellSignature(
        apiKey,
        request.rawBody,
        headerOf(request.headers, 'x-retell-signature'),
        now().getTime(),
      );
      const body = parseJsonBody(request.rawBody);
      const event = stringOf(body.event);
      if (!event) throw CampaignsErrors.telephonyWebhookInvalid('body.event', 'is missing');
      const call = objectOf(body.call);
      if (!call) throw CampaignsErrors.telephonyWebhookInvalid('body.call', 'must be an object');
      const report = retellReportOf(event, call, body);
      return report ? [report] : [];
    },

    async fetchCall(ctx, providerCallId) {
      const apiKey = await requiredSecret(deps.secrets, ctx.tenantId, API_KEY);
      const response = await providerRequest(
        deps.http,
        `${RETELL_API}/v2/get-call/${encodeURIComponent(providerCallId)}`,
        { method: 'GET', headers: { authorization: `Bearer ${apiKey}` } },
      );
      if (response.status === 404) return undefined;
      if (!response.ok) throw placeCallErrorOf('Retell', response);
      const call = objectOf(response.body);
      const status = stringOf(call?.call_status);
      if (!call || (status !== 'ended' && status !== 'not_connected' && status !== 'error')) return undefined;
      // Analysed already: the same key as the call_analyzed webhook, so the sink applies it once.
      return retellReportOf(call.call_analysis ? 'call_analyzed' : 'call_ended', call, call);
    },
  };
}
