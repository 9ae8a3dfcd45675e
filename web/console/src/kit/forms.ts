import { useEffect, useId, useState } from 'react';
import { apiLimits, type FieldLimits, type LimitedOperation } from '@/api/limits.gen';
import { isApiError, messageOf } from '@/api/problem';
import { messagesNow } from '@/i18n';
import { formMessages } from './forms.messages';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;
export type { FieldLimits };

/**
 * Splits an API refusal into messages for a form's own fields and one message for the form as a
 * whole (anything the server said that no field of this form can show).
 */
export function serverErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): { fields: FieldErrors<F>; form: string | undefined } {
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

/**
 * A decimal number as a person types it: spaces around it ignored, a decimal comma read as a point
 * (`2,5`). Undefined when the text is empty; NaN when it is no number.
 */
export function decimalOf(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? undefined : Number(trimmed);
}

/**
 * For request bodies: a typed number, or — when the text is no number — the text itself, so that
 * the server names the field ("expected number") instead of the console guessing.
 */
export function numberOrText(text: string): number | undefined {
  const n = decimalOf(text);
  return n === undefined || Number.isFinite(n) ? n : (text.trim() as unknown as number);
}

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What is wrong with a value against the server's limits for its field, in the user's language:
 * over the length (counted as the server counts, in UTF-16 units) or the number of items. Lower
 * bounds of text are each form's own business: "Name the key…" says more than "at least 1".
 */
export function limitProblem(
  value: string | readonly unknown[] | undefined,
  limits: FieldLimits | undefined,
): string | undefined {
  if (value === undefined || !limits) return undefined;
  const m = messagesNow(formMessages);
  if (typeof value === 'string')
    return limits.maxLength !== undefined && value.length > limits.maxLength
      ? m.tooLong(limits.maxLength, value.length)
      : undefined;
  if (limits.maxItems !== undefined && value.length > limits.maxItems) return m.tooMany(limits.maxItems);
  if (limits.minItems !== undefined && value.length < limits.minItems) return m.tooFew(limits.minItems);
  return undefined;
}

/** The limits of an operation's fields, as generated from the OpenAPI document. */
export function limitsOf(operation: LimitedOperation): Readonly<Record<string, FieldLimits>> {
  return apiLimits[operation];
}

export interface FormShowOptions {
  /** Focus this instead of the first invalid field (e.g. a password field just cleared). */
  readonly focus?: HTMLElement | null;
}

/** One form's errors: on its fields, and one message for the rest. */
export interface FormErrors<F extends string> {
  readonly errors: FieldErrors<F>;
  readonly formError: string | undefined;
  /** `<form id={form.id}>`: after a refusal, focus moves to its first invalid field (or its message). */
  readonly id: string;
  /** The server's limits for a field, for `<TextField limits>` (the counter and the live check). */
  readonly limit: (field: F) => FieldLimits | undefined;
  /**
   * Before submitting: the form's own problems plus every value over the server's limits. Shows
   * them and answers true when there are none.
   */
  readonly check: (
    values: Partial<Record<F, string | readonly unknown[]>>,
    problems?: FieldErrors<F>,
  ) => boolean;
  /** The server refused: its field errors go on the fields, the rest becomes the form's message. */
  readonly refuse: (error: unknown) => void;
  /** Shows these errors (and an optional form message) and moves focus as after a refusal. */
  readonly show: (errors: FieldErrors<F>, formError?: string, options?: FormShowOptions) => void;
  /** A field was edited: its error goes. */
  readonly clear: (field: F) => void;
  readonly reset: () => void;
}

/**
 * The one way a console form reports what is wrong. Every form: checks the server's limits (read
 * from the OpenAPI document, `limits.gen.ts`) before sending; places the server's problem+json
 * field errors on the fields that sent them; shows anything else as one message above the form;
 * and moves focus to the first invalid field, which `Field` marks `aria-invalid` and describes by
 * its message.
 *
 *   const form = useForm(['name', 'scopes'], 'POST /api/v1/api-keys');
 *   <form id={form.id} …><FormError message={form.formError} />
 *     <TextField error={form.errors.name} limits={form.limit('name')} … />
 */
export function useForm<F extends string>(fields: readonly F[], operation?: LimitedOperation): FormErrors<F> {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string>();
  // A new object each time errors are shown, so showing the same errors again moves focus again.
  const [attempt, setAttempt] = useState<FormShowOptions | undefined>();
  const id = useId();
  const limits: Readonly<Record<string, FieldLimits>> | undefined = operation
    ? apiLimits[operation]
    : undefined;

  useEffect(() => {
    if (!attempt) return;
    if (attempt.focus) attempt.focus.focus();
    else focusFirstProblem(document.getElementById(id));
  }, [attempt, id]);

  const show = (next: FieldErrors<F>, message?: string, options?: FormShowOptions) => {
    setErrors(next);
    setFormError(message);
    setAttempt({ ...options });
  };

  return {
    errors,
    formError,
    id,
    limit: (field) => limits?.[field],
    check: (values, problems = {}) => {
      const found: FieldErrors<F> = { ...problems };
      for (const field of fields) found[field] ??= limitProblem(values[field], limits?.[field]);
      if (isValid(found)) {
        setErrors({});
        setFormError(undefined);
        return true;
      }
      show(found);
      return false;
    },
    refuse: (error) => {
      const split = serverErrors(error, fields);
      show(split.fields, split.form);
    },
    show,
    clear: (field) => setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current)),
    reset: () => {
      setErrors({});
      setFormError(undefined);
      setAttempt(undefined);
    },
  };
}

/** The first control marked invalid (a fieldset hands over to its first control), else the form's message. */
function focusFirstProblem(form: HTMLElement | null): void {
  if (!form) return;
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  const target =
    invalid instanceof HTMLFieldSetElement
      ? invalid.querySelector<HTMLElement>(
          'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])',
        )
      : (invalid ?? form.querySelector<HTMLElement>('[data-form-error]'));
  target?.focus();
}
