import { z } from 'zod';
import type { Address, ConsentState, ContactPreferences, Customer } from '../contract.js';

/** Zod schemas of the profile routes: they validate the edge and produce the OpenAPI document. */

const text = (max: number) => z.string().trim().min(1).max(max);
const language = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'must be a BCP 47 language tag such as en or de-AT')
  .describe('BCP 47 (en, de-AT)');

export const customerSchema = z
  .object({
    id: z.string(),
    userId: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable().describe('E.164'),
    language: z.string().nullable(),
    status: z.enum(['active', 'anonymised']),
    restricted: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    lastActivityAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Customer' });

export const newCustomerSchema = z.strictObject({
  name: text(200),
  email: z.string().max(254).nullish(),
  phone: z
    .string()
    .max(64)
    .nullish()
    .describe('Any common form; national numbers read in the default region'),
  language: language.nullish(),
  userId: z.string().max(100).nullish(),
});

export const customerChangesSchema = z.strictObject({
  name: text(200).optional(),
  email: z.string().max(254).nullish(),
  phone: z.string().max(64).nullish(),
  language: language.nullish(),
  restricted: z.boolean().optional(),
  version: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('The version read; stale → 409 (or send If-Match → 412)'),
});

/** What a client may change of their own profile. */
export const myChangesSchema = customerChangesSchema.omit({ restricted: true });

export const listQuerySchema = z.object({
  q: z.string().max(200).optional().describe('A name (whole words), an e-mail or a phone number'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const addressInSchema = z.strictObject({
  label: z.string().max(100).nullish(),
  name: z.string().max(200).nullish(),
  line1: text(200),
  line2: z.string().max(200).nullish(),
  city: text(100),
  region: z.string().max(100).nullish(),
  postalCode: z.string().max(20).nullish(),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 alpha-2 code'),
});

export const addressSchema = addressInSchema
  .extend({
    id: z.string(),
    createdAt: z.iso.datetime(),
    line1: z.string(),
    city: z.string(),
    country: z.string(),
  })
  .meta({ id: 'CustomerAddress' });

const purpose = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'must be lower-case letters, digits, _ . - (marketing.email)');
const method = z.enum(['portal', 'phone', 'email', 'import', 'console', 'system']);

export const consentInSchema = z.strictObject({
  purpose,
  granted: z.boolean(),
  at: z.iso.datetime().optional().describe('When the customer gave it; default now'),
  method: method.exclude(['system']),
  source: z.string().max(200).nullish(),
});

export const myConsentsInSchema = z.strictObject({
  consents: z
    .array(z.strictObject({ purpose, granted: z.boolean(), source: z.string().max(200).nullish() }))
    .min(1)
    .max(50),
});

export const consentStateSchema = z
  .object({
    current: z.array(z.object({ purpose: z.string(), granted: z.boolean(), since: z.iso.datetime() })),
    history: z.array(
      z.object({
        id: z.string(),
        purpose: z.string(),
        granted: z.boolean(),
        at: z.iso.datetime(),
        method,
        source: z.string().nullable(),
        withdrawnAt: z.iso.datetime().nullable(),
      }),
    ),
  })
  .meta({ id: 'CustomerConsents' });

const channels = z.strictObject({
  email: z.boolean(),
  sms: z.boolean(),
  phone: z.boolean(),
  post: z.boolean(),
});
const marketing = z.strictObject({ email: z.boolean(), sms: z.boolean(), phone: z.boolean() });

export const preferencesSchema = z
  .strictObject({
    language: language.nullable(),
    preferredChannel: z.enum(['email', 'sms', 'phone', 'post']).nullable(),
    channels,
    marketing: marketing.describe('Opt-ins; each change is recorded as a consent marketing.<channel>'),
  })
  .meta({ id: 'CustomerPreferences' });

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape the route's schema declares
const json = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T;

export const view = {
  customer: (c: Customer) => json<z.output<typeof customerSchema>>(c),
  address: (a: Address) => json<z.output<typeof addressSchema>>(a),
  consents: (c: ConsentState) => json<z.output<typeof consentStateSchema>>(c),
  preferences: (p: ContactPreferences) => json<z.output<typeof preferencesSchema>>(p),
};

/** If-Match: `"3"`, `W/"3"` or `3`; undefined when absent. */
export function ifMatchVersion(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  return match ? Number(match[1]) : Number.NaN;
}
