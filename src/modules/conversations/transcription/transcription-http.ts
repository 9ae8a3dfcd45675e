import {
  parseJsonAnswer,
  RetryingHttp,
  realSleep,
  type HttpAnswer,
  type HttpAttempt,
  type HttpFailures,
  type HttpPolicy,
} from '../providers/provider-http.js';
import { type TranscriptionError, TranscriptionErrors } from './transcription.errors.js';

export type { HttpPolicy } from '../providers/provider-http.js';

export interface ProviderRequest extends HttpAttempt {
  /** What the request does, for error messages (`upload the audio`). */
  readonly what: string;
  /** A provider's own reading of an error answer before the generic one (AWS throttling is a 400). */
  readonly classify?: (status: number, body: string) => 'throttled' | TranscriptionError | null;
}

export type ProviderResponse = HttpAnswer;

/** HTTP for one transcription run: the shared retrying core, failing with `TranscriptionError`s. */
export class ProviderHttp extends RetryingHttp {
  constructor(
    private readonly provider: string,
    policy: HttpPolicy,
    signal?: AbortSignal,
  ) {
    super(policy, realSleep, signal);
  }

  send(request: ProviderRequest): Promise<ProviderResponse> {
    const { provider } = this;
    const { what } = request;
    const failures: HttpFailures = {
      timeout: (ms) => TranscriptionErrors.timeout(provider, `answer (${what})`, ms),
      network: (description, cause) =>
        TranscriptionErrors.unavailable(provider, null, `${what}: ${description}`, cause),
      rateLimited: (seconds) => TranscriptionErrors.rateLimited(provider, seconds),
      unavailable: (status, detail) =>
        TranscriptionErrors.unavailable(provider, status, `${what}: ${detail}`),
      badCredentials: (status, detail) => TranscriptionErrors.badCredentials(provider, status, detail),
      rejected: (status, detail) => TranscriptionErrors.rejected(provider, status, `${what}: ${detail}`),
      ...(request.classify === undefined ? {} : { classify: request.classify }),
    };
    return this.exchange(request, failures);
  }

  /** `send`, then the body as JSON; anything else is `malformed_response`. */
  async json(request: ProviderRequest): Promise<{ value: unknown; text: string; headers: Headers }> {
    const response = await this.send(request);
    const value = parseJsonAnswer(response, (detail) =>
      TranscriptionErrors.malformed(this.provider, `${request.what}: ${detail}`),
    );
    return { value, text: response.text, headers: response.headers };
  }
}
