import { isApiError, messageOf } from '@/api/problem';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * Splits an API refusal into messages for a form's own fields and one message for the form as a
 * whole (anything the server said that no field of this form can show).
 */
export function serverErrors<F extends string>(error: unknown, fields: readonly F[]): { fields: FieldErrors<F>; form: string | undefined } {
  if (!error) return { fields: {}, form: undefined };
  if (!isApiError(error)) return { fields: {}, form: messageOf(error) };
  const byField: FieldErrors<F> = {};
  const unplaced: string[] = [];
  for (const problem of error.fields) {
    const field = fields.find((f) => problem.field === f || problem.field.startsWith(`${f}.`));
    if (field && byField[field] === undefined) byField[field] = sentence(problem.message);
    else if (!field) unplaced.push(`${problem.field}: ${problem.message}`);
  }
  const placedAll = error.fields.length > 0 && unplaced.length === 0;
  return { fields: byField, form: placedAll ? undefined : [error.message, ...unplaced].join(' ') };
}

/** "is already taken" reads as a sentence under a field: "Is already taken." */
export function sentence(message: string): string {
  const trimmed = message.trim();
  if (!trimmed) return trimmed;
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** True when the form has nothing to complain about. */
export function isValid<F extends string>(errors: FieldErrors<F>): boolean {
  return Object.values(errors).every((message) => !message);
}

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
