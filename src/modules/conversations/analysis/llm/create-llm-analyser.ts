import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { anthropicProvider } from './anthropic.provider.js';
import { bedrockProvider } from './bedrock.provider.js';
import { LlmHttp, realSleep, type Sleep } from './llm-http.js';
import {
  costOf,
  llmAnalyserConfigSchema,
  priceOf,
  type LlmAnalyserConfig,
  type LlmAnalyserConfigInput,
} from './llm.config.js';
import { LlmAnalysisError, LlmErrors } from './llm.errors.js';
import type {
  LlmAnalysisInput,
  LlmAnalysisResult,
  LlmCallRecord,
  LlmCompletion,
  LlmProvider,
  LlmSecretLookup,
  LlmTurn,
  LlmUsage,
} from './llm.types.js';
import { openAiCompatibleProvider } from './openai-compatible.provider.js';
import {
  buildOutputShape,
  checkEvidence,
  describeErrors,
  ruleCoverageProblems,
  tenantInsightSchema,
  type ValidAnswer,
} from './output-schema.js';
import { guardTranscript } from './pii-guard.js';
import {
  OUTPUT_TOOL_DESCRIPTION,
  OUTPUT_TOOL_NAME,
  PROMPT_VERSION,
  repairPrompt,
  systemPrompt,
  userPrompt,
} from './prompt.js';

/** A tenant's LLM analyser: one provider and model, configured. */
export interface LlmAnalyser {
  readonly config: LlmAnalyserConfig;
  readonly provider: LlmProvider['name'];
  readonly model: string;
  /** Null when it can run; otherwise the `not_configured` error it would fail with (a secret not set). */
  unavailable(): Promise<Error | null>;
  /**
   * Fills the tenant's insight schema and scorecard for one transcript. Throws `LlmAnalysisError`:
   * `pii_guard` (nothing sent), `invalid_input`, `not_configured`, `bad_credentials`, `rejected`,
   * `malformed_response`, `invalid_output` (after the bounded repairs; `usage` says what it cost),
   * `rate_limited`, `unavailable`, `timeout` (the last three transient).
   */
  analyse(input: LlmAnalysisInput): Promise<LlmAnalysisResult>;
}

export interface LlmAnalyserOptions {
  /** How back-offs wait; the tests record the waits instead. */
  readonly sleep?: Sleep;
  /** Milliseconds clock for latency. */
  readonly now?: () => number;
}

export function createLlmProvider(config: LlmAnalyserConfig, secrets: LlmSecretLookup): LlmProvider {
  switch (config.provider) {
    case 'anthropic':
      return anthropicProvider(config, secrets);
    case 'bedrock':
      return bedrockProvider(config, secrets);
    case 'openai-compatible':
      return openAiCompatibleProvider(config, secrets);
  }
}

/** SHA-256 of the settings as canonical JSON: which settings made a result (secrets are only named). */
export function llmConfigHash(config: LlmAnalyserConfig): string {
  return createHash('sha256')
    .update(canonicalize(config) ?? '')
    .digest('hex');
}

/**
 * The LLM analyser of one tenant from its settings (validated here; defaults filled in) and a way
 * to read its secrets. Nothing is contacted until `analyse`.
 */
export function createLlmAnalyser(
  input: LlmAnalyserConfigInput | LlmAnalyserConfig,
  secrets: LlmSecretLookup,
  options: LlmAnalyserOptions = {},
): LlmAnalyser {
  const parsed = llmAnalyserConfigSchema.safeParse(input);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field = ['analysis', 'llm', ...(issue?.path.map(String) ?? [])].join('.');
    const named = (input as { provider?: unknown }).provider;
    throw LlmErrors.notConfigured(
      typeof named === 'string' ? named : 'llm',
      `${field}: ${issue?.message ?? 'invalid settings'}`,
    );
  }
  const config = parsed.data;
  const provider = createLlmProvider(config, secrets);
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? (() => performance.now());
  const price = priceOf(config.model, config.prices);
  const hash = llmConfigHash(config);

  return {
    config,
    provider: provider.name,
    model: provider.model,
    unavailable: () => provider.unavailable(),
    async analyse(request) {
      const started = now();
      const name = provider.name;

      // Everything that needs no network is settled first: a refused run sends nothing.
      if (request.transcript.segments.length === 0)
        throw LlmErrors.invalidInput(name, 'the transcript has no segments');
      const ids = request.scorecard.map((rule) => rule.id);
      const twice = ids.find((id, index) => ids.indexOf(id) !== index);
      if (twice !== undefined)
        throw LlmErrors.invalidInput(name, `the scorecard has two rules with the id '${twice}'`);
      const insight = tenantInsightSchema(request.insightSchema);
      if (!insight.ok) throw LlmErrors.invalidInput(name, insight.reason);
      const guarded = guardTranscript(request.transcript, request.piiPolicy, name);
      const include = {
        sentiment: request.include?.sentiment ?? true,
        actionItems: request.include?.actionItems ?? true,
      };
      const shape = buildOutputShape(insight.schema, request.scorecard, include);
      const unavailable = await provider.unavailable();
      if (unavailable !== null) throw unavailable;

      const system = systemPrompt(request.language);
      const turns: LlmTurn[] = [
        { role: 'user', text: userPrompt(request.language, request.scorecard, guarded.segments) },
      ];
      const tool = {
        name: OUTPUT_TOOL_NAME,
        description: OUTPUT_TOOL_DESCRIPTION,
        schema: shape.schema,
        strict: shape.strictCompatible,
      };
      const calls: LlmCallRecord[] = [];
      const usage = (): LlmUsage => {
        const costs = calls.map((call) => call.costUsd);
        return {
          provider: name,
          model: provider.model,
          promptVersion: PROMPT_VERSION,
          inputTokens: calls.reduce((sum, call) => sum + call.inputTokens, 0),
          outputTokens: calls.reduce((sum, call) => sum + call.outputTokens, 0),
          costUsd: costs.some((cost) => cost === null)
            ? null
            : Math.round(costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0) * 1_000_000) / 1_000_000,
          latencyMs: Math.round(now() - started),
          attempts: calls.length,
          calls,
        };
      };

      let problems: string[] = [];
      for (let turn = 1; turn <= config.maxRepairs + 1; turn++) {
        const http = new LlmHttp(name, config, sleep, request.signal);
        const callStarted = now();
        let completion: LlmCompletion;
        try {
          completion = await provider.complete({ system, turns, tool }, http);
        } catch (error) {
          if (error instanceof LlmAnalysisError && calls.length > 0) error.usage = usage();
          throw error;
        }
        const judged = judge(completion, shape.validate, request.scorecard, config.maxOutputTokens);
        calls.push({
          turn,
          requestId: completion.requestId,
          inputTokens: completion.inputTokens,
          outputTokens: completion.outputTokens,
          costUsd: costOf(price, completion.inputTokens, completion.outputTokens),
          httpRequests: http.requests,
          latencyMs: Math.round(now() - callStarted),
          outcome: judged.outcome,
        });
        if (judged.outcome === 'valid') {
          const answer = judged.answer;
          const { qa, flags } = checkEvidence(answer, request.scorecard, guarded.segments);
          return {
            insights: answer.insights,
            qa,
            summary: answer.summary,
            ...(answer.sentiment === undefined ? {} : { sentiment: answer.sentiment }),
            ...(answer.actionItems === undefined ? {} : { actionItems: answer.actionItems }),
            flags,
            usage: usage(),
            piiGuard: guarded.report,
            configHash: hash,
          };
        }
        problems = judged.problems;
        turns.push({ role: 'repair', answer: completion, problems: repairPrompt(problems) });
      }
      const failure = LlmErrors.invalidOutput(name, calls.length, problems.join('; '));
      failure.usage = usage();
      throw failure;
    },
  };
}

type Judgement =
  | { outcome: 'valid'; answer: ValidAnswer }
  | { outcome: 'not_json' | 'schema_invalid' | 'no_answer'; problems: string[] };

/** The answer read and held against the schema and the scorecard. */
function judge(
  completion: LlmCompletion,
  validate: ReturnType<typeof buildOutputShape>['validate'],
  rules: LlmAnalysisInput['scorecard'],
  maxOutputTokens: number,
): Judgement {
  const cutOff =
    completion.stopReason === 'max_tokens' || completion.stopReason === 'length'
      ? [`the answer was cut off at the output limit (${maxOutputTokens} tokens): keep texts shorter`]
      : [];
  let value: unknown;
  if (completion.output.kind === 'tool') value = completion.output.value;
  else {
    const text = completion.output.text.trim();
    if (text === '') return { outcome: 'no_answer', problems: ['no answer was given', ...cutOff] };
    const parsed = parseJsonAnswer(text);
    if (!parsed.ok)
      return { outcome: 'not_json', problems: [`the answer is not valid JSON (${parsed.error})`, ...cutOff] };
    value = parsed.value;
  }
  if (!validate(value))
    return { outcome: 'schema_invalid', problems: [...describeErrors(validate.errors), ...cutOff] };
  const answer = value as ValidAnswer;
  const coverage = ruleCoverageProblems(answer, rules);
  if (coverage.length > 0) return { outcome: 'schema_invalid', problems: coverage };
  return { outcome: 'valid', answer };
}

/** A JSON answer in text: as is, or inside a ```json fence, or the outermost {…}. */
export function parseJsonAnswer(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  const candidates = [text, fenced, start >= 0 && end > start ? text.slice(start, end + 1) : undefined];
  let first: string | null = null;
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    try {
      return { ok: true, value: JSON.parse(candidate) as unknown };
    } catch (error) {
      first ??= error instanceof Error ? error.message : String(error);
    }
  }
  return { ok: false, error: first ?? 'empty' };
}
