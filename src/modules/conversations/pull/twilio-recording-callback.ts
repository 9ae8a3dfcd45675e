import type { SecretReader } from '../../../platform/secrets/index.js';
import { validateTwilioSignature } from '../../calls/index.js';
import { toDate } from './json-path.js';
import { readSecrets } from './pull-config.shared.js';
import type { TwilioRecordingsConfig } from './twilio-recordings.config.js';
import type { TwilioRecordingFacts } from './twilio-recordings.source.js';

/*
 * The push alternative to polling: Twilio POSTs a form to the `recordingStatusCallback` URL on
 * each recording event (AccountSid, CallSid, RecordingSid, RecordingUrl, RecordingStatus,
 * RecordingDuration, RecordingChannels, RecordingStartTime, RecordingSource, RecordingTrack,
 * ErrorCode). It is signed: X-Twilio-Signature = base64(HMAC-SHA1(auth token, the full URL
 * Twilio called + every POST parameter name and value, sorted by name)). The check itself is the
 * calls module's (the same one its call-status webhook uses).
 *
 * The route (the lead's) answers: 403 for `unsigned`/`bad_signature`/`other_account`, 400 for
 * `invalid`, 204 for the rest; `completed` goes on to TwilioRecordingsSource.fromCallback.
 */

export type TwilioRecordingCallback =
  | { readonly status: 'unsigned' }
  | { readonly status: 'bad_signature' }
  /** Signed with this tenant's token but naming another account (a subaccount's callback URL misconfigured). */
  | { readonly status: 'other_account'; readonly accountSid: string }
  | { readonly status: 'invalid'; readonly field: string; readonly message: string }
  /** in-progress, absent, failed: nothing to download (absent/failed carry Twilio's ErrorCode). */
  | { readonly status: 'not_completed'; readonly recordingStatus: string; readonly errorCode: string | null }
  | { readonly status: 'completed'; readonly facts: TwilioRecordingFacts };

export interface TwilioCallbackRequest {
  /** The full URL Twilio called, as configured there (scheme, host, path and query). */
  readonly url: string;
  /** The form body, parsed. */
  readonly params: URLSearchParams;
  /** The X-Twilio-Signature header. */
  readonly signature: string | null | undefined;
}

/** Checks the signature first; nothing of an unsigned or wrongly signed body is read. */
export function readTwilioRecordingCallback(
  authToken: string,
  accountSid: string,
  request: TwilioCallbackRequest,
): TwilioRecordingCallback {
  if (!request.signature) return { status: 'unsigned' };
  if (!validateTwilioSignature(authToken, request.url, request.params, request.signature))
    return { status: 'bad_signature' };
  const { params } = request;
  const account = params.get('AccountSid');
  if (account !== accountSid) return { status: 'other_account', accountSid: account ?? '' };
  const recordingSid = params.get('RecordingSid') ?? '';
  if (!/^RE[0-9a-fA-F]{32}$/.test(recordingSid))
    return {
      status: 'invalid',
      field: 'body.RecordingSid',
      message: 'must be a recording SID (RE + 32 hex digits)',
    };
  const recordingStatus = params.get('RecordingStatus') ?? '';
  if (recordingStatus !== 'completed')
    return { status: 'not_completed', recordingStatus, errorCode: params.get('ErrorCode') || null };
  const duration = Number(params.get('RecordingDuration'));
  const channels = Number(params.get('RecordingChannels') ?? '1');
  const callSid = params.get('CallSid');
  return {
    status: 'completed',
    facts: {
      recordingSid,
      callSid: callSid && /^CA[0-9a-fA-F]{32}$/.test(callSid) ? callSid : null,
      startTime: toDate(params.get('RecordingStartTime')),
      durationSeconds: Number.isFinite(duration) && duration >= 0 ? duration : null,
      channels: channels === 2 ? 2 : 1,
      source: params.get('RecordingSource'),
    },
  };
}

/** The same, with the auth token read from the tenant's secrets (the config names it). */
export async function verifyTwilioRecordingCallback(
  secrets: SecretReader,
  tenantId: string,
  config: Pick<TwilioRecordingsConfig, 'accountSid' | 'authTokenSecret'>,
  request: TwilioCallbackRequest,
): Promise<TwilioRecordingCallback> {
  const { token } = await readSecrets(secrets, tenantId, 'Twilio', { token: config.authTokenSecret });
  return readTwilioRecordingCallback(token, config.accountSid, request);
}
