import { Search } from 'lucide-react';
import { useState, type ChangeEvent, type ReactNode } from 'react';
import { isApiError } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Button } from '../Button';
import { FieldError } from '../Field';
import { sentence } from '../forms';
import type { TableQuery } from '../states';
import { dataTableMessages } from './data-table.messages';
import { fromZonedText, toZonedText, type DatePreset } from './date-range';
import type { RangeInput } from './DateRangeField';
import { SavedViews } from './SavedViews';

/*
 * The pieces every list's filter bar is made of (calls, recordings): the search field, the period
 * with its checks, the server's refusals placed on their fields, the Clear / Apply buttons and the
 * announcement that nothing was applied. A feature keeps its own fields and its own search type.
 */

/** The server's 400 of a list, placed on the filter fields it names (`querystring.to` or `to`). */
export function refusedFilters<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): Partial<Record<Field, string>> {
  if (!isApiError(error) || error.status !== 400) return {};
  const errors: Partial<Record<Field, string>> = {};
  for (const problem of error.fields) {
    const field = fields.find((f) => problem.field === `querystring.${f}` || problem.field === f);
    if (field) errors[field] ??= sentence(problem.message);
  }
  return errors;
}

/** The list's query for its table: once the server refused the filters (shown on their fields), not an error. */
export function unlessRefused(query: TableQuery, refused: object): TableQuery {
  return Object.keys(refused).length > 0 ? { ...query, isError: false, isPending: false } : query;
}

/** The period of an address (`range` preset, or `from`/`to` instants) as the form edits it. */
export function useRangeInput(
  search: {
    readonly range?: DatePreset | undefined;
    readonly from?: string | undefined;
    readonly to?: string | undefined;
  },
  timeZone: string,
) {
  return useState<RangeInput>(() => ({
    preset: search.range ?? (search.from || search.to ? 'custom' : ''),
    from: toZonedText(search.from, timeZone),
    to: toZonedText(search.to, timeZone),
  }));
}

/** What a period input applies to: a preset, or custom bounds read in the tenant's zone, and what is wrong with them. */
export interface CheckedRange {
  readonly range: DatePreset | undefined;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly errors: { from?: string; to?: string };
}

export function useCheckRange(): (input: RangeInput, timeZone: string) => CheckedRange {
  const dt = useMessages(dataTableMessages);
  return (input, timeZone) => {
    const custom = input.preset === 'custom';
    const from = custom && input.from.trim() ? fromZonedText(input.from, timeZone, 'from') : undefined;
    const to = custom && input.to.trim() ? fromZonedText(input.to, timeZone, 'to') : undefined;
    const errors: CheckedRange['errors'] = {};
    if (custom && input.from.trim() && !from) errors.from = dt.notADate;
    if (custom && input.to.trim() && !to) errors.to = dt.notADate;
    if (from && to && from >= to) errors.to = dt.fromBeforeTo;
    return { range: custom ? undefined : input.preset || undefined, from, to, errors };
  };
}

interface SearchFieldProps {
  /** The input's id; its hint and error take it as a prefix. */
  readonly id: string;
  readonly label: string;
  /** Read by screen readers only: what the search looks in. */
  readonly hint: string;
  readonly placeholder?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly maxLength?: number;
  readonly className?: string;
}

/** The free-text field of a filter bar, with its magnifier, hidden hint and error. */
export function FilterSearchField({
  id,
  label,
  hint,
  placeholder,
  value,
  onChange,
  error,
  maxLength,
  className,
}: SearchFieldProps) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <Search aria-hidden="true" className="search-field__icon" />
      <input
        id={id}
        className="input"
        type="search"
        placeholder={placeholder}
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
        maxLength={maxLength}
      />
      <span id={`${id}-hint`} className="visually-hidden">
        {hint}
      </span>
      {error ? <FieldError id={`${id}-error`}>{error}</FieldError> : null}
    </div>
  );
}

/** Clear (while the address holds filters) and Apply. */
export function FilterActions({
  filtered,
  onClear,
  className,
}: {
  readonly filtered: boolean;
  readonly onClear: () => void;
  readonly className?: string;
}) {
  const t = useMessages(dataTableMessages).filters;
  return (
    <div className={className ? `toolbar__actions ${className}` : 'toolbar__actions'}>
      {filtered ? (
        <Button variant="ghost" onClick={onClear}>
          {t.clear}
        </Button>
      ) : null}
      <Button type="submit" variant="primary">
        {t.apply}
      </Button>
    </div>
  );
}

/** Tells screen readers that Apply did nothing, when a field says why. */
export function FiltersNotApplied({
  errors,
}: {
  readonly errors: Readonly<Record<string, string | undefined>>;
}) {
  const t = useMessages(dataTableMessages).filters;
  if (!Object.values(errors).some(Boolean)) return null;
  return (
    <p className="visually-hidden" role="alert">
      {t.notApplied}
    </p>
  );
}

/** The options of a select of labelled values, and, for several values from a shared link (`source=asterisk,cucm`), one option that keeps them. */
export function FilterChoices({
  labels,
  value,
}: {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: string;
}) {
  return (
    <>
      {Object.entries(labels).map(([key, label]) => (
        <option key={key} value={key}>
          {label}
        </option>
      ))}
      {value.includes(',') ? (
        <option value={value}>
          {value
            .split(',')
            .map((v) => labels[v] ?? v)
            .join(', ')}
        </option>
      ) : null}
    </>
  );
}

/** The row under a list's filters: its saved views, then the list's own tools (sort, columns). */
export function ListTools({
  list,
  state,
  onPick,
  className,
  children,
}: {
  /** The list's name on the server (`calls`, `recordings`). */
  readonly list: string;
  /** The list's state now: its address query string. */
  readonly state: string;
  readonly onPick: (state: string) => void;
  readonly className?: string;
  readonly children: ReactNode;
}) {
  return (
    <div className={className ? `toolbar ${className}` : 'toolbar'}>
      <SavedViews list={list} state={state} onPick={onPick} />
      <div className="toolbar__actions">{children}</div>
    </div>
  );
}
