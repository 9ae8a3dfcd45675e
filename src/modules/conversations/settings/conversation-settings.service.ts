import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import { redactionEntityTypeSchema, type RedactionEntityType } from '../redaction/index.js';
import {
  DEFAULT_AUDIO_PADDING_MS,
  DEFAULT_AUDIO_REDACTION,
  DEFAULT_REDACT_ENTITY_TYPES,
  type ConversationSettings,
  type ConversationSettingsChange,
} from './conversation-settings.js';
import { findSettings, upsertSettings, type SettingsRow } from './conversation-settings.repo.js';

export interface ConversationSettingsService {
  get(ctx: RequestContext): Promise<ConversationSettings>;
  /** Changes what the request names (audited as conversations.settings_updated). */
  update(ctx: AuditContext, change: ConversationSettingsChange): Promise<ConversationSettings>;
  /** The provider names settings may list, in their default order. */
  readonly availableProviders: readonly string[];
}

export interface ConversationSettingsDeps {
  readonly database: Database;
  readonly audit: AuditLog;
  /** The transcription providers of this installation, in their default order. */
  readonly availableProviders: readonly string[];
}

const entityTypes = (stored: readonly string[] | null): readonly RedactionEntityType[] =>
  stored === null
    ? DEFAULT_REDACT_ENTITY_TYPES
    : stored.flatMap((type) => {
        const parsed = redactionEntityTypeSchema.safeParse(type);
        return parsed.success ? [parsed.data] : [];
      });

export function createConversationSettings(deps: ConversationSettingsDeps): ConversationSettingsService {
  const { database, availableProviders } = deps;
  const toSettings = (row: SettingsRow | undefined): ConversationSettings => ({
    // A provider removed from the installation since it was chosen is skipped, not an error.
    transcriptionProviders:
      row?.transcriptionProviders?.filter((name) => availableProviders.includes(name)) ?? availableProviders,
    defaultLanguage: row?.defaultLanguage ?? null,
    audioRedaction: row?.audioRedaction ?? DEFAULT_AUDIO_REDACTION,
    audioPaddingMs: row?.audioPaddingMs ?? DEFAULT_AUDIO_PADDING_MS,
    redactEntityTypes: entityTypes(row?.redactEntityTypes ?? null),
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  });
  return {
    availableProviders,
    get: (ctx) =>
      database.withTenant<ConversationsTables, ConversationSettings>(ctx, async (trx) =>
        toSettings(await findSettings(trx)),
      ),
    update: (ctx, change) => {
      change.transcriptionProviders?.forEach((name, i) => {
        if (!availableProviders.includes(name))
          throw ConversationsErrors.unknownProvider(
            `body.transcriptionProviders.${i}`,
            name,
            availableProviders,
          );
      });
      return database.withTenant<ConversationsTables, ConversationSettings>(ctx, async (trx) => {
        const current = await findSettings(trx);
        const saved = await upsertSettings(trx, {
          tenantId: ctx.tenantId,
          transcriptionProviders: listOrDefault(
            change.transcriptionProviders,
            current?.transcriptionProviders,
          ),
          defaultLanguage:
            change.defaultLanguage === undefined
              ? (current?.defaultLanguage ?? null)
              : change.defaultLanguage,
          audioRedaction: change.audioRedaction ?? current?.audioRedaction ?? DEFAULT_AUDIO_REDACTION,
          audioPaddingMs: change.audioPaddingMs ?? current?.audioPaddingMs ?? DEFAULT_AUDIO_PADDING_MS,
          redactEntityTypes: listOrDefault(change.redactEntityTypes, current?.redactEntityTypes),
          updatedBy: ctx.actor.id,
        });
        await deps.audit.append(trx, ctx, {
          action: 'conversations.settings_updated',
          details: { changed: Object.keys(change).sort() },
        });
        return toSettings(saved);
      });
    },
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
