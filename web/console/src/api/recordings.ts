import { api, authorisingFetch, session, unwrap } from './client';
import { ApiError } from './problem';

/*
 * The recordings API as the console reads it (the recordings pages, and the call page's list of
 * its recordings): every type and every call is here, so switching to the generated client is one
 * edit of this file.
 *
 * TODO(recordings API merge): the recordings routes (branch `recordings`) are not in
 * `schema.gen.ts` yet. Once merged and regenerated, replace the declarations below with
 *   Schema<'RecordingSummary'>, Schema<'RecordingDetail'>, Schema<'RecordingUploadTicket'>,
 *   Schema<'RecordingAudioLink'>, Schema<'RecordingMetadata'>, Schema<'RecordingRun'>
 * and `call()` with `unwrap(api.GET('/api/v1/recordings', …))` and friends. The transcript and
 * characteristics stay declared here: the API types them as `unknown` (the pipeline's models,
 * src/modules/conversations/transcripts/transcript.schema.ts and audio/characteristics.ts).
 */

export const recordingStates = ['uploading', 'queued', 'processing', 'ready', 'failed'] as const;
export type RecordingState = (typeof recordingStates)[number];
export const recordingDirections = ['inbound', 'outbound', 'internal', 'unknown'] as const;
export type RecordingDirection = (typeof recordingDirections)[number];

export interface Failure {
  readonly code: string;
  readonly reason: string | null;
}

export interface RecordingSummary {
  /** rec_... */
  readonly id: string;
  readonly source: string;
  readonly sourceRecordingId: string;
  readonly state: RecordingState;
  readonly failure: Failure | null;
  readonly startedAt: string | null;
  readonly direction: RecordingDirection;
  readonly queue: string | null;
  readonly language: string | null;
  readonly tags: string[];
  readonly callId: string | null;
  readonly callLink: 'given' | 'source_call_id' | 'numbers_and_time' | null;
  readonly audio: { readonly contentType: string; readonly bytes: number; readonly sha256: string } | null;
  readonly hasSuppliedTranscript: boolean;
  readonly hasRedactedAudio: boolean;
  readonly durationMs: number | null;
  readonly codec: string | null;
  readonly channels: number | null;
  readonly sampleRate: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RecordingParty {
  readonly number?: string;
  readonly name?: string;
  readonly role?: 'agent' | 'customer';
  readonly channel?: number;
}

export interface RecordingMetadata {
  readonly source: string;
  readonly sourceRecordingId: string;
  readonly startedAt?: string;
  readonly direction?: RecordingDirection;
  readonly parties?: RecordingParty[];
  readonly agent?: { readonly id?: string; readonly name?: string };
  readonly queue?: string;
  readonly language?: string;
  readonly tags?: string[];
  readonly callId?: string;
  readonly sourceCallId?: string;
}

export interface RunStep {
  readonly name: string;
  readonly outcome: 'done' | 'skipped' | 'failed';
  readonly provider: string;
  readonly version: string;
  readonly startedAt: string;
  readonly finishedAt: string;
}

export interface RecordingRunView {
  readonly id: string;
  readonly reason: 'received' | 'rerun';
  readonly state: 'running' | 'succeeded' | 'failed';
  /** The API types it `unknown`; read with `runSteps`. */
  readonly steps: unknown;
  readonly failure: Failure | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

export interface CurrentTranscript {
  readonly id: string;
  readonly runId: string;
  readonly provider: string;
  readonly language: string | null;
  readonly durationMs: number | null;
  readonly speakerCount: number;
  /** The redacted transcript model; read with `transcriptOf`. */
  readonly transcript: unknown;
  readonly redactionCounts: Readonly<Record<string, number>>;
  /** Read with `characteristicsOf`. */
  readonly characteristics: unknown;
  readonly createdAt: string;
}

export interface RecordingDetail extends RecordingSummary {
  readonly metadata: RecordingMetadata;
  /** Newest first. */
  readonly runs: readonly RecordingRunView[];
  readonly transcript: CurrentTranscript | null;
}

export interface RecordingPage {
  readonly items: readonly RecordingSummary[];
  readonly nextCursor: string | null;
}

export type AudioVariant = 'redacted' | 'original';

export interface AudioLink {
  readonly url: string;
  readonly expiresAt: string;
  readonly variant: AudioVariant;
}

export interface UploadTicket {
  readonly recordingId: string;
  readonly uploadUrl: string | null;
  readonly expiresAt: string | null;
  readonly recording: RecordingSummary;
}

/** The filters of GET /api/v1/recordings (the API's names). */
export interface RecordingListQuery {
  readonly callId?: string;
  readonly number?: string;
  readonly agent?: string;
  readonly queue?: string;
  readonly from?: string;
  readonly to?: string;
  /** Comma-separated states. */
  readonly state?: string;
  readonly q?: string;
  /**
   * TODO(recordings API): the API lists newest received first and takes no `sort` or `total`
   * yet; the console sends them so the list orders and counts as soon as the API does.
   */
  readonly sort?: string;
  readonly total?: 'true';
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * The limits of the metadata fields (src/modules/conversations/recordings/recording-metadata.schema.ts).
 * The generated limits cover only top-level body fields, and these sit under `metadata`.
 */
export const metadataLimits = {
  source: 64,
  sourceRecordingId: 256,
  agent: 256,
  queue: 256,
  language: 35,
  partyNumber: 128,
  partyName: 256,
  parties: 16,
  callId: 64,
} as const;

/** The sizes the server takes (multipart description of POST /api/v1/recordings). */
export const fileLimits = {
  audioBytes: 4 * 1024 ** 3,
  transcriptBytes: 50 * 1024 ** 2,
} as const;

/* ---------------------------------------------------------------- transport */

const send = authorisingFetch(session);

async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const request = new Request(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
    signal: signal ?? null,
  });
  const response = await send(request);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw ApiError.fromResponse(response, parsed);
  return parsed as T;
}

const query = (params: object) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

const path = (id: string) => `/api/v1/recordings/${encodeURIComponent(id)}`;

export const recordingsApi = {
  list: (params: RecordingListQuery, signal?: AbortSignal) =>
    call<RecordingPage & { total?: { count: number; exact: boolean } }>(
      'GET',
      `/api/v1/recordings${query(params)}`,
      undefined,
      signal,
    ),
  get: (id: string, signal?: AbortSignal) => call<RecordingDetail>('GET', path(id), undefined, signal),
  audio: (id: string, variant: AudioVariant, signal?: AbortSignal) =>
    call<AudioLink>('GET', `${path(id)}/audio${query({ variant })}`, undefined, signal),
  /** A new pipeline run (another provider or language); 202 with the run. */
  rerun: (recordingId: string, body: { provider?: string; language?: string }) =>
    unwrap(api.POST('/api/v1/recordings/{recordingId}/runs', { params: { path: { recordingId } }, body })),
  createUpload: (body: { metadata: RecordingMetadata; bytes?: number }) =>
    call<UploadTicket>('POST', '/api/v1/recordings/uploads', body),
  completeUpload: (id: string, body: { bytes?: number }) =>
    call<RecordingSummary>('POST', `${path(id)}/complete`, body),
  /** Providers this installation has (needs settings:read). */
  settings: () => unwrap(api.GET('/api/v1/conversations/settings')),
};

/* ------------------------------------------------------------ models read */

export interface TranscriptWord {
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
}

export interface RedactionMarker {
  readonly entityType: string;
  readonly charStart: number;
  readonly charEnd: number;
  readonly startMs: number | null;
  readonly endMs: number | null;
  readonly by: 'provider' | 'switchboard';
}

export interface TranscriptSegment {
  readonly id: string;
  readonly speakerId: string;
  readonly channel: number | null;
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
  readonly words: readonly TranscriptWord[] | null;
  readonly redactions: readonly RedactionMarker[];
}

export interface TranscriptSpeaker {
  readonly id: string;
  readonly role: 'agent' | 'customer' | 'unknown';
  readonly label: string | null;
  readonly channel: number | null;
}

export interface Transcript {
  readonly language: string | null;
  readonly durationMs: number | null;
  readonly speakers: readonly TranscriptSpeaker[];
  readonly segments: readonly TranscriptSegment[];
}

export interface Span {
  readonly startMs: number;
  readonly endMs: number;
}

export interface TimedSpan extends Span {
  readonly durationMs: number;
}

export interface SpeakerCharacteristics {
  readonly speaker: string;
  readonly channel: number | null;
  readonly talkTimeMs: number;
  readonly talkRatio: number;
  readonly talkShareOfCall: number;
  readonly longestMonologue: TimedSpan | null;
  readonly interruptionsMade: number;
  readonly interruptionsSuffered: number;
  readonly spans: readonly Span[];
}

export interface Interruption {
  readonly interrupter: string;
  readonly interrupted: string;
  readonly atMs: number;
  readonly durationMs: number;
}

export interface Characteristics {
  readonly durationMs: number;
  readonly talkTimeMs: number;
  readonly speakers: readonly SpeakerCharacteristics[];
  readonly nonTalk: { readonly totalMs: number; readonly periods: readonly TimedSpan[] };
  readonly interruptions: readonly Interruption[];
  readonly overtalk: { readonly totalMs: number; readonly periods: readonly TimedSpan[] };
  /** Per speaker, in the order of `speakers`. */
  readonly loudness?: readonly {
    readonly averageDbfs: number | null;
    readonly perSecondDbfs: readonly (number | null)[];
  }[];
  /** Words per minute of talk, by speaker id. */
  readonly talkSpeedWpm?: Readonly<Record<string, number | null>>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The transcript model, if the value has its shape (segments and speakers); a page never trusts `unknown` blindly. */
export function transcriptOf(value: unknown): Transcript | null {
  if (!isObject(value) || !Array.isArray(value.segments) || !Array.isArray(value.speakers)) return null;
  const segments = value.segments.filter(
    (s): s is TranscriptSegment =>
      isObject(s) &&
      typeof s.id === 'string' &&
      typeof s.speakerId === 'string' &&
      typeof s.startMs === 'number' &&
      typeof s.endMs === 'number' &&
      typeof s.text === 'string',
  );
  return {
    language: typeof value.language === 'string' ? value.language : null,
    durationMs: typeof value.durationMs === 'number' ? value.durationMs : null,
    speakers: value.speakers.filter(
      (s): s is TranscriptSpeaker => isObject(s) && typeof s.id === 'string' && typeof s.role === 'string',
    ),
    segments: segments.map((s) => ({ ...s, redactions: Array.isArray(s.redactions) ? s.redactions : [] })),
  };
}

export function characteristicsOf(value: unknown): Characteristics | null {
  if (
    !isObject(value) ||
    typeof value.durationMs !== 'number' ||
    !Array.isArray(value.speakers) ||
    !isObject(value.nonTalk) ||
    !isObject(value.overtalk) ||
    !Array.isArray(value.interruptions)
  )
    return null;
  return value as unknown as Characteristics;
}

export function runSteps(value: unknown): RunStep[] {
  return Array.isArray(value)
    ? value.filter(
        (s): s is RunStep => isObject(s) && typeof s.name === 'string' && typeof s.outcome === 'string',
      )
    : [];
}
