import { z } from 'zod';
import { baseUrl, secretName } from './pull-config.shared.js';

/** 3CX V20 Configuration API (XAPI): an API client made under Admin → Integrations → API. */
export const threecxRecordingsConfigSchema = z.object({
  /** The PBX's web address, e.g. https://example.3cx.eu:5001. */
  baseUrl,
  clientIdSecret: secretName.default('3cx.client_id'),
  clientSecretSecret: secretName.default('3cx.client_secret'),
  pageSize: z.number().int().min(1).max(1000).default(100),
});

export type ThreecxRecordingsConfig = z.output<typeof threecxRecordingsConfigSchema>;
export type ThreecxRecordingsConfigInput = z.input<typeof threecxRecordingsConfigSchema>;
