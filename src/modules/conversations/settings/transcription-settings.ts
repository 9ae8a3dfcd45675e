import { z } from 'zod';
import {
  assemblyAiProviderSchema,
  awsTranscribeProviderSchema,
  deepgramProviderSchema,
  openAiProviderSchema,
  type LocalProviderConfig,
  type ProviderName,
  type TranscriptionConfigInput,
} from '../transcription/index.js';

/**
 * A tenant's transcription providers, as the settings API takes and shows them. The provider
 * schemas are the transcription library's, tightened for a tenant:
 * - credentials are references into the secrets store, and only to names under
 *   `transcription.` (the part of the store this module may read); a key pasted into the
 *   settings is refused, as is any field the provider does not know;
 * - the local engine takes no binary, command or model path: what runs on the server is the
 *   operator's choice (ConversationsDeps.localEngine), not a tenant's.
 */
export const TRANSCRIPTION_SECRET_PREFIX = 'transcription.';

export const PROVIDER_NAMES = ['local', 'openai', 'deepgram', 'aws-transcribe', 'assemblyai'] as const;

const secretReference = z
  .string()
  .max(100)
  .regex(
    /^transcription\.[a-z0-9][a-z0-9._-]*$/,
    'must name a tenant secret under "transcription." (stored with PUT /api/v1/secrets/{name})',
  )
  .describe('Name of a tenant secret (transcription.*); the value itself is never stored here');

const tenantLocalSchema = z
  .object({
    provider: z.literal('local'),
    /** Price per audio minute for the cost recorded with each transcript (the machine's time; 0 = free). */
    pricePerMinuteUsd: z.number().nonnegative().max(100).nullable().default(0),
  })
  .strict()
  .meta({ id: 'TranscriptionLocalProvider' });

const tenantOpenAiSchema = openAiProviderSchema
  .extend({ apiKeySecret: secretReference.nullable().default(null) })
  .strict()
  .meta({ id: 'TranscriptionOpenAiProvider' });

const tenantDeepgramSchema = deepgramProviderSchema
  .extend({ apiKeySecret: secretReference })
  .strict()
  .meta({ id: 'TranscriptionDeepgramProvider' });

const tenantAwsSchema = awsTranscribeProviderSchema
  .extend({
    accessKeyIdSecret: secretReference,
    secretAccessKeySecret: secretReference,
    sessionTokenSecret: secretReference.nullable().default(null),
  })
  .strict()
  .meta({ id: 'TranscriptionAwsTranscribeProvider' });

const tenantAssemblyAiSchema = assemblyAiProviderSchema
  .extend({ apiKeySecret: secretReference })
  .strict()
  .meta({ id: 'TranscriptionAssemblyAiProvider' });

export const tenantProviderSchema = z.discriminatedUnion('provider', [
  tenantLocalSchema,
  tenantOpenAiSchema,
  tenantDeepgramSchema,
  tenantAwsSchema,
  tenantAssemblyAiSchema,
]);

export const tenantTranscriptionSchema = z
  .object({
    providers: z
      .array(tenantProviderSchema)
      .min(1)
      .max(PROVIDER_NAMES.length)
      .describe(
        'In fallback order: the first that succeeds wins; one that is unavailable or fails hands over',
      ),
  })
  .strict()
  .superRefine((value, check) => {
    const seen = new Set<string>();
    value.providers.forEach((provider, index) => {
      if (seen.has(provider.provider))
        check.addIssue({
          code: 'custom',
          path: ['providers', index, 'provider'],
          message: `${provider.provider} is listed twice: each provider is configured once`,
        });
      seen.add(provider.provider);
    });
  })
  .meta({ id: 'TranscriptionSettings' });

export type TenantProviderConfig = z.infer<typeof tenantProviderSchema>;
export type TenantTranscription = z.infer<typeof tenantTranscriptionSchema>;

/** With nothing configured: the local engine, which says what to install when it is absent. */
export const DEFAULT_TRANSCRIPTION: TenantTranscription = {
  providers: [{ provider: 'local', pricePerMinuteUsd: 0 }],
};

/** The secret names a configuration refers to (for the status check and the audit entry). */
export function secretReferences(provider: TenantProviderConfig): string[] {
  switch (provider.provider) {
    case 'local':
      return [];
    case 'openai':
      return provider.apiKeySecret === null ? [] : [provider.apiKeySecret];
    case 'deepgram':
    case 'assemblyai':
      return [provider.apiKeySecret];
    case 'aws-transcribe':
      return [
        provider.accessKeyIdSecret,
        provider.secretAccessKeySecret,
        ...(provider.sessionTokenSecret === null ? [] : [provider.sessionTokenSecret]),
      ];
  }
}

/**
 * The library's configuration of a tenant's provider: the local engine gets the installation's
 * engine settings (binary, model path, command) under the tenant's price.
 */
export function providerConfigOf(
  provider: TenantProviderConfig,
  localEngine: Partial<Omit<LocalProviderConfig, 'provider'>>,
): TranscriptionConfigInput['providers'][number] {
  if (provider.provider !== 'local') return provider;
  return { ...localEngine, provider: 'local', pricePerMinuteUsd: provider.pricePerMinuteUsd };
}

/** A stored configuration read back; what no longer validates (a provider since changed) is left out. */
export function readStoredTranscription(json: string | null): TenantTranscription | null {
  if (json === null) return null;
  const parsed = tenantTranscriptionSchema.safeParse(JSON.parse(json));
  if (parsed.success) return parsed.data;
  const raw = (JSON.parse(json) as { providers?: unknown[] }).providers ?? [];
  const providers = raw.flatMap((item) => {
    const one = tenantProviderSchema.safeParse(item);
    return one.success ? [one.data] : [];
  });
  return providers.length === 0 ? null : { providers };
}

export const isProviderName = (name: string): name is ProviderName =>
  (PROVIDER_NAMES as readonly string[]).includes(name);
