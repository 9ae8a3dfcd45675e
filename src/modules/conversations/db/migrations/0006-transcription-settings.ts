import { sqlMigration } from '../../../../platform/db/index.js';

/*
 * The tenant's transcription providers as configurations instead of names: each provider (local,
 * openai, deepgram, aws-transcribe, assemblyai) with its base URL, model, region and options, in
 * fallback order. Credentials are never in here: a provider names the tenant secrets
 * (`transcription.*` in the secrets store) it reads at run time. NULL = the default (the local
 * engine). The list of names it replaces chose among providers compiled into the installation,
 * which no longer exist as such, so it is dropped.
 */
export const transcriptionSettings = sqlMigration(
  '0006_transcription_settings',
  `
  ALTER TABLE conversations.settings
    ADD COLUMN transcription jsonb CHECK (jsonb_typeof(transcription -> 'providers') = 'array'),
    DROP COLUMN transcription_providers;
`,
);
