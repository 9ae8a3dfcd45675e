import { z } from 'zod';
import { secretNamePattern } from '../../../platform/secrets/index.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import { PullErrors } from './pull.errors.js';

/** A secret is named, never given: the value lives in the tenant's secrets store. */
export const secretName = z
  .string()
  .regex(secretNamePattern, 'must be a secret name (lower-case letters, digits, dots, dashes, underscores)');

/** An http(s) URL without credentials, query or fragment; a trailing slash is dropped. */
export const baseUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((text) => {
    const url = new URL(text);
    return url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  }, 'must be an http(s) URL without user, password, query or fragment')
  .transform((text) => text.replace(/\/+$/, ''));

export const regexText = z
  .string()
  .max(500)
  .refine((text) => {
    try {
      new RegExp(text, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'is not a regular expression');

export const internalPartySchema = z
  .object({
    domains: z.array(z.string().min(1).max(200)).max(50).default([]),
    patterns: z.array(regexText).max(50).default([]),
    extensionMaxDigits: z.number().int().min(0).max(10).default(6),
  })
  .describe('How to tell our side of a call: address suffixes, patterns, extension length');

/** Reads the named secrets for the tenant; all missing names are reported together. */
export async function readSecrets<K extends string>(
  secrets: SecretReader,
  tenantId: string,
  system: string,
  names: Readonly<Record<K, string | undefined>>,
): Promise<Record<K, string>> {
  const entries = Object.entries(names) as [K, string | undefined][];
  const values = await Promise.all(
    entries.map(([, name]) =>
      name === undefined ? Promise.resolve(undefined) : secrets.read({ tenantId }, name),
    ),
  );
  const missing = entries
    .filter(([, name], index) => name !== undefined && !values[index])
    .map(([, name]) => name as string);
  if (missing.length > 0) throw PullErrors.missingSecrets(system, missing);
  return Object.fromEntries(entries.map(([key], index) => [key, values[index] ?? ''])) as Record<K, string>;
}
