import { z } from 'zod';
import type { FieldProblem } from '../../../platform/errors.js';
import type { Address } from '../contract.js';

/** Postal code formats of the countries we check (others: 1–12 letters, digits, spaces and dashes). */
const postalPatterns: Readonly<Record<string, RegExp>> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i,
  GB: /^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/i,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  NL: /^[1-9]\d{3} ?[A-Z]{2}$/i,
  IN: /^[1-9]\d{5}$/,
  AU: /^\d{4}$/,
  JP: /^\d{3}-?\d{4}$/,
  AT: /^\d{4}$/,
  CH: /^\d{4}$/,
  ES: /^\d{5}$/,
  IT: /^\d{5}$/,
};
const genericPostal = /^[A-Za-z0-9][A-Za-z0-9 -]{0,11}$/;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Whether `code` is an ISO 3166-1 alpha-2 country this runtime knows (not a reserved or private code). */
export function isCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || ['AA', 'QM', 'XA', 'XB', 'ZZ', 'EU', 'UN'].includes(code)) return false;
  try {
    const name = regionNames.of(code);
    return name !== undefined && name !== code && name !== 'Unknown Region';
  } catch {
    return false;
  }
}

const line = (max: number) => z.string().trim().min(1, 'is required').max(max);

/** The shape of an address in a request (the country and postal code are checked by validateAddress). */
export const addressSchema = z.strictObject({
  name: line(200),
  company: z.string().trim().max(200).optional(),
  line1: line(200),
  line2: z.string().trim().max(200).optional(),
  city: line(100),
  region: z.string().trim().max(100).optional(),
  postalCode: line(20),
  country: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(z.string().refine(isCountry, 'must be an ISO 3166-1 alpha-2 country code')),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{4,40}$/, 'must be a phone number (digits, spaces, + ( ) - . /)')
    .optional(),
});

/** The problems of an address (country, postal code per country), named under `field`. */
export function validateAddress(address: Address, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const parsed = addressSchema.safeParse(address);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({ field: [field, ...issue.path.map(String)].join('.'), message: issue.message });
    return problems;
  }
  const country = parsed.data.country;
  const pattern = postalPatterns[country] ?? genericPostal;
  if (!pattern.test(parsed.data.postalCode))
    problems.push({ field: `${field}.postalCode`, message: `is not a postal code of ${country}` });
  return problems;
}

/** The address as stored: trimmed, the country in upper case, empty optional fields dropped. */
export function normaliseAddress(address: Address): Address {
  const parsed = addressSchema.parse(address);
  return {
    name: parsed.name,
    line1: parsed.line1,
    city: parsed.city,
    postalCode: parsed.postalCode.toUpperCase(),
    country: parsed.country,
    ...(parsed.company ? { company: parsed.company } : {}),
    ...(parsed.line2 ? { line2: parsed.line2 } : {}),
    ...(parsed.region ? { region: parsed.region } : {}),
    ...(parsed.phone ? { phone: parsed.phone } : {}),
  };
}
