import { z } from 'zod';
import { redactionEntityTypeSchema, type RedactionEntityType } from '../redaction/index.js';
import type { AudioRedactionPolicy } from '../db/conversations.tables.js';
import {
  analysisSettingsSchema,
  type AnalysisSettings,
  type AnalysisSettingsInput,
} from './analysis-settings.js';
import {
  PROVIDER_NAMES,
  tenantTranscriptionSchema,
  type TenantTranscription,
} from './transcription-settings.js';

export type { AudioRedactionPolicy } from '../db/conversations.tables.js';

export const AUDIO_REDACTION_POLICIES = ['keep_original', 'redacted_only', 'both'] as const;

/** A tenant's conversation settings as the pipeline reads them: every default filled in. */
export interface ConversationSettings {
  /**
   * Providers tried in this order for audio without a supplied transcript (a supplied one always
   * wins), each with its configuration; the local engine when the tenant configured none.
   */
  readonly transcription: TenantTranscription;
  /** False while the tenant has not configured providers (the default applies). */
  readonly transcriptionConfigured: boolean;
  /** Language assumed when the recording names none (BCP 47); null = let the engine detect it. */
  readonly defaultLanguage: string | null;
  readonly audioRedaction: AudioRedactionPolicy;
  /** Silence added before and after each redacted stretch of audio. */
  readonly audioPaddingMs: number;
  readonly redactEntityTypes: readonly RedactionEntityType[];
  /** How calls are analysed once transcribed (settings/analysis-settings.ts). */
  readonly analysis: AnalysisSettings;
  /** Null until someone changed a default. */
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

/** What a PUT sets; an absent field keeps its value, null returns it to the default. */
export interface ConversationSettingsChange {
  /** null returns to the default (the local engine). */
  readonly transcription?: TenantTranscription | null;
  readonly defaultLanguage?: string | null;
  readonly audioRedaction?: AudioRedactionPolicy;
  readonly audioPaddingMs?: number;
  readonly redactEntityTypes?: readonly RedactionEntityType[] | null;
  /** null returns to the default (the local analyser, redact first). */
  readonly analysis?: AnalysisSettingsInput | null;
}

/** Every entity type: all card data (PCI DSS) and all personal data. */
export const DEFAULT_REDACT_ENTITY_TYPES: readonly RedactionEntityType[] = redactionEntityTypeSchema.options;
export const DEFAULT_AUDIO_REDACTION: AudioRedactionPolicy = 'both';
export const DEFAULT_AUDIO_PADDING_MS = 250;

/** BCP 47 as engines take it: `en`, `en-US`, `de-DE`, `zh-Hant-TW`. */
export const languageTagSchema = z
  .string()
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or en-US');

export const conversationSettingsSchema = z
  .object({
    transcription: tenantTranscriptionSchema.describe(
      'Providers tried in this order for audio without a supplied transcript, each with its settings; credentials are named secrets, never values',
    ),
    transcriptionConfigured: z
      .boolean()
      .describe('False while nothing is configured and the default (the local engine) applies'),
    transcriptionProviders: z.array(z.string()).describe('The names of `transcription.providers`, in order'),
    defaultLanguage: z.string().nullable().describe('Language assumed when a recording names none'),
    audioRedaction: z
      .enum(AUDIO_REDACTION_POLICIES)
      .describe(
        'keep_original: no muted copy; redacted_only: a muted copy replaces the original audio; both: keep both',
      ),
    audioPaddingMs: z.number().int().describe('Silence added before and after each redacted stretch (ms)'),
    redactEntityTypes: z.array(redactionEntityTypeSchema),
    analysis: analysisSettingsSchema.describe(
      'How calls are analysed: the local analyser (default) or an LLM after it; LLM credentials are named secrets under llm.',
    ),
    availableProviders: z
      .array(z.string())
      .describe('Providers a re-run may name: those configured and the local engine'),
    providerKinds: z.array(z.enum(PROVIDER_NAMES)).describe('Every kind of provider that can be configured'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'ConversationSettings' });

export const conversationSettingsChangeSchema = z
  .object({
    transcription: tenantTranscriptionSchema.nullable().optional(),
    defaultLanguage: languageTagSchema.nullable().optional(),
    audioRedaction: z.enum(AUDIO_REDACTION_POLICIES).optional(),
    audioPaddingMs: z.number().int().min(0).max(5000).optional(),
    redactEntityTypes: z.array(redactionEntityTypeSchema).max(32).nullable().optional(),
    analysis: analysisSettingsSchema.nullable().optional(),
  })
  .strict()
  .meta({ id: 'ConversationSettingsChange' });
