/**
 * The LLM analysers' own narrow input and output. The shared analyser interface
 * (analysis/analyser.types.ts) is written apart; these types are what an adapter maps to and from.
 */

/** The speaker's part in the call, as the transcript model has it. */
export type LlmSpeakerRole = 'agent' | 'customer' | 'unknown';

/** One segment of the transcript to analyse. Its text is what is sent to the model. */
export interface LlmTranscriptSegment {
  /** `seg_<n>`: the id evidence must cite. */
  readonly id: string;
  readonly speakerId: string;
  readonly role: LlmSpeakerRole;
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
}

/**
 * The transcript to analyse. `redacted` says the segments' text went through the redaction (the
 * transcript as the redaction step returned it); a transcript that did not is never sent when the
 * tenant's policy is `redact-first`.
 */
export interface LlmTranscript {
  readonly redacted: boolean;
  /** BCP 47 (`en-US`); null when unknown (the analysis input's `language` is used). */
  readonly language: string | null;
  readonly segments: readonly LlmTranscriptSegment[];
}

/** One rule of a QA scorecard, as the model is told it. */
export interface LlmQaRule {
  /** Stable id the answer cites (`rule_greeting`). */
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /** Relative weight in the overall score (used by the scorecard, shown to the model for emphasis). */
  readonly weight: number;
  readonly description: string;
  readonly howToJudge: string;
  /** A failed auto-fail rule caps the grade; the model is told so it judges these strictly. */
  readonly autoFail: boolean;
}

/**
 * `redact-first`: only a transcript marked redacted is sent, and its text is scanned once more
 * (and any card or personal data still found replaced) before it leaves. `allow-unredacted`: the
 * tenant accepts that the provider sees the transcript as it is.
 */
export type LlmPiiPolicy = 'redact-first' | 'allow-unredacted';

export interface LlmAnalysisInput {
  readonly transcript: LlmTranscript;
  /**
   * The tenant's insight schema: a JSON Schema of an object (`type: "object"` with `properties`).
   * The model fills it; the answer is validated against it.
   */
  readonly insightSchema: Readonly<Record<string, unknown>>;
  readonly scorecard: readonly LlmQaRule[];
  /** BCP 47; the language the model writes summary, notes and insights in. */
  readonly language: string;
  readonly piiPolicy: LlmPiiPolicy;
  /** Ask for an overall sentiment and action items too (both on by default). */
  readonly include?: { readonly sentiment?: boolean; readonly actionItems?: boolean };
  /** Stops the run (the workflow was cancelled). */
  readonly signal?: AbortSignal;
}

export interface LlmEvidence {
  readonly segmentId: string;
  readonly quote: string;
}

export interface LlmQaRuleResult {
  readonly ruleId: string;
  /** 0–100. */
  readonly score: number;
  readonly pass: boolean;
  /** Only evidence citing a segment of the transcript; the rest is dropped and listed in `flags`. */
  readonly evidence: readonly LlmEvidence[];
  readonly coachNote: string;
}

export type LlmSentiment = 'positive' | 'neutral' | 'negative' | 'mixed';

/**
 * Something in a valid answer that does not hold against the transcript. `unknown_segment`: the
 * evidence cited a segment id the transcript does not have and was dropped. `quote_not_found`:
 * the quote is not in the cited segment's text (kept, for a reviewer to judge).
 */
export interface LlmEvidenceFlag {
  readonly kind: 'unknown_segment' | 'quote_not_found';
  readonly ruleId: string;
  readonly segmentId: string;
  readonly quote: string;
}

/** One request to the provider (a first answer or a repair), as recorded. */
export interface LlmCallRecord {
  /** 1 for the first answer, 2… for repairs. */
  readonly turn: number;
  /** The provider's id of the answer or request (`msg_…`, `chatcmpl-…`, `x-amzn-RequestId`). */
  readonly requestId: string | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Null when the model has no price in the table. */
  readonly costUsd: number | null;
  /** HTTP requests this turn took (retries on 429/5xx/timeouts included). */
  readonly httpRequests: number;
  readonly latencyMs: number;
  /** `valid`, or why the answer was sent back for repair / made the run fail. */
  readonly outcome: 'valid' | 'not_json' | 'schema_invalid' | 'no_answer';
}

export interface LlmUsage {
  readonly provider: LlmProviderName;
  readonly model: string;
  /** `qa-insights/1`: which prompt produced the answer. */
  readonly promptVersion: string;
  /** Summed over every turn. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Summed over every turn; null when the model has no price in the table. */
  readonly costUsd: number | null;
  /** Wall time of the whole run, retries and repairs included. */
  readonly latencyMs: number;
  /** Model turns: 1 + repairs. */
  readonly attempts: number;
  readonly calls: readonly LlmCallRecord[];
}

export interface LlmPiiGuardReport {
  readonly policy: LlmPiiPolicy;
  /** Entities the scan before sending still found (and replaced) in the redacted text, by type. */
  readonly replacedBeforeSending: Readonly<Record<string, number>>;
}

export interface LlmAnalysisResult {
  /** Valid against the tenant's insight schema. */
  readonly insights: Record<string, unknown>;
  /** One result per scorecard rule, in the scorecard's order. */
  readonly qa: readonly LlmQaRuleResult[];
  readonly summary: string;
  readonly sentiment?: LlmSentiment;
  readonly actionItems?: readonly string[];
  readonly flags: readonly LlmEvidenceFlag[];
  readonly usage: LlmUsage;
  readonly piiGuard: LlmPiiGuardReport;
  /** SHA-256 of the provider's configuration (no secrets in it). */
  readonly configHash: string;
}

export type LlmProviderName = 'anthropic' | 'bedrock' | 'openai-compatible';

/** Reads a tenant secret by name; the caller passes `(name) => reader.read(ctx, name)`. */
export type LlmSecretLookup = (name: string) => Promise<string | undefined> | string | undefined;

// ---- between the runner and the providers -------------------------------------------------------

/** The structured answer the model must give: one tool (or JSON Schema response format). */
export interface LlmOutputTool {
  readonly name: string;
  readonly description: string;
  readonly schema: Readonly<Record<string, unknown>>;
  /** The schema meets OpenAI's strict structured-output rules (sent with `strict: true` then). */
  readonly strict: boolean;
}

/** A model's answer, read from the provider's response. */
export interface LlmCompletion {
  /** The tool's input object, or the text answer when the model answered in text (to be parsed). */
  readonly output:
    { readonly kind: 'tool'; readonly value: unknown } | { readonly kind: 'text'; readonly text: string };
  /** The provider's id of the tool call, for a repair turn's tool result; null for a text answer. */
  readonly toolCallId: string | null;
  /** The assistant message as the provider sent it, to replay in a repair turn. */
  readonly assistantMessage: unknown;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly stopReason: string | null;
  readonly requestId: string | null;
  readonly model: string | null;
}

/** The conversation so far: the prompt, then for each repair the answer and what was wrong with it. */
export type LlmTurn =
  | { readonly role: 'user'; readonly text: string }
  | { readonly role: 'repair'; readonly answer: LlmCompletion; readonly problems: string };

export interface LlmRequest {
  readonly system: string;
  readonly turns: readonly LlmTurn[];
  readonly tool: LlmOutputTool;
}

/** One provider, configured: turns a request into the model's answer (HTTP retries inside `http`). */
export interface LlmProvider {
  readonly name: LlmProviderName;
  readonly model: string;
  /** Null when it can run; otherwise why not (a secret the settings name is not set). */
  unavailable(): Promise<Error | null>;
  complete(request: LlmRequest, http: LlmHttpPort): Promise<LlmCompletion>;
}

/** The HTTP the providers use (llm-http.ts): POST JSON with retries; the parsed answer and its headers. */
export interface LlmHttpPort {
  postJson(request: {
    readonly url: string;
    readonly headers: Record<string, string>;
    readonly body: string;
    readonly sign?: () => Record<string, string>;
  }): Promise<{ readonly value: unknown; readonly headers: Headers }>;
}
