import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { redactionEntityTypeSchema, type RedactionEntityType } from '../redaction/index.js';
import { configHash } from '../pipeline/provenance.js';
import {
  DEFAULT_AUDIO_PADDING_MS,
  DEFAULT_AUDIO_REDACTION,
  DEFAULT_REDACT_ENTITY_TYPES,
  type ConversationSettings,
  type ConversationSettingsChange,
} from './conversation-settings.js';
import type { ProviderStatus } from '../transcription/index.js';
import type { TenantTranscriberFactory } from './tenant-transcriber.js';
import { analysisSettingsSchema, readStoredAnalysis } from './analysis-settings.js';
import { findSettings, upsertSettings, type SettingsRow } from './conversation-settings.repo.js';
import {
  DEFAULT_TRANSCRIPTION,
  readStoredTranscription,
  secretReferences,
  type TenantTranscription,
} from './transcription-settings.js';

export interface ConversationSettingsService {
  get(ctx: RequestContext): Promise<ConversationSettings>;
  /** Changes what the request names (audited as conversations.settings_updated). */
  update(ctx: AuditContext, change: ConversationSettingsChange): Promise<ConversationSettings>;
  /** Which configured providers could run now, and why the others cannot (a secret not set, no engine). */
  transcriptionStatus(ctx: RequestContext): Promise<ProviderStatus[]>;
  /** Providers a run of this tenant may name: the installation's own, the configured ones, the local engine. */
  runnableProviders(settings: ConversationSettings): string[];
}

export interface ConversationSettingsDeps {
  readonly database: Database;
  readonly audit: AuditLog;
  /** Transcribers of the installation itself, by name (tests put a scripted one here). */
  readonly installedProviders: readonly string[];
  readonly transcriber: TenantTranscriberFactory;
}

const entityTypes = (stored: readonly string[] | null): readonly RedactionEntityType[] =>
  stored === null
    ? DEFAULT_REDACT_ENTITY_TYPES
    : stored.flatMap((type) => {
        const parsed = redactionEntityTypeSchema.safeParse(type);
        return parsed.success ? [parsed.data] : [];
      });

/** What the audit log keeps of a transcription change: which providers, and a hash of each configuration (secret names, never values). */
function transcriptionAudit(value: TenantTranscription | null) {
  if (value === null) return null;
  return value.providers.map((provider) => ({
    provider: provider.provider,
    configHash: configHash(provider),
    secrets: secretReferences(provider),
  }));
}

export function createConversationSettings(deps: ConversationSettingsDeps): ConversationSettingsService {
  const { database } = deps;
  const toSettings = (row: SettingsRow | undefined): ConversationSettings => {
    const stored = readStoredTranscription(row?.transcription ?? null);
    return {
      transcription: stored ?? DEFAULT_TRANSCRIPTION,
      transcriptionConfigured: stored !== null,
      defaultLanguage: row?.defaultLanguage ?? null,
      audioRedaction: row?.audioRedaction ?? DEFAULT_AUDIO_REDACTION,
      audioPaddingMs: row?.audioPaddingMs ?? DEFAULT_AUDIO_PADDING_MS,
      redactEntityTypes: entityTypes(row?.redactEntityTypes ?? null),
      analysis: readStoredAnalysis(row?.analysis ?? null),
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  };
  const get = (ctx: RequestContext) =>
    database.withTenant<ConversationsTables, ConversationSettings>(ctx, async (trx) =>
      toSettings(await findSettings(trx)),
    );
  return {
    get,
    async transcriptionStatus(ctx) {
      const settings = await get(ctx);
      return deps.transcriber(ctx, settings.transcription.providers, settings.defaultLanguage).status();
    },
    runnableProviders: (settings) => [
      ...new Set([
        ...deps.installedProviders,
        ...settings.transcription.providers.map((provider) => provider.provider),
        'local',
      ]),
    ],
    update: (ctx, change) =>
      database.withTenant<ConversationsTables, ConversationSettings>(ctx, async (trx) => {
        const current = await findSettings(trx);
        const saved = await upsertSettings(trx, {
          tenantId: ctx.tenantId,
          transcription:
            change.transcription === undefined
              ? (current?.transcription ?? null)
              : change.transcription === null
                ? null
                : JSON.stringify(change.transcription),
          defaultLanguage:
            change.defaultLanguage === undefined
              ? (current?.defaultLanguage ?? null)
              : change.defaultLanguage,
          audioRedaction: change.audioRedaction ?? current?.audioRedaction ?? DEFAULT_AUDIO_REDACTION,
          audioPaddingMs: change.audioPaddingMs ?? current?.audioPaddingMs ?? DEFAULT_AUDIO_PADDING_MS,
          redactEntityTypes: listOrDefault(change.redactEntityTypes, current?.redactEntityTypes),
          analysis:
            change.analysis === undefined
              ? (current?.analysis ?? null)
              : change.analysis === null
                ? null
                : JSON.stringify(analysisSettingsSchema.parse(change.analysis)),
          updatedBy: ctx.actor.id,
        });
        await deps.audit.append(trx, ctx, {
          action: 'conversations.settings_updated',
          details: {
            changed: Object.keys(change).sort(),
            ...(change.transcription === undefined
              ? {}
              : { transcription: transcriptionAudit(change.transcription) }),
            ...(change.analysis === undefined || change.analysis === null
              ? {}
              : { analysis: { configHash: configHash(change.analysis) } }),
          },
        });
        return toSettings(saved);
      }),
  };
}

/** undefined keeps what is stored; null returns to the default; a list is stored without repeats. */
function listOrDefault(
  change: readonly string[] | null | undefined,
  stored: readonly string[] | null | undefined,
): string[] | null {
  if (change === undefined) return stored ? [...stored] : null;
  return change === null ? null : [...new Set(change)];
}
