import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import {
  DateRangeField,
  FilterActions,
  FilterChoices,
  FilterSearchField,
  FiltersNotApplied,
  useCheckRange,
  useRangeInput,
} from '@/kit/data-table';
import { SelectField, TextField } from '@/kit/Field';
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
  const checkRange = useCheckRange();
  const [q, setQ] = useState(search.q ?? '');
  const [number, setNumber] = useState(search.number ?? '');
  const [agent, setAgent] = useState(search.agent ?? '');
  const [queue, setQueue] = useState(search.queue ?? '');
  const [state, setState] = useState(search.state ?? '');
  const [range, setRange] = useRangeInput(search, timeZone);
  const [problems, setProblems] = useState<FilterErrors>({});
  const errors: FilterErrors = { ...serverErrors, ...problems };

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    const period = checkRange(range, timeZone);
    const found: FilterErrors = { ...period.errors };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    onApply(
      recordingsSearch({
        q,
        number,
        agent,
        queue,
        state,
        range: period.range,
        from: period.from,
        to: period.to,
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
    <form className="toolbar list-filters" onSubmit={apply} aria-label={t.label} role="search" noValidate>
      <div className="list-filters__row">
        {canSearchText ? (
          <FilterSearchField
            id="recordings-q"
            className="list-filters__search"
            label={t.text}
            hint={t.textHint}
            placeholder={t.textPlaceholder}
            value={q}
            onChange={setQ}
            error={errors.q}
          />
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
          <FilterChoices labels={words.states} value={state} />
        </SelectField>
      </div>
      <div className="list-filters__row">
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
        <FilterActions filtered={isFiltered(search)} onClear={clear} className="list-filters__actions" />
      </div>
      <FiltersNotApplied errors={errors} />
    </form>
  );
}
