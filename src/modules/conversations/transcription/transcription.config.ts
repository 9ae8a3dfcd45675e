import { z } from 'zod';

/**
 * A tenant's transcription settings: providers in fallback order (the first that succeeds wins;
 * one that is unavailable or fails terminally hands over to the next) and the default language.
 * Secrets are never in here: each provider names the tenant secrets it reads.
 */
const secretName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'a tenant secret name');
const url = z.url({ protocol: /^https?$/ });

/** Settings every provider has: money, time limits and retries. */
const common = {
  /** Price per audio minute in USD, for the cost recorded with each transcript; null = not known. */
  pricePerMinuteUsd: z.number().nonnegative().nullable().default(null),
  /** Time limit of one HTTP request (an upload, a synchronous transcription). */
  requestTimeoutMs: z.number().int().positive().default(300_000),
  /** Attempts per request on 5xx, network errors, timeouts and 429. */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** First back-off; doubled each attempt, with jitter. */
  retryBaseMs: z.number().int().nonnegative().default(1_000),
  /** Longest Retry-After we wait for inside one run; a longer one fails as `rate_limited` (retried later). */
  maxRetryAfterMs: z.number().int().nonnegative().default(60_000),
};

/** Polled providers (AWS Transcribe, AssemblyAI): how often and how long to wait for the job. */
const polled = {
  pollIntervalMs: z.number().int().positive().default(5_000),
  jobTimeoutMs: z.number().int().positive().default(3_600_000),
  /** Delete the job (and staged audio) at the provider once the transcript is read. */
  deleteAfter: z.boolean().default(true),
};

export const localProviderSchema = z.object({
  provider: z.literal('local'),
  /**
   * `pocketsphinx`: the Debian packages (pocketsphinx 5's `pocketsphinx` CLI, or 5prealpha's
   * `pocketsphinx_continuous` as bookworm ships it). `command`: an operator's command line that runs
   * another engine (whisper.cpp, Vosk) on a 16 kHz mono WAV. `auto`: pocketsphinx if installed.
   */
  engine: z.enum(['auto', 'pocketsphinx', 'command']).default('auto'),
  /** pocketsphinx: the binary (found on PATH by default). */
  binary: z.string().min(1).nullable().default(null),
  /** pocketsphinx: acoustic model directory (`-hmm`), language model (`-lm`), dictionary (`-dict`). */
  modelPath: z.string().min(1).nullable().default(null),
  languageModelPath: z.string().min(1).nullable().default(null),
  dictionaryPath: z.string().min(1).nullable().default(null),
  /**
   * command: argv template. `{input}` = the 16 kHz mono WAV, `{model}` = modelPath,
   * `{outputBase}` = a path without extension in a private temporary directory,
   * `{language}` = the language's primary subtag (`en`).
   */
  command: z.array(z.string().min(1)).min(1).nullable().default(null),
  /** command: what it writes, read by the transcript parsers. */
  outputFormat: z.enum(['webvtt', 'srt', 'openai-verbose-json', 'pocketsphinx-json']).default('webvtt'),
  /** command: the file it writes (template), or null to read its standard output. */
  outputFile: z.string().min(1).nullable().default(null),
  /** Time limit per channel, as a multiple of the audio's length (at least a minute). */
  timeoutRealtimeFactor: z.number().positive().default(3),
  pricePerMinuteUsd: z.number().nonnegative().nullable().default(0),
});

export const openAiProviderSchema = z.object({
  provider: z.literal('openai'),
  /** `https://api.openai.com/v1`; Azure: `https://<resource>.openai.azure.com/openai/deployments/<deployment>`; a self-hosted server's `/v1`. */
  baseUrl: url.default('https://api.openai.com/v1'),
  model: z.string().min(1).default('whisper-1'),
  /** Default: `diarized_json` for a model whose name says `diarize`, else `verbose_json`. */
  responseFormat: z.enum(['verbose_json', 'diarized_json']).nullable().default(null),
  /** Null for a self-hosted server without authentication. */
  apiKeySecret: secretName.nullable().default(null),
  /** `bearer` (OpenAI, most servers) or `api-key` (Azure OpenAI's header). */
  auth: z.enum(['bearer', 'api-key']).default('bearer'),
  /** Query parameters on every request (Azure: `{ "api-version": "2024-10-21" }`). */
  query: z.record(z.string(), z.string()).default({}),
  /** Stereo: send each channel as its own 16 kHz mono WAV (one speaker per channel). */
  splitChannels: z.boolean().default(true),
  /** Larger uploads are refused before sending (OpenAI's limit is 25 MB). */
  maxUploadBytes: z
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  ...common,
});

export const deepgramProviderSchema = z.object({
  provider: z.literal('deepgram'),
  baseUrl: url.default('https://api.deepgram.com'),
  model: z.string().min(1).default('nova-3'),
  apiKeySecret: secretName,
  /** More query parameters for `/v1/listen` (`keyterm`, `redact`, …). */
  query: z.record(z.string(), z.string()).default({}),
  ...common,
});

export const awsTranscribeProviderSchema = z.object({
  provider: z.literal('aws-transcribe'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1'),
  /** Transcribe reads audio from S3: the bucket (same region) the audio is staged in, and deleted from. */
  mediaBucket: z.string().min(3),
  mediaKeyPrefix: z.string().default('switchboard-transcribe/'),
  accessKeyIdSecret: secretName,
  secretAccessKeySecret: secretName,
  sessionTokenSecret: secretName.nullable().default(null),
  /** Overrides for private endpoints (and the tests' fakes). */
  endpoint: url.nullable().default(null),
  s3Endpoint: url.nullable().default(null),
  maxSpeakers: z.number().int().min(2).max(30).default(2),
  ...common,
  ...polled,
});

export const assemblyAiProviderSchema = z.object({
  provider: z.literal('assemblyai'),
  /** `https://api.assemblyai.com`, or `https://api.eu.assemblyai.com` for EU residency. */
  baseUrl: url.default('https://api.assemblyai.com'),
  apiKeySecret: secretName,
  speechModels: z.array(z.string().min(1)).min(1).default(['universal-3-pro', 'universal-2']),
  ...common,
  ...polled,
  pollIntervalMs: z.number().int().positive().default(3_000),
});

export const providerConfigSchema = z.discriminatedUnion('provider', [
  localProviderSchema,
  openAiProviderSchema,
  deepgramProviderSchema,
  awsTranscribeProviderSchema,
  assemblyAiProviderSchema,
]);

export const transcriptionConfigSchema = z.object({
  /** BCP 47 (`en-US`), used when a recording does not say its language. */
  defaultLanguage: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/)
    .default('en-US'),
  /** In fallback order. */
  providers: z.array(providerConfigSchema).min(1).max(10),
});

export type LocalProviderConfig = z.infer<typeof localProviderSchema>;
export type OpenAiProviderConfig = z.infer<typeof openAiProviderSchema>;
export type DeepgramProviderConfig = z.infer<typeof deepgramProviderSchema>;
export type AwsTranscribeProviderConfig = z.infer<typeof awsTranscribeProviderSchema>;
export type AssemblyAiProviderConfig = z.infer<typeof assemblyAiProviderSchema>;
export type ProviderConfig = z.infer<typeof providerConfigSchema>;
export type ProviderName = ProviderConfig['provider'];
export type TranscriptionConfig = z.infer<typeof transcriptionConfigSchema>;
/** What a caller writes: defaults may be left out. */
export type TranscriptionConfigInput = z.input<typeof transcriptionConfigSchema>;
