import type { ErrorKind } from '../../../platform/errors.js';
import {
  providerFailures,
  ProviderFailureError,
  type ProviderErrorOptions,
} from '../providers/provider-errors.js';

/**
 * Why a transcription failed. `transient` reasons may succeed later with the same audio and
 * configuration (the workflow retries them); the others need a change first (install the engine,
 * fix the key, another provider) and make the registry try the next provider at once.
 */
export type TranscriptionFailureReason =
  /** No local engine on this machine (pocketsphinx not installed, the configured command absent). */
  | 'no_local_engine'
  /** The provider's configuration is incomplete: a missing secret, a missing bucket. */
  | 'not_configured'
  /** The provider refused the credentials (HTTP 401/403, an AWS signature or identity error). */
  | 'bad_credentials'
  /** The provider refused this request or audio (another 4xx, a failed job): sending it again fails again. */
  | 'rejected'
  /** The provider answered something that is not what its API documents. */
  | 'malformed_response'
  /** The local engine ran and failed. */
  | 'engine_failed'
  /** HTTP 429 (or AWS throttling) after the retries, or a Retry-After longer than we wait. */
  | 'rate_limited'
  /** 5xx or network failures after the retries; the provider may be back later. */
  | 'unavailable'
  /** No answer within the configured time (a request, or a polled job). */
  | 'timeout'
  /** The provider heard no speech at all (a silent or empty recording): no transcript, not retried elsewhere. */
  | 'no_speech'
  /** Every configured provider failed; `attempts` says how. */
  | 'all_failed';

const CODES: Record<TranscriptionFailureReason, string> = {
  no_local_engine: 'CONVERSATIONS_TRANSCRIPTION_NO_LOCAL_ENGINE',
  not_configured: 'CONVERSATIONS_TRANSCRIPTION_NOT_CONFIGURED',
  bad_credentials: 'CONVERSATIONS_TRANSCRIPTION_BAD_CREDENTIALS',
  rejected: 'CONVERSATIONS_TRANSCRIPTION_REJECTED',
  malformed_response: 'CONVERSATIONS_TRANSCRIPTION_MALFORMED_RESPONSE',
  engine_failed: 'CONVERSATIONS_TRANSCRIPTION_ENGINE_FAILED',
  rate_limited: 'CONVERSATIONS_TRANSCRIPTION_RATE_LIMITED',
  unavailable: 'CONVERSATIONS_TRANSCRIPTION_UNAVAILABLE',
  timeout: 'CONVERSATIONS_TRANSCRIPTION_TIMEOUT',
  no_speech: 'CONVERSATIONS_TRANSCRIPTION_NO_SPEECH',
  all_failed: 'CONVERSATIONS_TRANSCRIPTION_ALL_FAILED',
};

function kindOf(reason: TranscriptionFailureReason, transientInside: boolean): ErrorKind {
  switch (reason) {
    case 'rate_limited':
      return 'rate_limited';
    case 'unavailable':
    case 'timeout':
      return 'unavailable';
    case 'all_failed':
      // Worth retrying later only when some provider failed for a passing reason.
      return transientInside ? 'unavailable' : 'unprocessable';
    case 'no_local_engine':
    case 'not_configured':
    case 'bad_credentials':
    case 'rejected':
    case 'malformed_response':
    case 'engine_failed':
    case 'no_speech':
      return 'unprocessable';
  }
}

export interface TranscriptionAttemptFailure {
  readonly provider: string;
  readonly reason: TranscriptionFailureReason;
  readonly message: string;
}

export class TranscriptionError extends ProviderFailureError<TranscriptionFailureReason, string | null> {
  /** For `all_failed`: each provider tried, in order, and why it failed. */
  readonly attempts: readonly TranscriptionAttemptFailure[];

  /** `provider`: the one that failed (`openai`, `local`, …); null for `all_failed`. */
  constructor(
    reason: TranscriptionFailureReason,
    provider: string | null,
    message: string,
    options: ProviderErrorOptions & { attempts?: readonly TranscriptionAttemptFailure[] } = {},
  ) {
    const attempts = options.attempts ?? [];
    const transientInside = attempts.some((attempt) => isTransientReason(attempt.reason));
    super(CODES[reason], kindOf(reason, transientInside), reason, provider, message, options);
    this.name = 'TranscriptionError';
    this.attempts = attempts;
  }
}

export function isTransientReason(reason: TranscriptionFailureReason): boolean {
  return reason === 'rate_limited' || reason === 'unavailable' || reason === 'timeout';
}

export const TranscriptionErrors = {
  ...providerFailures(
    (reason, provider, message, options) => new TranscriptionError(reason, provider, message, options),
    'transcription',
  ),
  noLocalEngine: (detail: string) =>
    new TranscriptionError(
      'no_local_engine',
      'local',
      `No local speech engine: ${detail}. Install one with "apt-get install pocketsphinx pocketsphinx-en-us", ` +
        `or configure a command (local.engine = "command") that runs a Whisper or Vosk model, or another provider.`,
    ),
  engineFailed: (provider: string, detail: string, cause?: unknown) =>
    new TranscriptionError('engine_failed', provider, `The local engine failed: ${detail}`, { cause }),
  timeout: (provider: string, what: string, ms: number) =>
    new TranscriptionError('timeout', provider, `${provider} did not ${what} within ${ms} ms.`),
  noSpeech: (provider: string) =>
    new TranscriptionError('no_speech', provider, `${provider} heard no speech in the recording.`),
  allFailed: (attempts: readonly TranscriptionAttemptFailure[]) =>
    new TranscriptionError(
      'all_failed',
      null,
      `Every transcription provider failed: ${attempts.map((a) => `${a.provider}: ${a.message}`).join(' | ')}`,
      { attempts },
    ),
} as const;
