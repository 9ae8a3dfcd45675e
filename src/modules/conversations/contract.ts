/**
 * What other modules and the API see of conversations. Every service method takes the request
 * context first; no driver types cross this line. The services are added feature by feature
 * (recordings/, pipeline/); this file grows with them.
 */
import type { AuditContext } from '../../platform/audit/index.js';
import type { RequestContext } from '../../platform/context.js';
import type { CallLinkKind, RecordingDirection, RecordingState } from './db/conversations.tables.js';
import type { RecordingMetadata } from './recordings/recording-metadata.schema.js';
import type { RecordingCharacteristics } from './recordings/recording-characteristics.schema.js';

export type { RecordingMetadata, RecordingParty } from './recordings/recording-metadata.schema.js';
export type { RecordingCharacteristics } from './recordings/recording-characteristics.schema.js';
export type { CallLinkKind, RecordingDirection, RecordingState } from './db/conversations.tables.js';

/** A recording as lists show it. Times are UTC ISO strings. */
export interface RecordingSummary {
  /** rec_... */
  readonly id: string;
  readonly source: string;
  readonly sourceRecordingId: string;
  readonly state: RecordingState;
  /** Why it failed (state failed), in words a user can act on. */
  readonly failure: { readonly code: string; readonly reason: string | null } | null;
  readonly startedAt: string | null;
  readonly direction: RecordingDirection;
  readonly queue: string | null;
  readonly language: string | null;
  readonly tags: string[];
  /** call_..., when the recording is linked to its call record. */
  readonly callId: string | null;
  readonly callLink: CallLinkKind | null;
  /** The stored audio as received; null for a transcript-only recording or while uploading. */
  readonly audio: {
    readonly contentType: string;
    readonly bytes: number;
    readonly sha256: string;
  } | null;
  readonly hasSuppliedTranscript: boolean;
  readonly hasRedactedAudio: boolean;
  /** Facts the pipeline measured: null until it has. */
  readonly durationMs: number | null;
  readonly codec: string | null;
  readonly channels: number | null;
  readonly sampleRate: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RecordingRunView {
  /** run_... */
  readonly id: string;
  readonly reason: 'received' | 'rerun';
  readonly state: 'running' | 'succeeded' | 'failed';
  readonly steps: unknown;
  readonly failure: { readonly code: string; readonly reason: string | null } | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** The recording's current transcript: redacted, speaker-labelled (the transcript model, schemaVersion 1). */
export interface CurrentTranscriptView {
  /** trn_... */
  readonly id: string;
  readonly runId: string;
  readonly provider: string;
  readonly language: string | null;
  readonly durationMs: number | null;
  readonly speakerCount: number;
  /** The redacted transcript (segments with redaction markers, speakers, provenance). */
  readonly transcript: unknown;
  /** Entities redacted, by type. */
  readonly redactionCounts: Readonly<Record<string, number>>;
  /** Null when the run measured none (a transcript without audio). */
  readonly characteristics: RecordingCharacteristics | null;
  readonly createdAt: string;
}

export interface RecordingDetail extends RecordingSummary {
  /** The metadata as delivered (parties with numbers and names, agent...), unsealed for the reader. */
  readonly metadata: RecordingMetadata;
  /** Pipeline runs, newest first. */
  readonly runs: readonly RecordingRunView[];
  /** Null until a run produced one, or when the caller may not read transcripts. */
  readonly transcript: CurrentTranscriptView | null;
}

export interface RecordingFilters {
  /** call_... */
  readonly callId?: string | undefined;
  /** A party number: E.164 (spaces, dashes, brackets ignored) or an address exactly. */
  readonly number?: string | undefined;
  /** The agent id (or name when the metadata has no id), case-insensitive. */
  readonly agent?: string | undefined;
  readonly queue?: string | undefined;
  /** Recordings that started (or, without a start time, were received) at or after / before. */
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly states?: readonly RecordingState[] | undefined;
  /** Full text over the redacted current transcript (websearch syntax: words, "phrases", -not, or). */
  readonly q?: string | undefined;
}

/** `createdAt`: when received; `startedAt`: when the call started (received, for one without a start); `duration`: length of the audio. */
export type RecordingSortKey = 'createdAt' | 'startedAt' | 'duration';

export interface RecordingSort {
  readonly key: RecordingSortKey;
  readonly direction: 'asc' | 'desc';
}

/** Position in the list order (by default createdAt descending, then id descending). */
export interface RecordingCursor {
  /** The order's time: the call's start (or receipt) sorted by startedAt, else when received. */
  readonly at: Date;
  /** The recording's UUID. */
  readonly id: string;
  /** The audio's length in ms (-1 for none) when the list is sorted by duration. */
  readonly durationMs?: number | undefined;
}

/** How many recordings match: counted up to 10,000, beyond it the planner's estimate (`exact: false`). */
export interface RecordingTotal {
  readonly count: number;
  readonly exact: boolean;
}

export interface RecordingPage {
  readonly items: readonly RecordingSummary[];
  readonly nextCursor: RecordingCursor | null;
  /** When the query asked `withTotal`. */
  readonly total?: RecordingTotal | undefined;
}

/** A stream of bytes and what the sender said it is. */
export interface IncomingFile {
  readonly body: AsyncIterable<Buffer>;
  readonly filename?: string | null | undefined;
  readonly contentType?: string | null | undefined;
}

/**
 * One delivery of a recording being received: claimed by `begin`, filled by `putAudio` and/or
 * `putTranscript`, then `complete` (queued, event published) or `abort` (nothing is kept). The
 * HTTP upload and the pull connectors both receive through it.
 */
export interface RecordingIntake {
  /** rec_... */
  readonly recordingId: string;
  /** Streams the audio to the object store (sniffed first: refused when it is not audio). */
  putAudio(file: IncomingFile): Promise<{ readonly bytes: number; readonly sha256: string }>;
  /** A supplied transcript (WebVTT, SRT, provider JSON), checked with parseTranscript, then stored. */
  putTranscript(file: {
    readonly bytes: Buffer;
    readonly filename?: string | null | undefined;
  }): Promise<void>;
  /** Marks it queued and publishes conversations.recording.received.v1 in the same transaction. */
  complete(): Promise<RecordingSummary>;
  /** Removes what this delivery stored and its claim; safe to call more than once. */
  abort(reason: string): Promise<void>;
}

export type BeginOutcome =
  | { readonly status: 'existing'; readonly recording: RecordingSummary }
  | { readonly status: 'claimed'; readonly intake: RecordingIntake };

export interface UploadTicket {
  /** rec_... */
  readonly recordingId: string;
  /** PUT the audio here (no other credentials); null when the recording was already received. */
  readonly uploadUrl: string | null;
  readonly expiresAt: string | null;
  readonly recording: RecordingSummary;
}

export interface RecordingsService {
  /** Claims the recording (tenant, source, sourceRecordingId) for a delivery, or finds it received already. */
  begin(ctx: RequestContext, metadata: RecordingMetadata): Promise<BeginOutcome>;
  /** Two-step upload, first call: claims the recording and signs a PUT URL for its audio. */
  createUpload(
    ctx: RequestContext,
    request: {
      readonly metadata: RecordingMetadata;
      readonly bytes?: number | undefined;
      readonly sha256?: string | undefined;
    },
  ): Promise<{ readonly created: boolean; readonly ticket: UploadTicket }>;
  /** The signed PUT: checks the link, streams the audio to the object store. */
  putUploadedAudio(
    link: {
      readonly tenant: string;
      readonly recordingId: string;
      readonly expires: string;
      readonly sig: string;
    },
    file: IncomingFile,
  ): Promise<{ readonly bytes: number; readonly sha256: string }>;
  /** Two-step upload, last call: checks size and SHA-256 (if given now or declared before) and queues it. */
  completeUpload(
    ctx: RequestContext,
    recordingId: string,
    expect: { readonly bytes?: number | undefined; readonly sha256?: string | undefined },
  ): Promise<{ readonly created: boolean; readonly recording: RecordingSummary }>;
  list(
    ctx: RequestContext,
    query: {
      readonly filters: RecordingFilters;
      readonly limit: number;
      /** Default: createdAt descending (newest received first); ties by id the same way. */
      readonly sort?: RecordingSort | undefined;
      /** Continue after this recording (the nextCursor of the previous page, read in the same sort). */
      readonly after?: RecordingCursor | undefined;
      /** Count the matching recordings too (the first page of a list asks; later pages need not). */
      readonly withTotal?: boolean | undefined;
    },
  ): Promise<RecordingPage>;
  get(
    ctx: RequestContext,
    recordingId: string,
    options?: { readonly withTranscript?: boolean },
  ): Promise<RecordingDetail>;
  /**
   * A short-lived signed link to the audio; audited as conversations.recording.audio_link_issued
   * (with `purpose` in the details: playback by default, vcon_export for a vCon's dialog).
   */
  audioLink(
    ctx: AuditContext,
    recordingId: string,
    variant: 'redacted' | 'original',
    options?: {
      /** Default the playback TTL (300 s); at most 7 days. */
      readonly expiresInSeconds?: number | undefined;
      readonly purpose?: 'playback' | 'vcon_export' | undefined;
    },
  ): Promise<{ readonly url: string; readonly expiresAt: string; readonly variant: 'redacted' | 'original' }>;
  /** Removes claims of uploads nobody completed before they lapsed; answers how many. */
  sweepLapsedUploads(now?: Date): Promise<number>;
}
