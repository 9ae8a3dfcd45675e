import { sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * A tenant's conversation settings (GET/PUT /conversations/settings): which transcription
 * providers to try in which order, the language to assume, what happens to the audio of
 * redacted stretches, and which entity types are redacted. No row = the defaults (see
 * settings/conversation-settings.ts); NULL in a column = that setting's default.
 */
export const pipelineSettings = sqlMigration(
  '0003_pipeline_settings',
  `
  CREATE TABLE conversations.settings (
    tenant_id uuid PRIMARY KEY,
    transcription_providers text[] CHECK (cardinality(transcription_providers) BETWEEN 1 AND 16),
    default_language text CHECK (length(default_language) BETWEEN 2 AND 35),
    -- keep_original: no muted copy; redacted_only: the muted copy replaces the original; both: keep both.
    audio_redaction text NOT NULL DEFAULT 'both'
      CHECK (audio_redaction IN ('keep_original', 'redacted_only', 'both')),
    audio_padding_ms integer NOT NULL DEFAULT 250 CHECK (audio_padding_ms BETWEEN 0 AND 5000),
    redact_entity_types text[],
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text
  );
  ${tenantIsolation('conversations.settings')}
`,
);
