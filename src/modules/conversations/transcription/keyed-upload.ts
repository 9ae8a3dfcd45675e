import { unavailableUnless } from '../providers/provider-credentials.js';
import type { Transcript } from '../transcripts/transcript.schema.js';
import { ProviderHttp, type HttpPolicy } from './transcription-http.js';
import { channelCount, costOf, readRecording } from './run-support.js';
import { TranscriptionErrors } from './transcription.errors.js';
import type {
  SecretLookup,
  Transcriber,
  TranscriptionCost,
  TranscriptionInput,
} from './transcription.types.js';

/*
 * What the providers that take the audio as an upload under an API key (Deepgram, AssemblyAI)
 * share: the key from the tenant's secrets, `unavailable` while it is missing, the opening of a
 * run (key, HTTP client, channels, the bytes) and the cost from the provider's billed seconds.
 */

/** Uploads are held in memory once; the providers take larger files, we send at most this. */
export const MAX_KEYED_UPLOAD_BYTES = 512 * 1024 * 1024;

export interface KeyedProvider {
  /** The tenant secret's value; `not_configured` naming the secret when it is unset or empty. */
  readonly apiKey: () => Promise<string>;
  /** Transcriber.unavailable: null while the key can be read, else why not. */
  readonly unavailable: Transcriber['unavailable'];
  /** The start of a run: when it began, the key, an HTTP client with the provider's policy, channels and bytes. */
  open(input: TranscriptionInput): Promise<KeyedRun>;
}

export interface KeyedRun {
  readonly startedAt: Date;
  readonly key: string;
  readonly http: ProviderHttp;
  readonly channels: number;
  readonly bytes: Uint8Array;
}

/** The tenant secret holding a provider's API key; `not_configured` naming the secret when it is unset or empty. */
export async function apiKeyFromSecret(
  secrets: SecretLookup,
  provider: string,
  secretName: string,
): Promise<string> {
  const value = await secrets(secretName);
  if (value === undefined || value === '') {
    throw TranscriptionErrors.notConfigured(
      provider,
      `the secret "${secretName}" holding the API key is not set`,
    );
  }
  return value;
}

export function keyedProvider(
  provider: string,
  config: HttpPolicy & { readonly apiKeySecret: string },
  secrets: SecretLookup,
): KeyedProvider {
  const apiKey = () => apiKeyFromSecret(secrets, provider, config.apiKeySecret);
  return {
    apiKey,
    unavailable: unavailableUnless(apiKey),
    async open(input) {
      const startedAt = new Date();
      const key = await apiKey();
      const http = new ProviderHttp(provider, config, input.signal);
      const channels = await channelCount(input);
      const bytes = await readRecording(input, provider, MAX_KEYED_UPLOAD_BYTES);
      return { startedAt, key, http, channels, bytes };
    },
  };
}

/** The cost of a run: the seconds the provider billed where it says (a number), else the recording's length. */
export function billedCost(
  providerSeconds: unknown,
  input: TranscriptionInput,
  transcript: Transcript,
  pricePerMinuteUsd: number | null,
): TranscriptionCost {
  return typeof providerSeconds === 'number'
    ? costOf(providerSeconds, 'provider', pricePerMinuteUsd)
    : costOf((input.durationMs ?? transcript.durationMs ?? 0) / 1000, 'audio', pricePerMinuteUsd);
}
