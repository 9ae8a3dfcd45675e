import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { SubjectIdentifier } from '../../../platform/crypto/index.js';
import type { DataSubject } from '../../../platform/privacy/index.js';
import { PrivacyErrors } from '../errors.js';

/*
 * Identifiers of a data subject, normalised once here so that every module, the subject keys and
 * the blind indexes see the same text: e-mails trimmed and lower-cased, phone numbers in E.164.
 */

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(value: string, field = 'body.email'): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !emailShape.test(email))
    throw PrivacyErrors.invalidField(field, 'must be an e-mail address');
  return email;
}

/**
 * E.164; the number must carry its country code (`+44…`), there is no default country to guess.
 * Possible, not "valid" — the rule of customers and campaigns: a number they stored from a
 * fictional range (07700 900xxx) or a new allocation must not be dropped from the subject, or its
 * calls would be neither exported nor erased.
 */
export function normalisePhone(value: string, field = 'body.phone'): string {
  const parsed = parsePhoneNumberFromString(value.trim());
  if (!parsed?.isPossible())
    throw PrivacyErrors.invalidField(
      field,
      'must be a phone number with its country code, such as +447700900123',
    );
  return parsed.number;
}

/** A subject with every identifier normalised and each listed once (what a participant receives). */
export function normaliseSubject(subject: DataSubject): DataSubject {
  const tryPhone = (value: string) => {
    try {
      return normalisePhone(value);
    } catch {
      return undefined;
    }
  };
  return {
    customerId: subject.customerId,
    userIds: [...new Set(subject.userIds)],
    emails: [...new Set(subject.emails.map((e) => e.trim().toLowerCase()).filter((e) => e.length > 0))],
    phones: [...new Set(subject.phones.map(tryPhone).filter((p): p is string => p !== undefined))],
  };
}

export function mergeSubjects(a: DataSubject, b: DataSubject): DataSubject {
  return normaliseSubject({
    customerId: a.customerId ?? b.customerId,
    userIds: [...a.userIds, ...b.userIds],
    emails: [...a.emails, ...b.emails],
    phones: [...a.phones, ...b.phones],
  });
}

/** The keys to shred: one per identifier (SubjectKeys derives a key per kind and value). */
export function identifiersOf(subject: DataSubject): SubjectIdentifier[] {
  return [
    ...subject.emails.map((value) => ({ kind: 'email' as const, value })),
    ...subject.phones.map((value) => ({ kind: 'phone' as const, value })),
    ...(subject.customerId ? [{ kind: 'customer' as const, value: subject.customerId }] : []),
    ...subject.userIds.map((value) => ({ kind: 'user' as const, value })),
  ];
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export function maskPhone(phone: string): string {
  if (phone.length <= 6) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 6)}${phone.slice(-3)}`;
}

/** What a request keeps about whom it was for, once it is finished: enough to recognise, not to contact. */
export function maskSubject(subject: DataSubject): string {
  const parts = [
    ...subject.emails.map(maskEmail),
    ...subject.phones.map(maskPhone),
    ...(subject.customerId ? [subject.customerId] : []),
    ...(subject.userIds.length > 0 && !subject.customerId
      ? [`${subject.userIds.length} client account(s)`]
      : []),
  ];
  return parts.length > 0 ? parts.join(' · ') : 'no identifiers';
}
