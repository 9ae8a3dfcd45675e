import { assemblyAiTranscriber } from './assemblyai.transcriber.js';
import { awsTranscribeTranscriber } from './aws-transcribe.transcriber.js';
import { deepgramTranscriber } from './deepgram.transcriber.js';
import { localTranscriber } from './local.transcriber.js';
import { openAiTranscriber } from './openai.transcriber.js';
import {
  transcriptionConfigSchema,
  type ProviderConfig,
  type TranscriptionConfig,
  type TranscriptionConfigInput,
} from './transcription.config.js';
import {
  TranscriptionError,
  TranscriptionErrors,
  type TranscriptionAttemptFailure,
} from './transcription.errors.js';
import type {
  SecretLookup,
  Transcriber,
  TranscriptionInput,
  TranscriptionResult,
} from './transcription.types.js';

export interface ProviderStatus {
  readonly provider: string;
  readonly available: boolean;
  /** Why not (the error's message: what to install or configure); null when available. */
  readonly reason: string | null;
  readonly code: string | null;
}

/** A tenant's configured transcription: its providers in fallback order. */
export interface TranscriptionService {
  readonly config: TranscriptionConfig;
  readonly providers: readonly Transcriber[];
  /**
   * Tries the providers in order. One that is unavailable (no engine, no secret) or fails (after
   * its own retries) hands over to the next; `no_speech` and a recording that cannot be decoded
   * (AudioError) end the run, as every provider would say the same. When all fail, an
   * `all_failed` TranscriptionError lists each attempt; it is transient when any failure was.
   */
  transcribe(input: TranscriptionInput): Promise<TranscriptionResult>;
  /** Which providers could run now, and why the others cannot (for the settings page). */
  status(): Promise<ProviderStatus[]>;
}

export function createProvider(config: ProviderConfig, secrets: SecretLookup, language: string): Transcriber {
  const defaults = { language };
  switch (config.provider) {
    case 'local':
      return localTranscriber(config, defaults);
    case 'openai':
      return openAiTranscriber(config, secrets, defaults);
    case 'deepgram':
      return deepgramTranscriber(config, secrets, defaults);
    case 'aws-transcribe':
      return awsTranscribeTranscriber(config, secrets, defaults);
    case 'assemblyai':
      return assemblyAiTranscriber(config, secrets, defaults);
  }
}

/**
 * The transcription service of one tenant from its settings (validated here; defaults filled in)
 * and a way to read its secrets. Nothing is contacted until `transcribe` or `status`.
 */
export function createTranscriber(
  config: TranscriptionConfigInput | TranscriptionConfig,
  secrets: SecretLookup,
): TranscriptionService {
  const parsed = transcriptionConfigSchema.safeParse(config);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field =
      issue === undefined ? 'transcription' : ['transcription', ...issue.path.map(String)].join('.');
    throw TranscriptionErrors.notConfigured(
      'transcription',
      `${field}: ${issue?.message ?? 'invalid settings'}`,
    );
  }
  const settings = parsed.data;
  const providers = settings.providers.map((provider) =>
    createProvider(provider, secrets, settings.defaultLanguage),
  );

  return {
    config: settings,
    providers,
    async transcribe(input) {
      const failures: TranscriptionAttemptFailure[] = [];
      for (const provider of providers) {
        const unavailable = await provider.unavailable();
        if (unavailable !== null) {
          failures.push(failureOf(provider.provider, unavailable));
          continue;
        }
        try {
          const done = await provider.transcribe(input);
          return { ...done, fallbacks: failures };
        } catch (error) {
          if (!(error instanceof TranscriptionError) || error.reason === 'no_speech') throw error;
          failures.push(failureOf(provider.provider, error));
        }
      }
      throw TranscriptionErrors.allFailed(failures);
    },
    async status() {
      return Promise.all(
        providers.map(async (provider) => {
          const error = await provider.unavailable();
          return {
            provider: provider.provider,
            available: error === null,
            reason: error?.message ?? null,
            code: error instanceof TranscriptionError ? error.code : null,
          };
        }),
      );
    },
  };
}

function failureOf(provider: string, error: Error): TranscriptionAttemptFailure {
  return {
    provider,
    reason: error instanceof TranscriptionError ? error.reason : 'engine_failed',
    message: error.message,
  };
}
