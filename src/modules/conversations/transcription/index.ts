/**
 * Transcription: the speech-to-text providers behind one interface (a local offline engine,
 * OpenAI-compatible servers, Deepgram, Amazon Transcribe, AssemblyAI), chosen per tenant with a
 * fallback order. Each answer goes through the transcript parsers into the one transcript model,
 * with its provenance and cost. Pure of the database and the bus: the pipeline calls it.
 * Providers, settings and limits: docs/conversations.md, "Transcription".
 */
export {
  createProvider,
  createTranscriber,
  type ProviderStatus,
  type TranscriptionService,
} from './create-transcriber.js';
export {
  assemblyAiProviderSchema,
  awsTranscribeProviderSchema,
  deepgramProviderSchema,
  localProviderSchema,
  openAiProviderSchema,
  providerConfigSchema,
  transcriptionConfigSchema,
  type AssemblyAiProviderConfig,
  type AwsTranscribeProviderConfig,
  type DeepgramProviderConfig,
  type LocalProviderConfig,
  type OpenAiProviderConfig,
  type ProviderConfig,
  type ProviderName,
  type TranscriptionConfig,
  type TranscriptionConfigInput,
} from './transcription.config.js';
export {
  TranscriptionError,
  TranscriptionErrors,
  isTransientReason,
  type TranscriptionAttemptFailure,
  type TranscriptionFailureReason,
} from './transcription.errors.js';
export type {
  RawTranscriptOutput,
  SecretLookup,
  Transcriber,
  TranscriptionCost,
  TranscriptionInput,
  TranscriptionProvenance,
  TranscriptionResult,
} from './transcription.types.js';
export { DEBIAN_POCKETSPHINX_MODEL, findLocalEngine, type LocalEngine } from './local-engine.js';
export { configHash } from './run-support.js';
