import { z } from 'zod';

/** What the redaction recognises; each becomes the replacement token `[<TYPE>]` in the text. */
export const redactionEntityTypeSchema = z.enum([
  'CARD_NUMBER',
  'CARD_EXPIRY',
  'CARD_CVV',
  'CARD_PIN',
  'BANK_ACCOUNT',
  'BANK_ROUTING',
  'BANK_SORT_CODE',
  'IBAN',
  'SSN',
  'UK_NI',
  'EMAIL',
  'PHONE',
  'ADDRESS',
  'POSTAL_CODE',
  'PERSON_NAME',
  /** Eight or more digits no other rule explains: a misheard card or account number is still not kept in clear. */
  'LONG_NUMBER',
]);
export type RedactionEntityType = z.infer<typeof redactionEntityTypeSchema>;

/** Card data PCI DSS forbids keeping in clear after authorisation (the PAN unless protected; CVV and PIN never). */
export const PCI_ENTITY_TYPES: readonly RedactionEntityType[] = [
  'CARD_NUMBER',
  'CARD_EXPIRY',
  'CARD_CVV',
  'CARD_PIN',
];

export function replacementToken(type: RedactionEntityType): string {
  return `[${type}]`;
}

/**
 * One redacted stretch of one segment, with the original text: stored encrypted, revealed only by
 * an audited permission. An entity said across two segments is two spans with one `entityId`.
 */
export const redactionSpanSchema = z.object({
  entityId: z.number().int().nonnegative(),
  entityType: redactionEntityTypeSchema,
  /** The rule that found it (`card.luhn`, `expiry.context`, `name.cue` …), for review and tuning. */
  rule: z.string(),
  segmentId: z.string(),
  segmentIndex: z.number().int().nonnegative(),
  /** Range in the original segment text. */
  charStart: z.number().int().nonnegative(),
  charEnd: z.number().int().nonnegative(),
  /** Range of the replacement token in the redacted segment text. */
  redactedCharStart: z.number().int().nonnegative(),
  redactedCharEnd: z.number().int().nonnegative(),
  /** Audio to mute: from the words' times, or the whole segment where no word times exist. */
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
  timeFrom: z.enum(['words', 'segment']),
  text: z.string(),
});
export type RedactionSpan = z.infer<typeof redactionSpanSchema>;
