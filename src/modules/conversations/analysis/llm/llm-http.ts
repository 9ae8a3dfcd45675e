import {
  parseJsonAnswer,
  RetryingHttp,
  realSleep,
  type HttpFailures,
  type HttpPolicy,
  type Sleep,
} from '../../providers/provider-http.js';
import { LlmErrors } from './llm.errors.js';

export { realSleep, type Sleep } from '../../providers/provider-http.js';

export type LlmHttpPolicy = HttpPolicy;

export interface LlmHttpRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Headers computed per attempt (SigV4 signs the time). Merged over `headers`. */
  readonly sign?: () => Record<string, string>;
}

export interface LlmHttpAnswer {
  readonly value: unknown;
  readonly headers: Headers;
}

/** HTTP for one LLM run: the shared retrying core, POSTing JSON and failing with `LlmAnalysisError`s. */
export class LlmHttp extends RetryingHttp {
  private readonly failures: HttpFailures;

  constructor(
    private readonly provider: string,
    policy: LlmHttpPolicy,
    sleep: Sleep = realSleep,
    signal?: AbortSignal,
  ) {
    super(policy, sleep, signal);
    this.failures = {
      timeout: (ms) => LlmErrors.timeout(provider, ms),
      network: (description, cause) => LlmErrors.unavailable(provider, null, description, cause),
      rateLimited: (seconds) => LlmErrors.rateLimited(provider, seconds),
      unavailable: (status, detail) => LlmErrors.unavailable(provider, status, detail),
      badCredentials: (status, detail) => LlmErrors.badCredentials(provider, status, detail),
      rejected: (status, detail) => LlmErrors.rejected(provider, status, detail),
    };
  }

  async postJson(request: LlmHttpRequest): Promise<LlmHttpAnswer> {
    const { body } = request;
    const answer = await this.exchange({ ...request, method: 'POST', body: () => body }, this.failures);
    const value = parseJsonAnswer(answer, (detail, cause) =>
      LlmErrors.malformed(this.provider, detail, cause),
    );
    return { value, headers: answer.headers };
  }
}
