import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { ChartColumn, MonitorPlay, RefreshCw } from 'lucide-react';
import { useMemo, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { OptionsField, SelectField, TextField } from '@/kit/Field';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { directionLabel, sourceLabel } from '../calls.format';
import { fromLocalInput, toLocalInput } from '../calls.search';
import { RateChart, VolumeChart } from './Charts';
import { toChartData } from './chart-series';
import { dashboardMessages } from './dashboard.messages';
import {
  rangeOf,
  rangePresets,
  statsGroups,
  statsIntervals,
  tooManyIntervals,
  type DashboardSearch,
  type RangePreset,
  type StatsGroup,
  type StatsInterval,
} from './dashboard.search';
import { KpiTiles } from './KpiTiles';
import { QueueTargetsPanel } from './QueueTargetsPanel';
import { AgentTable, QueueTable } from './SupervisorTables';
import { callsOf } from './supervisor';
import '../calls.css';

const route = getRouteApi('/console/calls/dashboard');

const intervalMs: Readonly<Record<StatsInterval, number>> = {
  '15m': 15 * 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

function CustomRange({
  search,
  onApply,
}: {
  search: DashboardSearch;
  onApply: (range: { from: string; to: string }) => void;
}) {
  const m = useMessages(dashboardMessages);
  const [from, setFrom] = useState(toLocalInput(search.from));
  const [to, setTo] = useState(toLocalInput(search.to));
  const [error, setError] = useState<string>();
  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    const fromIso = fromLocalInput(from);
    const toIso = fromLocalInput(to);
    if (!fromIso || !toIso) return setError(m.needBoth);
    if (fromIso >= toIso) return setError(m.fromBeforeTo);
    setError(undefined);
    onApply({ from: fromIso, to: toIso });
  };
  return (
    <form className="toolbar dashboard-controls" onSubmit={apply} aria-label={m.customRange}>
      <TextField
        label={m.from}
        type="datetime-local"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={error}
        required
      />
      <TextField
        label={m.to}
        type="datetime-local"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        required
      />
      <div className="toolbar__actions">
        <Button type="submit" variant="primary">
          {m.applyRange}
        </Button>
      </div>
    </form>
  );
}

type StatsParams = { interval: StatsInterval | 'range'; groupBy?: StatsGroup; compare?: 'previous' };

function useStats(range: { from: string; to: string }, params: StatsParams, enabled = true) {
  return useQuery({
    queryKey: ['calls', 'stats', range, params],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/calls/stats', { params: { query: { ...range, ...params } }, signal })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function DashboardPage() {
  const m = useMessages(dashboardMessages);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const goTo = useNavigate();
  // A preset window ends "now": when the page opened, or when the reader asks for fresh figures.
  const [now, setNow] = useState(() => Date.now());
  const range = useMemo(() => rangeOf(search, now), [search, now]);
  const tooMany = tooManyIntervals(range, search.interval);

  const stats = useStats(
    range,
    {
      interval: search.interval,
      ...(search.groupBy ? { groupBy: search.groupBy } : {}),
      compare: 'previous',
    },
    !tooMany,
  );
  // The leaderboards need totals only: one interval for the whole range, the cheapest question.
  const byQueue = useStats(range, { interval: 'range', groupBy: 'queue' });
  const byAgent = useStats(range, { interval: 'range', groupBy: 'agent' });

  const groupLabel = (group: { value: string | null; name: string | null }) => {
    if (group.value === null)
      return search.groupBy === 'queue' ? m.noQueue : search.groupBy === 'agent' ? m.noAgent : m.none;
    if (search.groupBy === 'direction') return directionLabel(group.value);
    if (search.groupBy === 'source') return sourceLabel(group.value);
    return group.name && group.name !== group.value ? group.name : group.value;
  };
  const data =
    stats.data && stats.data.interval !== 'range'
      ? toChartData({ ...stats.data, interval: stats.data.interval }, range, { groupLabel })
      : undefined;

  const set = (next: Partial<DashboardSearch>) =>
    void navigate({ search: (current) => ({ ...current, ...next }) });
  const chooseRange = (value: RangePreset) => {
    if (value === 'custom') set({ range: 'custom', from: range.from, to: range.to });
    else set({ range: value, from: undefined, to: undefined });
  };
  const openInterval = (point: { time: number }, index: number) => {
    const next = data?.points[index + 1]?.time;
    const end = Math.min(next ?? point.time + intervalMs[search.interval], Date.parse(range.to));
    void goTo({
      to: '/calls',
      search: callsOf({
        from: new Date(Math.max(point.time, Date.parse(range.from))).toISOString(),
        to: new Date(end).toISOString(),
      }),
    });
  };

  return (
    <div className="stack calls-stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={m.title}
        description={stats.data ? m.description(stats.data.timeZone) : m.descriptionLoading}
        actions={
          <>
            <Link className="btn btn--secondary" to="/calls/wallboard">
              <MonitorPlay aria-hidden="true" /> {m.wallboard.nav}
            </Link>
            <Button
              icon={<RefreshCw aria-hidden="true" />}
              busy={stats.isFetching}
              onClick={() => setNow(Date.now())}
            >
              {m.refresh}
            </Button>
          </>
        }
      />
      <Panel flush>
        <div className="toolbar dashboard-controls" role="group" aria-label={m.controls}>
          <OptionsField
            label={m.range}
            value={search.range}
            options={rangePresets}
            labels={m.ranges}
            onPick={chooseRange}
          />
          <OptionsField
            label={m.interval}
            value={search.interval}
            options={statsIntervals}
            labels={m.intervals}
            onPick={(value) => set({ interval: value })}
          />
          <SelectField
            label={m.groupBy}
            value={search.groupBy ?? ''}
            onChange={(e) => set({ groupBy: (e.target.value || undefined) as StatsGroup | undefined })}
          >
            <option value="">{m.groupNothing}</option>
            {statsGroups.map((value) => (
              <option key={value} value={value}>
                {m.groups[value]}
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
        <Alert tone="warning" title={m.tooManyTitle}>
          {m.tooMany}
        </Alert>
      ) : stats.isPending ? (
        <Panel>
          <LoadingBlock label={m.loading} lines={5} />
        </Panel>
      ) : stats.isError ? (
        <Panel>
          <ErrorState error={stats.error} onRetry={() => void stats.refetch()} title={m.loadFailed} />
        </Panel>
      ) : data && data.totals.calls === 0 ? (
        <Panel>
          <EmptyState
            icon={<ChartColumn />}
            title={m.emptyTitle}
            action={<Link to="/calls">{m.openCalls}</Link>}
          >
            {m.empty}
          </EmptyState>
        </Panel>
      ) : data ? (
        <>
          {stats.data.totals.length === 1 && stats.data.totals[0] ? (
            <KpiTiles
              now={stats.data.totals[0]}
              before={stats.data.previous?.totals[0]}
              defaultTarget={stats.data.defaultTarget}
              label={m.tiles}
            />
          ) : (
            <OverallTiles range={range} />
          )}
          <p className="muted dashboard-hint">{m.barHint}</p>
          <div className="charts" aria-busy={stats.isFetching || undefined}>
            <VolumeChart points={data.points} series={data.series} onBarClick={openInterval} />
            <RateChart points={data.points} figure="answerRate" />
            <RateChart points={data.points} figure="handleSeconds" />
            <RateChart points={data.points} figure="abandonRate" />
          </div>
        </>
      ) : null}

      {byQueue.data ? <QueueTable totals={byQueue.data.totals} range={range} /> : null}
      {byAgent.data ? <AgentTable totals={byAgent.data.totals} range={range} /> : null}
      <QueueTargetsPanel />
    </div>
  );
}

/** When the charts are grouped, the tiles still show the whole range: one ungrouped ask for them. */
function OverallTiles({ range }: { range: { from: string; to: string } }) {
  const m = useMessages(dashboardMessages);
  const overall = useStats(range, { interval: 'day', compare: 'previous' });
  const total = overall.data?.totals[0];
  return total && overall.data ? (
    <KpiTiles
      now={total}
      before={overall.data.previous?.totals[0]}
      defaultTarget={overall.data.defaultTarget}
      label={m.tiles}
    />
  ) : null;
}
