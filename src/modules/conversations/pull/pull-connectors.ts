import { z } from 'zod';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { PullHttpOptions } from './pull-http.js';
import type { RecordingSource } from './recording-source.types.js';
import { restRecorderConfigSchema } from './rest-recorder.config.js';
import { createRestRecorderSource } from './rest-recorder.source.js';
import { threecxRecordingsConfigSchema } from './threecx-recordings.config.js';
import { createThreecxRecordingsSource } from './threecx-recordings.source.js';
import { twilioRecordingsConfigSchema } from './twilio-recordings.config.js';
import { createTwilioRecordingsSource } from './twilio-recordings.source.js';

const schedule = z
  .object({
    lookBackMinutes: z.number().int().min(0).max(1440).default(15),
    firstRunMinutes: z.number().int().min(1).max(43_200).default(60),
    maxWindowMinutes: z.number().int().min(5).max(10_080).default(1440),
    settleSeconds: z.number().int().min(0).max(3600).default(60),
    maxHoldBackMinutes: z.number().int().min(0).max(10_080).default(1440),
  })
  .describe('The look-back and window limits of each run (see pull-run.ts)');

const defaultSchedule = {
  lookBackMinutes: 15,
  firstRunMinutes: 60,
  maxWindowMinutes: 1440,
  settleSeconds: 60,
  maxHoldBackMinutes: 1440,
};

/** One tenant's pull connector as stored: which system, its settings, its schedule. */
export const pullConnectorConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rest'),
    schedule: schedule.default(defaultSchedule),
    rest: restRecorderConfigSchema,
  }),
  z.object({
    kind: z.literal('twilio'),
    schedule: schedule.default(defaultSchedule),
    twilio: twilioRecordingsConfigSchema,
  }),
  z.object({
    kind: z.literal('3cx'),
    schedule: schedule.default(defaultSchedule),
    threecx: threecxRecordingsConfigSchema,
  }),
]);

export type PullConnectorConfig = z.output<typeof pullConnectorConfigSchema>;
export type PullConnectorConfigInput = z.input<typeof pullConnectorConfigSchema>;

/** The secret-name prefixes a reader for these connectors needs (hand the source a reader limited to them). */
export function secretNamesOf(config: PullConnectorConfig): string[] {
  switch (config.kind) {
    case 'rest': {
      const { auth } = config.rest;
      return [
        auth.clientIdSecret,
        auth.clientSecretSecret,
        ...(auth.grant === 'password' ? [auth.usernameSecret, auth.passwordSecret] : []),
      ].filter((name): name is string => name !== undefined);
    }
    case 'twilio':
      return [
        config.twilio.authTokenSecret,
        ...(config.twilio.apiKey ? [config.twilio.apiKey.secretSecret] : []),
      ];
    case '3cx':
      return [config.threecx.clientIdSecret, config.threecx.clientSecretSecret];
  }
}

export function createRecordingSource(
  config: PullConnectorConfig,
  secrets: SecretReader,
  http?: Omit<PullHttpOptions, 'system'>,
): RecordingSource {
  switch (config.kind) {
    case 'rest':
      return createRestRecorderSource({ config: config.rest, secrets, ...(http ? { http } : {}) });
    case 'twilio':
      return createTwilioRecordingsSource({ config: config.twilio, secrets, ...(http ? { http } : {}) });
    case '3cx':
      return createThreecxRecordingsSource({ config: config.threecx, secrets, ...(http ? { http } : {}) });
  }
}
