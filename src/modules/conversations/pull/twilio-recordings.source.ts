import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { RecordingDirection } from '../db/conversations.tables.js';
import { numberAt, textAt, toDate } from './json-path.js';
import { readSecrets } from './pull-config.shared.js';
import { basicAuth, createPullHttp, type AuthScheme, type PullHttpOptions } from './pull-http.js';
import { PullErrors } from './pull.errors.js';
import type {
  PulledParty,
  PulledRecording,
  PullContext,
  PullPass,
  RecordingSource,
  SkippedRecording,
} from './recording-source.types.js';
import type { TwilioRecordingsConfig } from './twilio-recordings.config.js';

/*
 * Twilio Recordings (REST API 2010-04-01):
 * - list: GET /2010-04-01/Accounts/{AccountSid}/Recordings.json?DateCreated>=…&DateCreated<=…&PageSize=N,
 *   then every `next_page_uri` (a path on api.twilio.com). The filter is sent as an ISO instant;
 *   Twilio documents it by day, so the window is applied again here on each `date_created`.
 * - a recording is pulled when its status is `completed`. `processing` (and the in-progress
 *   states) hold the cursor back so the next run asks again; `absent`/`deleted`/`failed` are
 *   skipped with their reason.
 * - metadata: the recording (sid, call_sid, start_time, duration, channels, source) and its call
 *   (GET Calls/{CallSid}.json: from, to, direction, start_time), one fetch per call per pass.
 * - media: GET Recordings/{Sid}.wav or .mp3 with the same Basic auth; a dual-channel recording
 *   is asked for as such (RequestedChannels=2; Twilio's default download of a conference
 *   recording is mono).
 * Channels: Twilio puts the parent call's party on the first channel and the child call's on the
 * second. Inbound, the parent call is the caller; outbound-api, it is the number called. Either
 * way the customer is channel 0 and our side channel 1.
 */

type Json = Record<string, unknown>;

const SYSTEM = 'Twilio';

/** Recording statuses that may still become `completed`. */
const NOT_YET = new Set(['processing', 'in-progress', 'paused', 'stopped']);

const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function twilioDirection(callDirection: string | null): RecordingDirection {
  if (callDirection === null) return 'unknown';
  if (callDirection === 'inbound') return 'inbound';
  if (callDirection.startsWith('outbound')) return 'outbound';
  return 'unknown';
}

/** The recording's fields, read from the REST resource or from a status callback. */
export interface TwilioRecordingFacts {
  readonly recordingSid: string;
  readonly callSid: string | null;
  readonly startTime: Date | null;
  readonly durationSeconds: number | null;
  readonly channels: number;
  readonly source: string | null;
}

export interface TwilioRecordingsSource extends RecordingSource {
  /**
   * The PulledRecording for a recording Twilio announced through its status callback (already
   * verified with verifyTwilioRecordingCallback): its call is fetched for the numbers, the audio
   * downloaded like a pulled one. The media URL is built from the SIDs, never taken from the
   * callback, so the credentials only ever go to Twilio.
   */
  fromCallback(ctx: PullContext, facts: TwilioRecordingFacts): Promise<PulledRecording>;
}

export interface TwilioRecordingsSourceOptions {
  readonly config: TwilioRecordingsConfig;
  readonly secrets: SecretReader;
  readonly http?: Omit<PullHttpOptions, 'system'>;
}

export function createTwilioRecordingsSource(options: TwilioRecordingsSourceOptions): TwilioRecordingsSource {
  const { config } = options;
  const http = createPullHttp({ system: SYSTEM, ...options.http });
  const origin = new URL(config.apiBaseUrl).origin;
  const account = `${config.apiBaseUrl}/2010-04-01/Accounts/${config.accountSid}`;

  async function authFor(tenantId: string): Promise<AuthScheme> {
    if (config.apiKey) {
      const { secret } = await readSecrets(options.secrets, tenantId, SYSTEM, {
        secret: config.apiKey.secretSecret,
      });
      return basicAuth(config.apiKey.sid, secret);
    }
    const { token } = await readSecrets(options.secrets, tenantId, SYSTEM, { token: config.authTokenSecret });
    return basicAuth(config.accountSid, token);
  }

  function factsOf(recording: Json): TwilioRecordingFacts | null {
    const recordingSid = textAt(recording, 'sid');
    if (recordingSid === null || !/^RE[0-9a-fA-F]{32}$/.test(recordingSid)) return null;
    return {
      recordingSid,
      callSid: textAt(recording, 'call_sid'),
      startTime: toDate(textAt(recording, 'start_time')) ?? toDate(textAt(recording, 'date_created')),
      durationSeconds: numberAt(recording, 'duration'),
      channels: numberAt(recording, 'channels') ?? 1,
      source: textAt(recording, 'source'),
    };
  }

  function recordingOf(facts: TwilioRecordingFacts, call: Json | null, auth: AuthScheme): PulledRecording {
    const direction = twilioDirection(textAt(call, 'direction'));
    const from = textAt(call, 'from');
    const to = textAt(call, 'to');
    const dual = facts.channels === 2;
    const customer = direction === 'inbound' ? from : to;
    const ours = direction === 'inbound' ? to : from;
    const parties: PulledParty[] = [];
    if (direction !== 'unknown') {
      if (customer !== null)
        parties.push({
          number: customer,
          name: textAt(call, 'caller_name'),
          role: 'customer',
          channel: dual ? 0 : null,
        });
      if (ours !== null) parties.push({ number: ours, name: null, role: 'agent', channel: dual ? 1 : null });
    } else {
      if (from !== null) parties.push({ number: from, name: null, role: null, channel: null });
      if (to !== null) parties.push({ number: to, name: null, role: null, channel: null });
    }
    const extension = config.format;
    const query = dual ? '?RequestedChannels=2' : '';
    const mediaUrl = `${account}/Recordings/${facts.recordingSid}.${extension}${query}`;
    const contentType = extension === 'mp3' ? 'audio/mpeg' : 'audio/wav';
    return {
      metadata: {
        source: 'twilio',
        sourceRecordingId: facts.recordingSid,
        startedAt:
          facts.startTime?.toISOString() ?? toDate(textAt(call, 'start_time'))?.toISOString() ?? null,
        direction,
        parties,
        agent: null,
        queue: null,
        language: null,
        tags: facts.source ? [`twilio:${facts.source}`] : [],
        sourceCallId: facts.callSid,
        durationMs: facts.durationSeconds === null ? null : Math.round(facts.durationSeconds * 1000),
      },
      contentType,
      async openAudio(signal) {
        const response = await http.open({
          url: mediaUrl,
          what: `the media of ${facts.recordingSid}`,
          auth,
          accept: contentType,
          signal,
          notFoundIsNull: true,
        });
        if (!response?.body)
          throw PullErrors.badResponse(
            SYSTEM,
            `the media of ${facts.recordingSid}`,
            response === null ? 'not found (404): deleted since it was listed' : 'an empty answer',
            response?.status ?? null,
          );
        const length = response.headers.get('content-length');
        return {
          stream: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
          contentType: response.headers.get('content-type')?.split(';')[0]?.trim() || contentType,
          bytes: length !== null && /^\d+$/.test(length) ? Number(length) : null,
        };
      },
    };
  }

  function callFetcher(auth: AuthScheme, signal: AbortSignal | undefined) {
    const calls = new Map<string, Promise<Json | null>>();
    return (callSid: string | null): Promise<Json | null> => {
      if (!config.callDetails || callSid === null || !/^CA[0-9a-fA-F]{32}$/.test(callSid))
        return Promise.resolve(null);
      let call = calls.get(callSid);
      if (!call) {
        call = http
          .json({
            url: `${account}/Calls/${callSid}.json`,
            what: `the call ${callSid}`,
            auth,
            signal,
            notFoundIsNull: true,
          })
          .then((answer) => (typeof answer === 'object' && answer !== null ? (answer as Json) : null));
        calls.set(callSid, call);
      }
      return call;
    };
  }

  return {
    name: 'twilio',
    pull(ctx, window): PullPass {
      const skipped: SkippedRecording[] = [];
      let holdBack: Date | null = null;
      async function* run(): AsyncGenerator<PulledRecording> {
        const auth = await authFor(ctx.tenantId);
        const callOf = callFetcher(auth, ctx.signal);
        const query = new URLSearchParams({
          'DateCreated>': isoSeconds(window.since),
          'DateCreated<': isoSeconds(window.until),
          PageSize: String(config.pageSize),
        });
        let url: string | null = `${account}/Recordings.json?${query.toString()}`;
        const seen = new Set<string>();
        while (url !== null) {
          if (seen.has(url))
            throw PullErrors.badResponse(SYSTEM, 'the recordings list', `paging repeats ${url}`);
          seen.add(url);
          const page = await http.json({ url, what: 'the recordings list', auth, signal: ctx.signal });
          const recordings = (page as Json | null)?.recordings;
          if (!Array.isArray(recordings))
            throw PullErrors.badResponse(SYSTEM, 'the recordings list', 'no `recordings` list in the page');
          for (const item of recordings as unknown[]) {
            const recording = (typeof item === 'object' && item !== null ? item : {}) as Json;
            const created = toDate(textAt(recording, 'date_created'));
            if (created && (created < window.since || created >= window.until)) continue;
            const facts = factsOf(recording);
            if (!facts) {
              skipped.push({
                sourceRecordingId: textAt(recording, 'sid') ?? '(none)',
                reason: 'not a recording SID',
              });
              continue;
            }
            const status = textAt(recording, 'status') ?? 'completed';
            if (NOT_YET.has(status)) {
              const at = created ?? window.since;
              if (holdBack === null || at < holdBack) holdBack = at;
              skipped.push({
                sourceRecordingId: facts.recordingSid,
                reason: `still ${status}: the next run asks again`,
              });
              continue;
            }
            if (status !== 'completed') {
              const code = textAt(recording, 'error_code');
              skipped.push({
                sourceRecordingId: facts.recordingSid,
                reason: `status ${status}${code ? ` (error ${code})` : ''}`,
              });
              continue;
            }
            yield recordingOf(facts, await callOf(facts.callSid), auth);
          }
          const next = textAt(page, 'next_page_uri');
          if (next === null) url = null;
          else {
            const resolved = new URL(next, `${config.apiBaseUrl}/`);
            if (resolved.origin !== origin)
              throw PullErrors.badResponse(
                SYSTEM,
                'the recordings list',
                `a next page off ${origin}: ${resolved.origin}`,
              );
            url = resolved.toString();
          }
        }
      }
      const iterator = run();
      return {
        [Symbol.asyncIterator]: () => iterator,
        holdBackTo: () => holdBack,
        skipped: () => skipped,
      };
    },
    async fromCallback(ctx, facts) {
      const auth = await authFor(ctx.tenantId);
      return recordingOf(facts, await callFetcher(auth, ctx.signal)(facts.callSid), auth);
    },
  };
}
