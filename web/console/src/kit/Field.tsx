import { CircleAlert } from 'lucide-react';
import { Switch } from 'radix-ui';
import { useId, type ComponentProps, type ReactNode } from 'react';

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

function useFieldIds(given: string | undefined, hint: unknown, error: unknown) {
  const generated = useId();
  const id = given ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function Label({ htmlFor, optional, children }: { htmlFor: string; optional: boolean | undefined; children: ReactNode }) {
  return (
    <label className="label" htmlFor={htmlFor}>
      {children}
      {optional ? <span className="label__optional">(optional)</span> : null}
    </label>
  );
}

export type TextFieldProps = FieldFrame & Omit<ComponentProps<'input'>, 'children'> & { readonly action?: ReactNode };

export function TextField({ label, hint, error, optional, id: givenId, className, action, ...input }: TextFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(givenId, hint, error);
  const control = (
    <input id={id} className={['input', className ?? ''].filter(Boolean).join(' ')} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
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
    </div>
  );
}

export type TextAreaFieldProps = FieldFrame & ComponentProps<'textarea'>;

export function TextAreaField({ label, hint, error, optional, id: givenId, className, ...textarea }: TextAreaFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(givenId, hint, error);
  return (
    <div className="field">
      <Label htmlFor={id} optional={optional}>
        {label}
      </Label>
      <textarea id={id} className={['textarea', className ?? ''].filter(Boolean).join(' ')} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...textarea} />
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export type SelectFieldProps = FieldFrame & ComponentProps<'select'>;

export function SelectField({ label, hint, error, optional, id: givenId, className, children, ...select }: SelectFieldProps) {
  const { id, hintId, errorId, describedBy } = useFieldIds(givenId, hint, error);
  return (
    <div className="field">
      <Label htmlFor={id} optional={optional}>
        {label}
      </Label>
      <select id={id} className={['select', className ?? ''].filter(Boolean).join(' ')} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select}>
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

/** A labelled group of checkboxes or radio buttons (a fieldset, so the legend is read with each). */
export function ChoiceGroup({ legend, hint, error, children, columns = true }: { legend: ReactNode; hint?: ReactNode; error?: string | undefined; children: ReactNode; columns?: boolean }) {
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

export type ChoiceProps = Omit<ComponentProps<'input'>, 'title'> & { readonly title: ReactNode; readonly description?: ReactNode };

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
