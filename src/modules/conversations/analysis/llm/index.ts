/**
 * LLM analysers: Anthropic (Messages API), Amazon Bedrock (Converse) and OpenAI-compatible chat
 * completions (OpenAI, Azure, vLLM, Ollama) behind one interface. They fill a tenant's insight
 * schema and QA scorecard from a (redacted) transcript with JSON-Schema-validated output, repair
 * invalid answers a bounded number of times, and record model, prompt version, tokens and cost.
 * Pure of the database and the bus. Settings and what is sent: docs/conversations-llm.md.
 */
export {
  createLlmAnalyser,
  createLlmProvider,
  llmConfigHash,
  parseJsonAnswer,
  type LlmAnalyser,
  type LlmAnalyserOptions,
} from './create-llm-analyser.js';
export {
  anthropicLlmSchema,
  bedrockLlmSchema,
  costOf,
  DEFAULT_MODEL_PRICES,
  llmAnalyserConfigSchema,
  modelPriceSchema,
  openAiCompatibleLlmSchema,
  priceOf,
  type AnthropicLlmConfig,
  type BedrockLlmConfig,
  type LlmAnalyserConfig,
  type LlmAnalyserConfigInput,
  type ModelPrice,
  type OpenAiCompatibleLlmConfig,
} from './llm.config.js';
export { LlmAnalysisError, LlmErrors, type LlmFailureReason } from './llm.errors.js';
export type { Sleep } from './llm-http.js';
export { buildOutputShape, strictCompatible, tenantInsightSchema } from './output-schema.js';
export { guardTranscript } from './pii-guard.js';
export { OUTPUT_TOOL_NAME, PROMPT_VERSION } from './prompt.js';
export type * from './llm.types.js';
