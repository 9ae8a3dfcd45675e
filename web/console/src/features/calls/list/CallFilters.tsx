import { Search } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import {
  dataTableMessages,
  DateRangeField,
  fromZonedText,
  toZonedText,
  type RangeInput,
} from '@/kit/data-table';
import { FieldError, SelectField, TextField } from '@/kit/Field';
import { directionLabels, dispositionLabels, sourceLabels } from '../calls.format';
import { callsSearch, isFiltered, type CallsSearch } from '../calls.search';
import { callListMessages } from './call-list.messages';

/** Fields a problem can be shown on: the API's filter names. */
export type FilterField =
  'q' | 'number' | 'from' | 'to' | 'source' | 'direction' | 'disposition' | 'agent' | 'queue' | 'minDuration';
export type FilterErrors = Partial<Record<FilterField, string>>;

interface Props {
  readonly search: CallsSearch;
  readonly onApply: (search: CallsSearch) => void;
  /** The tenant's zone: where the days of a period begin. */
  readonly timeZone: string;
  /** What the server refused, by field (a 400 problem+json of the list). */
  readonly serverErrors?: FilterErrors;
}

function Choices({ labels }: { labels: Readonly<Record<string, string>> }) {
  return Object.entries(labels).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

/** Several values from a shared link (`source=asterisk,cucm`) stay selectable as they are. */
function Combined({ value, labels }: { value: string; labels: Readonly<Record<string, string>> }) {
  if (!value.includes(',')) return null;
  return (
    <option value={value}>
      {value
        .split(',')
        .map((v) => labels[v] ?? v)
        .join(', ')}
    </option>
  );
}

/**
 * The filters of the calls list. What is typed stays local until Apply (or Enter), so the list
 * does not reload on every keystroke; applying puts every filter in the address. A value that
 * cannot be applied says why on its field, as the server's refusals do.
 */
export function CallFilters({ search, onApply, timeZone, serverErrors = {} }: Props) {
  const t = useMessages(callListMessages).filters;
  const dt = useMessages(dataTableMessages);
  const [q, setQ] = useState(search.q ?? '');
  const [number, setNumber] = useState(search.number ?? '');
  const [range, setRange] = useState<RangeInput>({
    preset: search.range ?? (search.from || search.to ? 'custom' : ''),
    from: toZonedText(search.from, timeZone),
    to: toZonedText(search.to, timeZone),
  });
  const [source, setSource] = useState(search.source ?? '');
  const [direction, setDirection] = useState(search.direction ?? '');
  const [disposition, setDisposition] = useState(search.disposition ?? '');
  const [agent, setAgent] = useState(search.agent ?? '');
  const [queue, setQueue] = useState(search.queue ?? '');
  const [minMinutes, setMinMinutes] = useState(
    search.minDuration === undefined ? '' : String(search.minDuration / 60),
  );
  const [problems, setProblems] = useState<FilterErrors>({});
  const errors: FilterErrors = { ...serverErrors, ...problems };

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: FilterErrors = {};
    const custom = range.preset === 'custom';
    const fromIso = custom && range.from.trim() ? fromZonedText(range.from, timeZone, 'from') : undefined;
    const toIso = custom && range.to.trim() ? fromZonedText(range.to, timeZone, 'to') : undefined;
    if (custom && range.from.trim() && !fromIso) found.from = dt.notADate;
    if (custom && range.to.trim() && !toIso) found.to = dt.notADate;
    if (fromIso && toIso && fromIso >= toIso) found.to = dt.fromBeforeTo;
    const minutesText = minMinutes.trim().replace(',', '.');
    const minutes = minutesText === '' ? undefined : Number(minutesText);
    if (minutes !== undefined && !Number.isFinite(minutes)) found.minDuration = t.minutesNotANumber;
    else if (minutes !== undefined && (minutes < 0 || minutes > 10_080)) found.minDuration = t.minutesRange;
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    onApply(
      callsSearch({
        q,
        number,
        range: custom ? undefined : range.preset || undefined,
        from: fromIso,
        to: toIso,
        source,
        direction,
        disposition,
        agent,
        queue,
        minDuration: minutes === undefined ? undefined : String(Math.round(minutes * 60)),
        sort: search.sort,
        columns: search.columns,
      }),
    );
  };

  const clear = () => {
    for (const set of [
      setQ,
      setNumber,
      setSource,
      setDirection,
      setDisposition,
      setAgent,
      setQueue,
      setMinMinutes,
    ])
      set('');
    setRange({ preset: '', from: '', to: '' });
    setProblems({});
    onApply(callsSearch({ sort: search.sort, columns: search.columns }));
  };

  const invalid = Object.keys(errors).length > 0;
  return (
    <form className="toolbar calls-filters" onSubmit={apply} aria-label={t.label} role="search" noValidate>
      <div className="calls-filters__row">
        <div className="field calls-filters__search">
          <label className="label" htmlFor="calls-q">
            {t.names}
          </label>
          <Search aria-hidden="true" className="search-field__icon" />
          <input
            id="calls-q"
            className="input"
            type="search"
            placeholder={t.namesPlaceholder}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={errors.q ? 'calls-q-error calls-q-hint' : 'calls-q-hint'}
            aria-invalid={errors.q ? true : undefined}
            maxLength={256}
          />
          <span id="calls-q-hint" className="visually-hidden">
            {t.namesHint}
          </span>
          {errors.q ? <FieldError id="calls-q-error">{errors.q}</FieldError> : null}
        </div>
        <TextField
          label={t.number}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder={t.numberPlaceholder}
          maxLength={256}
          inputMode="tel"
          error={errors.number}
        />
        <DateRangeField
          value={range}
          onChange={setRange}
          timeZone={timeZone}
          errors={{ from: errors.from, to: errors.to }}
        />
        <div className="toolbar__actions">
          {isFiltered(search) ? (
            <Button variant="ghost" onClick={clear}>
              {t.clear}
            </Button>
          ) : null}
          <Button type="submit" variant="primary">
            {t.apply}
          </Button>
        </div>
      </div>
      <div className="calls-filters__row">
        <SelectField
          label={t.source}
          value={source}
          onChange={(e) => setSource(e.target.value)}
          error={errors.source}
        >
          <option value="">{t.allSources}</option>
          <Choices labels={sourceLabels} />
          <Combined value={source} labels={sourceLabels} />
        </SelectField>
        <SelectField
          label={t.direction}
          value={direction}
          onChange={(e) => setDirection(e.target.value)}
          error={errors.direction}
        >
          <option value="">{t.anyDirection}</option>
          <Choices labels={directionLabels} />
          <Combined value={direction} labels={directionLabels} />
        </SelectField>
        <SelectField
          label={t.outcome}
          value={disposition}
          onChange={(e) => setDisposition(e.target.value)}
          error={errors.disposition}
        >
          <option value="">{t.anyOutcome}</option>
          <Choices labels={dispositionLabels} />
          <Combined value={disposition} labels={dispositionLabels} />
        </SelectField>
        <TextField
          label={t.agent}
          value={agent}
          onChange={(e) => setAgent(e.target.value)}
          placeholder={t.agentPlaceholder}
          maxLength={256}
          error={errors.agent}
        />
        <TextField
          label={t.queue}
          value={queue}
          onChange={(e) => setQueue(e.target.value)}
          placeholder={t.queuePlaceholder}
          maxLength={256}
          error={errors.queue}
        />
        <TextField
          label={t.longerThan}
          inputMode="decimal"
          value={minMinutes}
          onChange={(e) => setMinMinutes(e.target.value)}
          error={errors.minDuration}
          maxLength={12}
        />
      </div>
      {invalid ? (
        <p className="visually-hidden" role="alert">
          {t.notApplied}
        </p>
      ) : null}
    </form>
  );
}
