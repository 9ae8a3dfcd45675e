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
import { decimalOf } from '@/kit/forms';
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

/**
 * The filters of the calls list. What is typed stays local until Apply (or Enter), so the list
 * does not reload on every keystroke; applying puts every filter in the address. A value that
 * cannot be applied says why on its field, as the server's refusals do.
 */
export function CallFilters({ search, onApply, timeZone, serverErrors = {} }: Props) {
  const t = useMessages(callListMessages).filters;
  const checkRange = useCheckRange();
  const [q, setQ] = useState(search.q ?? '');
  const [number, setNumber] = useState(search.number ?? '');
  const [range, setRange] = useRangeInput(search, timeZone);
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
    const period = checkRange(range, timeZone);
    const found: FilterErrors = { ...period.errors };
    const minutes = decimalOf(minMinutes);
    if (minutes !== undefined && !Number.isFinite(minutes)) found.minDuration = t.minutesNotANumber;
    else if (minutes !== undefined && (minutes < 0 || minutes > 10_080)) found.minDuration = t.minutesRange;
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    onApply(
      callsSearch({
        q,
        number,
        range: period.range,
        from: period.from,
        to: period.to,
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

  return (
    <form className="toolbar calls-filters" onSubmit={apply} aria-label={t.label} role="search" noValidate>
      <div className="calls-filters__row">
        <FilterSearchField
          id="calls-q"
          className="calls-filters__search"
          label={t.names}
          hint={t.namesHint}
          placeholder={t.namesPlaceholder}
          value={q}
          onChange={setQ}
          error={errors.q}
          maxLength={256}
        />
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
        <FilterActions filtered={isFiltered(search)} onClear={clear} />
      </div>
      <div className="calls-filters__row">
        <SelectField
          label={t.source}
          value={source}
          onChange={(e) => setSource(e.target.value)}
          error={errors.source}
        >
          <option value="">{t.allSources}</option>
          <FilterChoices labels={sourceLabels} value={source} />
        </SelectField>
        <SelectField
          label={t.direction}
          value={direction}
          onChange={(e) => setDirection(e.target.value)}
          error={errors.direction}
        >
          <option value="">{t.anyDirection}</option>
          <FilterChoices labels={directionLabels} value={direction} />
        </SelectField>
        <SelectField
          label={t.outcome}
          value={disposition}
          onChange={(e) => setDisposition(e.target.value)}
          error={errors.disposition}
        >
          <option value="">{t.anyOutcome}</option>
          <FilterChoices labels={dispositionLabels} value={disposition} />
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
      <FiltersNotApplied errors={errors} />
    </form>
  );
}
