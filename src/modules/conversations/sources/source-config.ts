import type { FieldProblem } from '../../../platform/errors.js';
import {
  pullConnectorConfigSchema,
  type PullConnectorConfig,
  type PullSchedule,
  type RestRecorderConfig,
  type ThreecxRecordingsConfig,
  type TwilioRecordingsConfig,
} from '../pull/index.js';
import type { RecordingSourceKind } from '../db/conversations.tables.js';
import type { SourceRow } from './recording-sources.repo.js';
import type { SourceSchedule } from './recording-sources.schemas.js';

/**
 * The secret-name prefixes the conversations module may read (its definition asks for them). A
 * source naming a secret outside them could never read it, so it is refused when configured.
 */
export const SOURCE_SECRET_PREFIXES = ['recorder.', 'twilio.', '3cx.'] as const;

export type KindConfig = RestRecorderConfig | TwilioRecordingsConfig | ThreecxRecordingsConfig;

/** Where a kind's settings sit in pullConnectorConfigSchema. */
const configKey = { rest: 'rest', twilio: 'twilio', '3cx': 'threecx' } as const;

export function scheduleOf(row: SourceRow): SourceSchedule {
  return {
    intervalMinutes: row.intervalMinutes,
    lookBackMinutes: row.lookBackMinutes,
    firstRunMinutes: row.firstRunMinutes,
    maxWindowMinutes: row.maxWindowMinutes,
    settleSeconds: row.settleSeconds,
    maxHoldBackMinutes: row.maxHoldBackMinutes,
  };
}

export function pullScheduleOf(row: SourceRow): PullSchedule {
  const { intervalMinutes: _interval, ...pull } = scheduleOf(row);
  return pull;
}

/** The stored row as the connector library takes it (checked again: a stored row is trusted no more than input). */
export function connectorConfigOf(row: SourceRow): PullConnectorConfig {
  return pullConnectorConfigSchema.parse({
    kind: row.kind,
    schedule: pullScheduleOf(row),
    [configKey[row.kind]]: row.config,
  });
}

/** The secrets a kind's configuration names, with the field naming each. */
export function secretFieldsOf(
  kind: RecordingSourceKind,
  config: Record<string, unknown>,
): { field: string; name: string }[] {
  const at = (object: unknown, key: string): string | undefined => {
    const value =
      typeof object === 'object' && object !== null ? (object as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const fields: { field: string; name: string | undefined }[] = [];
  switch (kind) {
    case 'rest':
      for (const key of ['clientIdSecret', 'clientSecretSecret', 'usernameSecret', 'passwordSecret'])
        fields.push({ field: `config.auth.${key}`, name: at(config.auth, key) });
      break;
    case 'twilio':
      fields.push({ field: 'config.authTokenSecret', name: at(config, 'authTokenSecret') });
      fields.push({ field: 'config.apiKey.secretSecret', name: at(config.apiKey, 'secretSecret') });
      break;
    case '3cx':
      fields.push({ field: 'config.clientIdSecret', name: at(config, 'clientIdSecret') });
      fields.push({ field: 'config.clientSecretSecret', name: at(config, 'clientSecretSecret') });
      break;
  }
  return fields.flatMap((f) => (f.name === undefined ? [] : [{ field: f.field, name: f.name }]));
}

export function secretPrefixProblems(
  kind: RecordingSourceKind,
  config: Record<string, unknown>,
): FieldProblem[] {
  return secretFieldsOf(kind, config)
    .filter(({ name }) => !SOURCE_SECRET_PREFIXES.some((prefix) => name.startsWith(prefix)))
    .map(({ field }) => ({
      field: `body.${field}`,
      message: `must be a secret whose name starts with ${SOURCE_SECRET_PREFIXES.join(', ')} (the secrets recording sources may read)`,
    }));
}

/** The recordings' `source` a kind's configuration gives them. */
export function recordingSourceOf(kind: RecordingSourceKind, config: Record<string, unknown>): string {
  if (kind === 'rest') return typeof config.name === 'string' ? config.name : 'rest';
  return kind;
}
