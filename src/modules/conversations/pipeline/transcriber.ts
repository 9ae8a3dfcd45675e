import type { RequestContext } from '../../../platform/context.js';
import type { Transcript } from '../transcripts/index.js';

/**
 * The strategy the pipeline transcribes through. Providers (a local engine, a cloud API) satisfy
 * it; the pipeline tries them in the order of the tenant's settings. A supplied transcript is read
 * by its own implementation (supplied.transcriber.ts) and always wins when the recording has one.
 *
 * A provider throws `PipelineFailure` for what will fail again (no engine installed, a language it
 * cannot do) and anything else for what may pass on a retry (a timeout, HTTP 5xx): the workflow
 * step retries those with backoff.
 */
export interface Transcriber {
  /** Stable name, as settings and re-run requests name it (`supplied`, `whisper-local`, `deepgram`). */
  readonly name: string;
  transcribe(ctx: RequestContext, request: TranscribeRequest): Promise<TranscribeResult>;
}

/** Audio as a provider may take it: decoded 16 kHz PCM, or the stored object to send as it is. */
export interface TranscriberAudio {
  /** Object key of the recording's audio as received. */
  readonly key: string;
  readonly contentType: string | null;
  /** Every channel decoded and resampled to 16 kHz, samples in [-1, 1] (decoded on first call, then kept). */
  pcm16k(): Promise<readonly Float32Array[]>;
}

export interface TranscribeRequest {
  readonly recordingId: string;
  /** Null for a recording that came with a supplied transcript and no audio. */
  readonly audio: TranscriberAudio | null;
  /** Object key of the transcript delivered with the recording, if any. */
  readonly suppliedTranscriptKey: string | null;
  /** The recording's language, the re-run's, or the tenant's default; null = detect. */
  readonly language: string | null;
  /** Channels of the audio (a stereo call has one party per channel); null without audio. */
  readonly channels: number | null;
}

/** What a step did, for the run's history: who, which version, under which configuration. */
export interface StepProvenance {
  readonly provider: string;
  readonly version: string;
  /** SHA-256 (hex, first 16) of the configuration that decides the output (model, options). */
  readonly configHash: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface TranscribeResult {
  /** The transcript model (transcripts/); times in ms from the start of the recording. */
  readonly transcript: Transcript;
  readonly provenance: StepProvenance;
  /** What the provider charged, in millionths of the account currency; null when free or unknown. */
  readonly costMicros: number | null;
}
