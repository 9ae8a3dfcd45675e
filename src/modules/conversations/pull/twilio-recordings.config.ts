import { z } from 'zod';
import { baseUrl, secretName } from './pull-config.shared.js';

export const twilioRecordingsConfigSchema = z.object({
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio account SID (AC + 32 hex digits)'),
  /**
   * The account's auth token. Signs the recording-status callbacks (always), and authenticates
   * the REST calls unless an API key is given.
   */
  authTokenSecret: secretName.default('twilio.auth_token'),
  /** An API key for the REST calls instead of the auth token (Twilio's recommendation). */
  apiKey: z
    .object({
      sid: z.string().regex(/^SK[0-9a-fA-F]{32}$/, 'must be a Twilio API key SID (SK + 32 hex digits)'),
      secretSecret: secretName.default('twilio.api_key_secret'),
    })
    .optional(),
  /** The media format downloaded: WAV (as recorded) or MP3 (smaller, lossy). */
  format: z.enum(['wav', 'mp3']).default('wav'),
  pageSize: z.number().int().min(1).max(1000).default(100),
  /** Tests and Twilio regions/edges; default https://api.twilio.com. */
  apiBaseUrl: baseUrl.default('https://api.twilio.com'),
  /** Fetch each recording's call (Calls/{CallSid}.json) for its numbers and direction. */
  callDetails: z.boolean().default(true),
});

export type TwilioRecordingsConfig = z.output<typeof twilioRecordingsConfigSchema>;
export type TwilioRecordingsConfigInput = z.input<typeof twilioRecordingsConfigSchema>;
