import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ChartColumn, RefreshCw } from 'lucide-react';
import { useMemo, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { SelectField, TextField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { directionLabel, formatDuration, formatRatio, sourceLabel } from '../calls.format';
import { fromLocalInput, toLocalInput } from '../calls.search';
import { RateChart, VolumeChart } from './Charts';
import { toChartData } from './chart-series';
import {
  rangeOf,
  tooManyIntervals,
  type DashboardSearch,
  type RangePreset,
  type StatsGroup,
  type StatsInterval,
} from './dashboard.search';
import '../calls.css';

const route = getRouteApi('/console/calls/dashboard');

const rangeLabels: Readonly<Record<RangePreset, string>> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom range',
};
const intervalLabels: Readonly<Record<StatsInterval, string>> = {
  '15m': '15 minutes',
  hour: 'Hour',
  day: 'Day',
};
const groupLabels: Readonly<Record<StatsGroup, string>> = {
  source: 'Source',
  queue: 'Queue',
  agent: 'Agent',
  direction: 'Direction',
};

function CustomRange({
  search,
  onApply,
}: {
  search: DashboardSearch;
  onApply: (range: { from: string; to: string }) => void;
}) {
  const [from, setFrom] = useState(toLocalInput(search.from));
  const [to, setTo] = useState(toLocalInput(search.to));
  const [error, setError] = useState<string>();
  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    const fromIso = fromLocalInput(from);
    const toIso = fromLocalInput(to);
    if (!fromIso || !toIso) return setError('Give both a start and an end.');
    if (fromIso >= toIso) return setError('“From” must be before “to”.');
    setError(undefined);
    onApply({ from: fromIso, to: toIso });
  };
  return (
    <form className="toolbar dashboard-controls" onSubmit={apply} aria-label="Custom range">
      <TextField
        label="From"
        type="datetime-local"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={error}
        required
      />
      <TextField
        label="To"
        type="datetime-local"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        required
      />
      <div className="toolbar__actions">
        <Button type="submit" variant="primary">
          Apply range
        </Button>
      </div>
    </form>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <div className="kpi">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function DashboardPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  // A preset window ends "now": when the page opened, or when the reader asks for fresh figures.
  const [now, setNow] = useState(() => Date.now());
  const range = useMemo(() => rangeOf(search, now), [search, now]);
  const tooMany = tooManyIntervals(range, search.interval);

  const stats = useQuery({
    queryKey: ['calls', 'stats', range, search.interval, search.groupBy ?? null],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/calls/stats', {
          params: {
            query: {
              ...range,
              interval: search.interval,
              ...(search.groupBy ? { groupBy: search.groupBy } : {}),
            },
          },
          signal,
        }),
      ),
    enabled: !tooMany,
    placeholderData: keepPreviousData,
  });
  const groupLabel = (group: { value: string | null; name: string | null }) => {
    if (group.value === null)
      return search.groupBy === 'queue' ? 'No queue' : search.groupBy === 'agent' ? 'No agent' : 'None';
    if (search.groupBy === 'direction') return directionLabel(group.value);
    if (search.groupBy === 'source') return sourceLabel(group.value);
    return group.name && group.name !== group.value ? group.name : group.value;
  };
  const data = stats.data ? toChartData(stats.data, range, { groupLabel }) : undefined;

  const set = (next: Partial<DashboardSearch>) =>
    void navigate({ search: (current) => ({ ...current, ...next }) });
  const chooseRange = (value: RangePreset) => {
    if (value === 'custom') set({ range: 'custom', from: range.from, to: range.to });
    else set({ range: value, from: undefined, to: undefined });
  };

  return (
    <div className="stack calls-stack">
      <PageHeader
        eyebrow="Calls"
        title="Dashboard"
        description={
          stats.data
            ? `Volumes and service levels. Intervals follow your organisation’s clock (${stats.data.timeZone}).`
            : 'Volumes and service levels, in intervals of your organisation’s clock.'
        }
        actions={
          <Button
            icon={<RefreshCw aria-hidden="true" />}
            busy={stats.isFetching}
            onClick={() => setNow(Date.now())}
          >
            Refresh
          </Button>
        }
      />
      <Panel flush>
        <div className="toolbar dashboard-controls" role="group" aria-label="What the dashboard shows">
          <SelectField
            label="Range"
            value={search.range}
            onChange={(e) => chooseRange(e.target.value as RangePreset)}
          >
            {Object.entries(rangeLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Interval"
            value={search.interval}
            onChange={(e) => set({ interval: e.target.value as StatsInterval })}
          >
            {Object.entries(intervalLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Group calls by"
            value={search.groupBy ?? ''}
            onChange={(e) => set({ groupBy: (e.target.value || undefined) as StatsGroup | undefined })}
          >
            <option value="">Nothing</option>
            {Object.entries(groupLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
        {search.range === 'custom' ? (
          <CustomRange
            key={`${search.from ?? ''}${search.to ?? ''}`}
            search={search}
            onApply={(custom) => set({ range: 'custom', ...custom })}
          />
        ) : null}
      </Panel>

      {tooMany ? (
        <Alert tone="warning" title="Too many intervals">
          A chart holds at most 10,000 intervals. Choose a longer interval or a shorter range.
        </Alert>
      ) : stats.isPending ? (
        <Panel>
          <LoadingBlock label="Loading the figures" lines={5} />
        </Panel>
      ) : stats.isError ? (
        <Panel>
          <ErrorState
            error={stats.error}
            onRetry={() => void stats.refetch()}
            title="The figures could not be loaded"
          />
        </Panel>
      ) : data && data.totals.calls === 0 ? (
        <Panel>
          <EmptyState
            icon={<ChartColumn />}
            title="No calls in this range"
            action={<Link to="/calls">Open the call list</Link>}
          >
            Choose a longer range, or check that your connectors are sending records.
          </EmptyState>
        </Panel>
      ) : data ? (
        <>
          <dl className="kpis" aria-label="Over the whole range">
            <Kpi label="Calls" value={formatNumber(data.totals.calls)} />
            <Kpi label="Answer rate" value={formatRatio(data.totals.answerRate)} />
            <Kpi label="Average handle time" value={formatDuration(data.totals.handleSeconds)} />
            <Kpi label="Abandon rate" value={formatRatio(data.totals.abandonRate)} />
          </dl>
          <div className="charts" aria-busy={stats.isFetching || undefined}>
            <VolumeChart points={data.points} series={data.series} />
            <RateChart points={data.points} figure="answerRate" />
            <RateChart points={data.points} figure="handleSeconds" />
            <RateChart points={data.points} figure="abandonRate" />
          </div>
        </>
      ) : null}
    </div>
  );
}
