import { api, unwrap } from './client';
import type { paths } from './schema.gen';
import type { Schema } from './types';

/*
 * The recordings API as the console reads it (the recordings pages, and the call page's list of
 * its recordings): its types and calls in one place. The transcript is declared here: the API
 * types it `unknown` (it is the pipeline's model, src/modules/conversations/transcripts/transcript.schema.ts),
 * so the pages read it through `transcriptOf`, which checks its shape. The characteristics are typed
 * by the API (RecordingCharacteristics).
 */

export type RecordingSummary = Schema<'RecordingSummary'>;
export type RecordingDetail = Schema<'RecordingDetail'>;
export type RecordingMetadata = Schema<'RecordingMetadataInput'>;
export type RecordingParty = NonNullable<RecordingMetadata['parties']>[number];
export type RecordingRunView = RecordingDetail['runs'][number];
export type CurrentTranscript = NonNullable<RecordingDetail['transcript']>;
export type UploadTicket = Schema<'RecordingUploadTicket'>;
export type AudioLink = Schema<'RecordingAudioLink'>;
export type RecordingState = RecordingSummary['state'];
export type RecordingDirection = RecordingSummary['direction'];
export type Failure = NonNullable<RecordingSummary['failure']>;

export const recordingStates = ['uploading', 'queued', 'processing', 'ready', 'failed'] as const;
export const recordingDirections = ['inbound', 'outbound', 'internal', 'unknown'] as const;

/* The lists above are the server's enums again (filters need them at run time): a change there fails the typecheck here. */
type SameValues<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : never;
export const enumsMatchTheApi: [
  SameValues<(typeof recordingStates)[number], RecordingState>,
  SameValues<(typeof recordingDirections)[number], RecordingDirection>,
] = [true, true];

export interface RunStep {
  readonly name: string;
  readonly outcome: 'done' | 'skipped' | 'failed';
  readonly provider: string;
  readonly version: string;
  readonly startedAt: string;
  readonly finishedAt: string;
}

/** The filters of GET /api/v1/recordings (the API's names). */
export type RecordingListQuery = NonNullable<paths['/api/v1/recordings']['get']['parameters']['query']>;

export type AudioVariant = AudioLink['variant'];

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

/* ---------------------------------------------------------------- calls */

export const recordingsApi = {
  list: (query: RecordingListQuery, signal?: AbortSignal) =>
    unwrap(api.GET('/api/v1/recordings', { params: { query }, signal })),
  get: (recordingId: string, signal?: AbortSignal) =>
    unwrap(api.GET('/api/v1/recordings/{recordingId}', { params: { path: { recordingId } }, signal })),
  audio: (recordingId: string, variant: AudioVariant, signal?: AbortSignal) =>
    unwrap(
      api.GET('/api/v1/recordings/{recordingId}/audio', {
        params: { path: { recordingId }, query: { variant } },
        signal,
      }),
    ),
  /** A new pipeline run (another provider or language); 202 with the run. */
  rerun: (recordingId: string, body: { provider?: string; language?: string }) =>
    unwrap(api.POST('/api/v1/recordings/{recordingId}/runs', { params: { path: { recordingId } }, body })),
  /** Two-step upload, first call: the metadata is checked; answers the signed URL to PUT the audio to. */
  createUpload: (body: { metadata: RecordingMetadata; bytes?: number }) =>
    unwrap(api.POST('/api/v1/recordings/uploads', { body })),
  completeUpload: (recordingId: string, body: { bytes?: number }) =>
    unwrap(
      api.POST('/api/v1/recordings/{recordingId}/complete', { params: { path: { recordingId } }, body }),
    ),
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

/** What the pipeline measured (the API's RecordingCharacteristics): talk, silences, interruptions, loudness, talk speed. */
export type Characteristics = Schema<'RecordingCharacteristics'>;
export type SpeakerCharacteristics = Characteristics['speakers'][number];
export type Interruption = Characteristics['interruptions'][number];
export type Span = SpeakerCharacteristics['spans'][number];

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

export function runSteps(value: unknown): RunStep[] {
  return Array.isArray(value)
    ? value.filter(
        (s): s is RunStep => isObject(s) && typeof s.name === 'string' && typeof s.outcome === 'string',
      )
    : [];
}
