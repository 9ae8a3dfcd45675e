import { z } from 'zod';

/**
 * The LLM analyser's settings for one tenant: which provider, which model, limits and prices.
 * Secrets are never in here: each provider names the tenant secrets it reads (`llm.anthropic`).
 */
const secretName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'a tenant secret name');
const url = z.url({ protocol: /^https?$/ });

/** USD per million tokens, input and output. */
export const modelPriceSchema = z.object({
  inputPerMillionUsd: z.number().nonnegative(),
  outputPerMillionUsd: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

const common = {
  temperature: z.number().min(0).max(2).default(0.2),
  maxOutputTokens: z.number().int().positive().max(64_000).default(4_096),
  /** Time limit of one HTTP request, the whole answer included. */
  requestTimeoutMs: z.number().int().positive().default(120_000),
  /** Attempts per request on 429, 5xx, 408, network errors and timeouts. */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  retryBaseMs: z.number().int().nonnegative().default(1_000),
  /** Longest Retry-After waited for inside a run; a longer one fails as `rate_limited` (retried later). */
  maxRetryAfterMs: z.number().int().nonnegative().default(60_000),
  /** Times an invalid answer is sent back with what is wrong with it before the run fails. */
  maxRepairs: z.number().int().min(0).max(3).default(2),
  /**
   * Prices by model id or id prefix (the longest matching key wins), over the built-in table; a
   * model with no price records a null cost.
   */
  prices: z.record(z.string().min(1), modelPriceSchema).default({}),
};

export const anthropicLlmSchema = z.object({
  provider: z.literal('anthropic'),
  baseUrl: url.default('https://api.anthropic.com'),
  model: z.string().min(1).default('claude-haiku-4-5'),
  apiKeySecret: secretName,
  /** The `anthropic-version` header. */
  apiVersion: z.string().min(1).default('2023-06-01'),
  ...common,
});

export const bedrockLlmSchema = z.object({
  provider: z.literal('bedrock'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1'),
  /** A model id or an inference profile id/ARN (`eu.anthropic.claude-3-haiku-20240307-v1:0`). */
  model: z.string().min(1).default('anthropic.claude-3-haiku-20240307-v1:0'),
  accessKeyIdSecret: secretName,
  secretAccessKeySecret: secretName,
  sessionTokenSecret: secretName.nullable().default(null),
  /** Overrides `https://bedrock-runtime.<region>.amazonaws.com` (a VPC endpoint; the tests' fake). */
  endpoint: url.nullable().default(null),
  ...common,
});

export const openAiCompatibleLlmSchema = z.object({
  provider: z.literal('openai-compatible'),
  /** `https://api.openai.com/v1`; vLLM `http://host:8000/v1`; Ollama `http://host:11434/v1`; Azure `https://<resource>.openai.azure.com/openai/deployments/<deployment>`. */
  baseUrl: url.default('https://api.openai.com/v1'),
  model: z.string().min(1).default('gpt-4o-mini'),
  /** Null for a self-hosted server without authentication. */
  apiKeySecret: secretName.nullable().default(null),
  /** `bearer` (OpenAI, vLLM, Ollama) or `api-key` (Azure OpenAI's header). */
  auth: z.enum(['bearer', 'api-key']).default('bearer'),
  /** Query parameters on every request (Azure: `{ "api-version": "2024-10-21" }`). */
  query: z.record(z.string(), z.string()).default({}),
  /**
   * How the answer's shape is enforced: `json_schema` (response_format with the schema, strict
   * where the schema allows it: OpenAI, vLLM, recent Ollama), `tools` (one forced function call),
   * `json_object` (JSON mode; the schema is only in the prompt).
   */
  structuredOutput: z.enum(['json_schema', 'tools', 'json_object']).default('json_schema'),
  /** OpenAI's reasoning models take only `max_completion_tokens`; older servers only `max_tokens`. */
  maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
  ...common,
});

export const llmAnalyserConfigSchema = z.discriminatedUnion('provider', [
  anthropicLlmSchema,
  bedrockLlmSchema,
  openAiCompatibleLlmSchema,
]);

export type AnthropicLlmConfig = z.infer<typeof anthropicLlmSchema>;
export type BedrockLlmConfig = z.infer<typeof bedrockLlmSchema>;
export type OpenAiCompatibleLlmConfig = z.infer<typeof openAiCompatibleLlmSchema>;
export type LlmAnalyserConfig = z.infer<typeof llmAnalyserConfigSchema>;
/** What a caller writes: defaults may be left out. */
export type LlmAnalyserConfigInput = z.input<typeof llmAnalyserConfigSchema>;

/**
 * Built-in prices (USD per million tokens, input/output) as the providers publish them for
 * standard, non-batch use; checked when written (2025). Prices change: override them per tenant
 * or installation with `prices`.
 */
export const DEFAULT_MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-haiku-4-5': { inputPerMillionUsd: 1, outputPerMillionUsd: 5 },
  'claude-3-5-haiku': { inputPerMillionUsd: 0.8, outputPerMillionUsd: 4 },
  'claude-3-haiku': { inputPerMillionUsd: 0.25, outputPerMillionUsd: 1.25 },
  'claude-sonnet-4': { inputPerMillionUsd: 3, outputPerMillionUsd: 15 },
  'anthropic.claude-3-haiku': { inputPerMillionUsd: 0.25, outputPerMillionUsd: 1.25 },
  'anthropic.claude-3-5-haiku': { inputPerMillionUsd: 0.8, outputPerMillionUsd: 4 },
  'anthropic.claude-haiku-4-5': { inputPerMillionUsd: 1, outputPerMillionUsd: 5 },
  'gpt-4o-mini': { inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
  'gpt-4.1-mini': { inputPerMillionUsd: 0.4, outputPerMillionUsd: 1.6 },
};

/**
 * The price of a model: the longest key of the table that the id equals or starts with. Bedrock's
 * cross-region profiles (`eu.anthropic.…`, `global.anthropic.…`) are looked up without their
 * geography prefix. Null when nothing matches.
 */
export function priceOf(
  model: string,
  overrides: Readonly<Record<string, ModelPrice>> = {},
): ModelPrice | null {
  const table = { ...DEFAULT_MODEL_PRICES, ...overrides };
  const ids = [model, model.replace(/^(?:[a-z]{2,6})\.(?=anthropic\.|amazon\.|meta\.)/, '')];
  let best: { key: string; price: ModelPrice } | null = null;
  for (const id of ids) {
    for (const [key, price] of Object.entries(table)) {
      if ((id === key || id.startsWith(key)) && (best === null || key.length > best.key.length))
        best = { key, price };
    }
  }
  return best?.price ?? null;
}

/** Tokens × price, rounded to 1/1 000 000 USD; null without a price. */
export function costOf(price: ModelPrice | null, inputTokens: number, outputTokens: number): number | null {
  if (price === null) return null;
  const usd = (inputTokens * price.inputPerMillionUsd + outputTokens * price.outputPerMillionUsd) / 1_000_000;
  return Math.round(usd * 1_000_000) / 1_000_000;
}
