import { CircleAlert } from 'lucide-react';
import { Switch } from 'radix-ui';
import { useId, type ComponentProps, type ReactNode } from 'react';
import type { FieldLimits } from '@/api/limits.gen';
import { useMessages } from '@/i18n';
import { Alert } from './Alert';
import { limitProblem } from './forms';
import { formMessages } from './forms.messages';

interface FieldFrame {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  /** Marks the label "optional"; required fields stay unmarked, as most fields are. */
  readonly optional?: boolean;
}

export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p className="field-error" id={id}>
      <CircleAlert aria-hidden="true" />
      <span>{children}</span>
    </p>
  );
}

/** The form's message for what no field can show; `useForm` focuses it when nothing else is invalid. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="form-error" data-form-error tabIndex={-1}>
      <Alert tone="danger">{message}</Alert>
    </div>
  );
}

function useFieldIds(given: string | undefined, hint: unknown, error: unknown, count = false) {
  const generated = useId();
  const id = given ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const countId = count ? `${id}-count` : undefined;
  const describedBy = [errorId, hintId, countId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, countId, describedBy };
}

function Label({
  htmlFor,
  optional,
  children,
}: {
  htmlFor: string;
  optional: boolean | undefined;
  children: ReactNode;
}) {
  const m = useMessages(formMessages);
  return (
    <label className="label" htmlFor={htmlFor}>
      {children}
      {optional ? <span className="label__optional">{m.optional}</span> : null}
    </label>
  );
}

/** The counter shows from this share of the limit on: early enough to plan, quiet before. */
const countFrom = 0.8;

/**
 * A text control's length against the server's limit. Over the limit the field is invalid at once
 * (the browser's maxLength would silently cut a paste instead), and near it a counter says how much
 * is left; the form refuses to send while it is over.
 */
function useLengthLimit(value: unknown, limits: FieldLimits | undefined, error: string | undefined) {
  const m = useMessages(formMessages);
  const max = limits?.maxLength;
  const length = typeof value === 'string' ? value.length : 0;
  if (max === undefined || length < max * countFrom) return { error, count: undefined };
  const over = length - max;
  return {
    error: error ?? limitProblem(typeof value === 'string' ? value : '', limits),
    count: { text: over > 0 ? m.charactersOver(over) : m.charactersLeft(-over), over: over > 0 },
  };
}

function Count({
  id,
  count,
}: {
  id: string | undefined;
  count: { text: string; over: boolean } | undefined;
}) {
  if (!id || !count) return null;
  return (
    <p className={count.over ? 'field-count field-count--over' : 'field-count'} id={id} aria-live="polite">
      {count.text}
    </p>
  );
}

/**
 * The server's limits for the field (`form.limit('name')`): a counter near the maximum, invalid
 * over it. A bare `maxLength` is taken as such a limit too; it never reaches the browser, whose
 * maxLength would cut a pasted value without a word.
 */
interface Limited {
  readonly limits?: FieldLimits | undefined;
  readonly maxLength?: number | undefined;
}

export type TextFieldProps = FieldFrame &
  Limited &
  Omit<ComponentProps<'input'>, 'children' | 'maxLength'> & { readonly action?: ReactNode };

export function TextField({
  label,
  hint,
  error: given,
  optional,
  id: givenId,
  className,
  action,
  limits,
  maxLength,
  ...input
}: TextFieldProps) {
  const { error, count } = useLengthLimit(
    input.value,
    limits ?? (maxLength === undefined ? undefined : { maxLength }),
    given,
  );
  const { id, hintId, errorId, countId, describedBy } = useFieldIds(givenId, hint, error, Boolean(count));
  const control = (
    <input
      id={id}
      className={['input', className ?? ''].filter(Boolean).join(' ')}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      {...input}
    />
  );
  return (
    <div className="field">
      <Label htmlFor={id} optional={optional}>
        {label}
      </Label>
      {action ? (
        <div className="input-with-action">
          {control}
          {action}
        </div>
      ) : (
        control
      )}
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <Count id={countId} count={count} />
    </div>
  );
}

export type TextAreaFieldProps = FieldFrame & Limited & Omit<ComponentProps<'textarea'>, 'maxLength'>;

export function TextAreaField({
  label,
  hint,
  error: given,
  optional,
  id: givenId,
  className,
  limits,
  maxLength,
  ...textarea
}: TextAreaFieldProps) {
  const { error, count } = useLengthLimit(
    textarea.value,
    limits ?? (maxLength === undefined ? undefined : { maxLength }),
    given,
  );
  const { id, hintId, errorId, countId, describedBy } = useFieldIds(givenId, hint, error, Boolean(count));
  return (
    <div className="field">
      <Label htmlFor={id} optional={optional}>
        {label}
      </Label>
      <textarea
        id={id}
        className={['textarea', className ?? ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...textarea}
      />
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <Count id={countId} count={count} />
    </div>
  );
}

export type SelectFieldProps = FieldFrame & ComponentProps<'select'>;

export function SelectField({
  label,
  hint,
  error,
  optional,
  id: givenId,
  className,
  children,
  ...select
}: SelectFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(givenId, hint, error);
  return (
    <div className="field">
      <Label htmlFor={id} optional={optional}>
        {label}
      </Label>
      <select
        id={id}
        className={['select', className ?? ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...select}
      >
        {children}
      </select>
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A select over a fixed list of values, each shown by its label; `onPick` gets the value as its type. */
export function OptionsField<T extends string>({
  options,
  labels,
  onPick,
  ...field
}: Omit<SelectFieldProps, 'onChange' | 'children' | 'value'> & {
  readonly value: T;
  readonly options: readonly T[];
  readonly labels: Readonly<Record<T, string>>;
  readonly onPick: (value: T) => void;
}) {
  return (
    <SelectField {...field} onChange={(e) => onPick(e.target.value as T)}>
      {options.map((value) => (
        <option key={value} value={value}>
          {labels[value]}
        </option>
      ))}
    </SelectField>
  );
}

/** A labelled group of checkboxes or radio buttons (a fieldset, so the legend is read with each). */
export function ChoiceGroup({
  legend,
  hint,
  error,
  children,
  columns = true,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  columns?: boolean;
}) {
  const { hintId, errorId, describedBy } = useFieldIds(undefined, hint, error);
  return (
    <fieldset className="choice-group" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend className="label">{legend}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <div className={columns ? 'choice-grid' : 'stack stack--sm'}>{children}</div>
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
    </fieldset>
  );
}

export type ChoiceProps = Omit<ComponentProps<'input'>, 'title'> & {
  readonly title: ReactNode;
  readonly description?: ReactNode;
};

export function Choice({ title, description, type = 'checkbox', ...input }: ChoiceProps) {
  return (
    <label className="choice">
      <input type={type} {...input} />
      <span className="choice__text">
        <span className="choice__title">{title}</span>
        {description ? <span className="choice__description">{description}</span> : null}
      </span>
    </label>
  );
}

export interface SwitchFieldProps {
  readonly label: ReactNode;
  readonly description?: ReactNode;
  readonly checked: boolean;
  readonly onCheckedChange: (checked: boolean) => void;
  readonly disabled?: boolean;
}

export function SwitchField({ label, description, checked, onCheckedChange, disabled }: SwitchFieldProps) {
  const id = useId();
  return (
    <div className="switch-row">
      <div className="field">
        <label className="label" htmlFor={id}>
          {label}
        </label>
        {description ? (
          <p className="hint" id={`${id}-description`}>
            {description}
          </p>
        ) : null}
      </div>
      <Switch.Root
        id={id}
        className="switch"
        checked={checked}
        onCheckedChange={onCheckedChange}
        disabled={disabled}
        aria-describedby={description ? `${id}-description` : undefined}
      >
        <Switch.Thumb className="switch__thumb" />
      </Switch.Root>
    </div>
  );
}
