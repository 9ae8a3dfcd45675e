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
import { recordingStates } from '@/api/recordings';
import { recordingListMessages, recordingWords } from '../recordings.messages';
import { isFiltered, recordingsSearch, type RecordingsSearch } from '../recordings.search';

/** Fields a problem can be shown on: the API's filter names. */
export type FilterField = 'q' | 'number' | 'agent' | 'queue' | 'from' | 'to' | 'state';
export type FilterErrors = Partial<Record<FilterField, string>>;

interface Props {
  readonly search: RecordingsSearch;
  readonly onApply: (search: RecordingsSearch) => void;
  readonly timeZone: string;
  readonly serverErrors?: FilterErrors;
  /** Full-text search needs transcripts:read; without it the field is not offered. */
  readonly canSearchText: boolean;
}

/**
 * The recordings list's filters: typed values stay local until Apply (or Enter); applying puts
 * them in the address. A value that cannot be applied says why on its field.
 */
export function RecordingFilters({ search, onApply, timeZone, serverErrors = {}, canSearchText }: Props) {
  const t = useMessages(recordingListMessages).filters;
  const words = useMessages(recordingWords);
  const dt = useMessages(dataTableMessages);
  const [q, setQ] = useState(search.q ?? '');
  const [number, setNumber] = useState(search.number ?? '');
  const [agent, setAgent] = useState(search.agent ?? '');
  const [queue, setQueue] = useState(search.queue ?? '');
  const [state, setState] = useState(search.state ?? '');
  const [range, setRange] = useState<RangeInput>({
    preset: search.range ?? (search.from || search.to ? 'custom' : ''),
    from: toZonedText(search.from, timeZone),
    to: toZonedText(search.to, timeZone),
  });
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
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    onApply(
      recordingsSearch({
        q,
        number,
        agent,
        queue,
        state,
        range: custom ? undefined : range.preset || undefined,
        from: fromIso,
        to: toIso,
        columns: search.columns,
      }),
    );
  };

  const clear = () => {
    for (const set of [setQ, setNumber, setAgent, setQueue, setState]) set('');
    setRange({ preset: '', from: '', to: '' });
    setProblems({});
    onApply(recordingsSearch({ columns: search.columns }));
  };

  return (
    <form
      className="toolbar recordings-filters"
      onSubmit={apply}
      aria-label={t.label}
      role="search"
      noValidate
    >
      <div className="recordings-filters__row">
        {canSearchText ? (
          <div className="field recordings-filters__search">
            <label className="label" htmlFor="recordings-q">
              {t.text}
            </label>
            <Search aria-hidden="true" className="search-field__icon" />
            <input
              id="recordings-q"
              className="input"
              type="search"
              placeholder={t.textPlaceholder}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              aria-describedby={errors.q ? 'recordings-q-error recordings-q-hint' : 'recordings-q-hint'}
              aria-invalid={errors.q ? true : undefined}
            />
            <span id="recordings-q-hint" className="visually-hidden">
              {t.textHint}
            </span>
            {errors.q ? <FieldError id="recordings-q-error">{errors.q}</FieldError> : null}
          </div>
        ) : null}
        <DateRangeField
          value={range}
          onChange={setRange}
          timeZone={timeZone}
          errors={{ from: errors.from, to: errors.to }}
        />
        <SelectField
          label={t.state}
          value={state}
          onChange={(e) => setState(e.target.value)}
          error={errors.state}
        >
          <option value="">{t.anyState}</option>
          {recordingStates.map((s) => (
            <option key={s} value={s}>
              {words.states[s]}
            </option>
          ))}
          {state.includes(',') ? (
            <option value={state}>
              {state
                .split(',')
                .map((s) => (words.states as Record<string, string>)[s] ?? s)
                .join(', ')}
            </option>
          ) : null}
        </SelectField>
      </div>
      <div className="recordings-filters__row">
        <TextField
          label={t.number}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder={t.numberPlaceholder}
          maxLength={256}
          inputMode="tel"
          error={errors.number}
        />
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
          maxLength={256}
          error={errors.queue}
        />
        <div className="toolbar__actions recordings-filters__actions">
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
      {Object.keys(errors).length > 0 ? (
        <p className="visually-hidden" role="alert">
          {t.notApplied}
        </p>
      ) : null}
    </form>
  );
}
