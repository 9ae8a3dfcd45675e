import type { AudioSource } from '../audio/audio.types.js';
import type { SpeakerRoleHint } from '../transcripts/speakers.js';
import type { Transcript } from '../transcripts/transcript.schema.js';
import type { TranscriptionAttemptFailure } from './transcription.errors.js';

/** One recording to transcribe. */
export interface TranscriptionInput {
  /**
   * Opens the recording's bytes as stored (WAV, MP3, …). Called again for a retry, for each
   * channel of a local run and for the next provider, so it must return a fresh source each time.
   */
  readonly open: () => AudioSource | Promise<AudioSource>;
  /** The stored content type (`audio/wav`); cloud providers are told it. */
  readonly contentType: string;
  /** A file name for multipart uploads (`rec_123.wav`); never shown to anyone. */
  readonly fileName: string;
  /** Channels and length when the pipeline already knows them (from its audio analysis). */
  readonly channels?: number;
  readonly durationMs?: number;
  /** BCP 47; the tenant's default language otherwise. */
  readonly language?: string;
  /** Agent channel or label from the recording's metadata. */
  readonly speakerHint?: SpeakerRoleHint;
  /** Stops the run (the workflow was cancelled). */
  readonly signal?: AbortSignal;
}

export interface TranscriptionCost {
  /** Audio seconds billed: as the provider reported them where it does, else the recording's length. */
  readonly audioSeconds: number;
  readonly audioSecondsSource: 'provider' | 'audio';
  readonly pricePerMinuteUsd: number | null;
  /** audioSeconds / 60 × price, rounded to 1/10000 USD; null when no price is configured. */
  readonly amountUsd: number | null;
}

/** Where a transcript came from, beyond the transcript's own provenance. */
export interface TranscriptionProvenance {
  readonly provider: string;
  readonly model: string | null;
  readonly modelVersion: string | null;
  /** Local engine: its version (`5prealpha`); providers: null. */
  readonly engineVersion: string | null;
  /** SHA-256 of the provider's configuration without secrets: which settings made this transcript. */
  readonly configHash: string;
  /** Job or request ids the provider gave (one per channel when channels were sent apart). */
  readonly providerJobIds: readonly string[];
  /** HTTP requests made (retries included) or engine runs. */
  readonly requests: number;
  readonly startedAt: string;
  readonly finishedAt: string;
}

/** What a provider answered, as it answered it: kept (encrypted) so it can be re-read by newer parsers. */
export interface RawTranscriptOutput {
  /** null: the whole recording; n: the channel sent alone. */
  readonly channel: number | null;
  readonly contentType: string;
  readonly body: string;
}

export interface TranscriptionResult {
  readonly transcript: Transcript;
  readonly provenance: TranscriptionProvenance;
  readonly cost: TranscriptionCost;
  readonly raw: readonly RawTranscriptOutput[];
  /** Providers tried before this one, and why each failed (empty when the first succeeded). */
  readonly fallbacks: readonly TranscriptionAttemptFailure[];
}

/** One provider, configured. */
export interface Transcriber {
  readonly provider: string;
  /** Null when it can run; otherwise the terminal error it would fail with (no engine, no secret). */
  unavailable(): Promise<Error | null>;
  transcribe(input: TranscriptionInput): Promise<TranscriptionResult>;
}

/** Reads a tenant secret by name; the pipeline passes `(name) => secrets.read(ctx, name)`. */
export type SecretLookup = (name: string) => Promise<string | undefined> | string | undefined;
