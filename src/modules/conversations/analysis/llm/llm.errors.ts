import type { ErrorKind } from '../../../../platform/errors.js';
import {
  providerFailures,
  ProviderFailureError,
  type ProviderErrorOptions,
} from '../../providers/provider-errors.js';
import type { LlmUsage } from './llm.types.js';

/**
 * Why an LLM analysis failed. `rate_limited`, `unavailable` and `timeout` may succeed later with
 * the same input (the workflow retries them); the others need a change first.
 */
export type LlmFailureReason =
  /** A secret the settings name is not set, or the settings are incomplete. */
  | 'not_configured'
  /** The tenant's policy is redact-first and the transcript is not marked redacted: nothing was sent. */
  | 'pii_guard'
  /** The input cannot be analysed (no segments, an insight schema that is not a JSON Schema of an object). */
  | 'invalid_input'
  /** HTTP 401/403 (or an AWS signature or identity error). */
  | 'bad_credentials'
  /** Another 4xx: sending the same request again fails again. */
  | 'rejected'
  /** The provider answered something its API does not document (a body that is not JSON, no content). */
  | 'malformed_response'
  /** The model's answer was still not valid after the bounded repairs. */
  | 'invalid_output'
  /** 429 after the retries, or a Retry-After longer than we wait. */
  | 'rate_limited'
  /** 5xx or network failures after the retries. */
  | 'unavailable'
  /** No answer within the time limit of a request, after the retries. */
  | 'timeout';

const CODES: Record<LlmFailureReason, string> = {
  not_configured: 'CONVERSATIONS_LLM_NOT_CONFIGURED',
  pii_guard: 'CONVERSATIONS_LLM_PII_GUARD',
  invalid_input: 'CONVERSATIONS_LLM_INVALID_INPUT',
  bad_credentials: 'CONVERSATIONS_LLM_BAD_CREDENTIALS',
  rejected: 'CONVERSATIONS_LLM_REJECTED',
  malformed_response: 'CONVERSATIONS_LLM_MALFORMED_RESPONSE',
  invalid_output: 'CONVERSATIONS_LLM_INVALID_OUTPUT',
  rate_limited: 'CONVERSATIONS_LLM_RATE_LIMITED',
  unavailable: 'CONVERSATIONS_LLM_UNAVAILABLE',
  timeout: 'CONVERSATIONS_LLM_TIMEOUT',
};

function kindOf(reason: LlmFailureReason): ErrorKind {
  switch (reason) {
    case 'rate_limited':
      return 'rate_limited';
    case 'unavailable':
    case 'timeout':
      return 'unavailable';
    case 'not_configured':
    case 'pii_guard':
    case 'invalid_input':
    case 'bad_credentials':
    case 'rejected':
    case 'malformed_response':
    case 'invalid_output':
      return 'unprocessable';
  }
}

export class LlmAnalysisError extends ProviderFailureError<LlmFailureReason, string> {
  /** What the run used before it failed (tokens and cost are owed even for an answer that never became valid). */
  usage: LlmUsage | null = null;

  constructor(
    reason: LlmFailureReason,
    provider: string,
    message: string,
    options: ProviderErrorOptions = {},
  ) {
    super(CODES[reason], kindOf(reason), reason, provider, message, options);
    this.name = 'LlmAnalysisError';
  }
}

export const LlmErrors = {
  ...providerFailures(
    (reason, provider, message, options) => new LlmAnalysisError(reason, provider, message, options),
    'analysis',
  ),
  piiGuard: (provider: string) =>
    new LlmAnalysisError(
      'pii_guard',
      provider,
      `The organisation's policy is to redact before analysis, and this transcript is not marked redacted: ` +
        `nothing was sent to ${provider}. Run the redaction first (or change the policy to allow unredacted transcripts).`,
    ),
  invalidInput: (provider: string, detail: string) =>
    new LlmAnalysisError('invalid_input', provider, `The analysis cannot start: ${detail}.`),
  invalidOutput: (provider: string, turns: number, problems: string) =>
    new LlmAnalysisError(
      'invalid_output',
      provider,
      `${provider}'s answer was still not valid after ${turns} ${turns === 1 ? 'try' : 'tries'}: ${problems}`,
    ),
  timeout: (provider: string, ms: number) =>
    new LlmAnalysisError('timeout', provider, `${provider} did not answer within ${ms} ms.`),
} as const;
