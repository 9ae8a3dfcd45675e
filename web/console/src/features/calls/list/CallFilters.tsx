import { Search } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { Button } from '@/kit/Button';
import { SelectField, TextField } from '@/kit/Field';
import { directionLabels, dispositionLabels, sourceLabels } from '../calls.format';
import { callsSearch, fromLocalInput, isFiltered, toLocalInput, type CallsSearch } from '../calls.search';

interface Props {
  readonly search: CallsSearch;
  readonly onApply: (search: CallsSearch) => void;
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
 * does not reload on every keystroke; applying puts every filter in the address.
 */
export function CallFilters({ search, onApply }: Props) {
  const [q, setQ] = useState(search.q ?? '');
  const [number, setNumber] = useState(search.number ?? '');
  const [from, setFrom] = useState(toLocalInput(search.from));
  const [to, setTo] = useState(toLocalInput(search.to));
  const [source, setSource] = useState(search.source ?? '');
  const [direction, setDirection] = useState(search.direction ?? '');
  const [disposition, setDisposition] = useState(search.disposition ?? '');
  const [agent, setAgent] = useState(search.agent ?? '');
  const [queue, setQueue] = useState(search.queue ?? '');
  const [minMinutes, setMinMinutes] = useState(
    search.minDuration === undefined ? '' : String(search.minDuration / 60),
  );
  const [error, setError] = useState<{ range?: string; duration?: string }>({});

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    const fromIso = fromLocalInput(from);
    const toIso = fromLocalInput(to);
    const minutes = minMinutes.trim() === '' ? undefined : Number(minMinutes.replace(',', '.'));
    const problems: { range?: string; duration?: string } = {};
    if (fromIso && toIso && fromIso >= toIso) problems.range = '“From” must be before “to”.';
    if (minutes !== undefined && (!Number.isFinite(minutes) || minutes < 0 || minutes > 10_080))
      problems.duration = 'Give minutes between 0 and 10,080.';
    setError(problems);
    if (problems.range ?? problems.duration) return;
    onApply(
      callsSearch({
        q,
        number,
        from: fromIso,
        to: toIso,
        source,
        direction,
        disposition,
        agent,
        queue,
        minDuration: minutes === undefined ? undefined : String(Math.round(minutes * 60)),
      }),
    );
  };

  const clear = () => {
    for (const set of [
      setQ,
      setNumber,
      setFrom,
      setTo,
      setSource,
      setDirection,
      setDisposition,
      setAgent,
      setQueue,
      setMinMinutes,
    ])
      set('');
    setError({});
    onApply({});
  };

  return (
    <form className="toolbar calls-filters" onSubmit={apply} aria-label="Filter calls" role="search">
      <div className="calls-filters__row">
        <div className="field calls-filters__search">
          <label className="label" htmlFor="calls-q">
            Names
          </label>
          <Search aria-hidden="true" className="search-field__icon" />
          <input
            id="calls-q"
            className="input"
            type="search"
            placeholder="Whole words: zoe muller"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby="calls-q-hint"
            maxLength={256}
          />
          <span id="calls-q-hint" className="visually-hidden">
            Finds callers, callees and agents whose names contain all these whole words.
          </span>
        </div>
        <TextField
          label="Number"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder="+4930123456 or 1001"
          maxLength={256}
          inputMode="tel"
        />
        <TextField
          label="From"
          type="datetime-local"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={error.range}
        />
        <TextField label="To" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        <div className="toolbar__actions">
          {isFiltered(search) ? (
            <Button variant="ghost" onClick={clear}>
              Clear filters
            </Button>
          ) : null}
          <Button type="submit" variant="primary">
            Apply
          </Button>
        </div>
      </div>
      <div className="calls-filters__row">
        <SelectField label="Source" value={source} onChange={(e) => setSource(e.target.value)}>
          <option value="">All sources</option>
          <Choices labels={sourceLabels} />
          <Combined value={source} labels={sourceLabels} />
        </SelectField>
        <SelectField label="Direction" value={direction} onChange={(e) => setDirection(e.target.value)}>
          <option value="">Any direction</option>
          <Choices labels={directionLabels} />
          <Combined value={direction} labels={directionLabels} />
        </SelectField>
        <SelectField label="Outcome" value={disposition} onChange={(e) => setDisposition(e.target.value)}>
          <option value="">Any outcome</option>
          <Choices labels={dispositionLabels} />
          <Combined value={disposition} labels={dispositionLabels} />
        </SelectField>
        <TextField
          label="Agent"
          value={agent}
          onChange={(e) => setAgent(e.target.value)}
          placeholder="Agent id"
          maxLength={256}
        />
        <TextField
          label="Queue"
          value={queue}
          onChange={(e) => setQueue(e.target.value)}
          placeholder="Queue id"
          maxLength={256}
        />
        <TextField
          label="Longer than (min)"
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={minMinutes}
          onChange={(e) => setMinMinutes(e.target.value)}
          error={error.duration}
        />
      </div>
    </form>
  );
}
