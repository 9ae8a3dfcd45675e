import type { Classification } from './customers.api';

/*
 * Masking of restricted personal fields in the console: shown as `j•••@example.com` /
 * `+44 •••• ••0123` until the reader presses Show. Which profile fields are restricted comes from
 * the privacy module's classification registry (GET /api/v1/privacy/classification); without it
 * (not served yet, or refused) the e-mail address and the phone number are.
 */

export type ProfileField = 'name' | 'email' | 'phone' | 'language';

export const profileFields: readonly ProfileField[] = ['name', 'email', 'phone', 'language'];
export const fallbackRestricted: readonly ProfileField[] = ['email', 'phone'];

const dot = '•';

/** `jane@example.com` → `j•••@example.com` (the domain stays: it says which mail system, not who). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return `${email.charAt(0)}${dot.repeat(3)}`;
  return `${email.charAt(0)}${dot.repeat(3)}${email.slice(at)}`;
}

// Calling codes of one and two digits (ITU E.164 zones); the rest have three.
const oneDigit = new Set(['1', '7']);
const twoDigit = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

function callingCode(digits: string): string {
  if (oneDigit.has(digits.slice(0, 1))) return digits.slice(0, 1);
  if (twoDigit.has(digits.slice(0, 2))) return digits.slice(0, 2);
  return digits.slice(0, 3);
}

/**
 * `+447700900123` → `+44 •••• ••0123`: the calling code and the last four digits, the middle in a
 * fixed shape (it does not give away the number's length).
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const last = digits.slice(-4);
  if (!phone.trim().startsWith('+') || digits.length < 8) return `${dot.repeat(4)} ${dot.repeat(2)}${last}`;
  return `+${callingCode(digits)} ${dot.repeat(4)} ${dot.repeat(2)}${last}`;
}

/** `Jane Smith` → `J••• S•••`. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word.charAt(0)}${dot.repeat(3)}`)
    .join(' ');
}

export function maskField(field: ProfileField, value: string): string {
  switch (field) {
    case 'email':
      return maskEmail(value);
    case 'phone':
      return maskPhone(value);
    case 'name':
      return maskName(value);
    case 'language':
      return dot.repeat(3);
  }
}

/** `email_ciphertext`, `phone_blind_index`, `name_sealed` → the profile field they hold. */
function fieldOfColumn(column: string): ProfileField | undefined {
  const stem = column
    .toLowerCase()
    .replace(/_(ciphertext|sealed|encrypted|blind_index|index|hash|search|e164|normalised|normalized)$/g, '')
    .replace(/^(full_|display_|primary_)/, '');
  const field =
    stem === 'e_mail' || stem === 'email_address' ? 'email' : stem === 'phone_number' ? 'phone' : stem;
  return (profileFields as readonly string[]).includes(field) ? (field as ProfileField) : undefined;
}

/**
 * The profile fields the classification marks restricted in any table of the customers schema
 * (`email_index`, `phone_index` → email, phone); the fixed list when it says nothing about customers.
 */
export function restrictedFields(classification: Classification | undefined): readonly ProfileField[] {
  const tables = classification?.schemas.customers;
  if (!tables) return fallbackRestricted;
  const found = new Set<ProfileField>();
  for (const columns of Object.values(tables))
    for (const [column, described] of Object.entries(columns)) {
      if (described.class !== 'restricted') continue;
      const field = fieldOfColumn(column);
      if (field) found.add(field);
    }
  return found.size > 0 ? profileFields.filter((f) => found.has(f)) : fallbackRestricted;
}
