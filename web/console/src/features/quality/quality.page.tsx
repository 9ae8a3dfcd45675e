import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { ChartColumn } from 'lucide-react';
import { useMemo, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { datePresets, DataTable, useTenantTimeZoneState } from '@/kit/data-table';
import type { Column } from '@/kit/data-table';
import { OptionsField, TextField } from '@/kit/Field';
import { formatDateTime, formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { CsvButton } from './CsvButton';
import { QaChart, SentimentChart } from './QualityCharts';
import {
  dash,
  formatGrades,
  formatScore,
  formatSentiment,
  formatSeconds,
  formatShare,
  type Figures,
  type QualityDashboard,
} from './quality.format';
import { qualityMessages } from './quality.messages';
import { dashboardQuery, qualityIntervals, queryString } from './quality.search';
import './quality.css';

const route = getRouteApi('/console/quality');

type Agent = QualityDashboard['agents'][number];
type Team = QualityDashboard['teams'][number];
type Label = QualityDashboard['categories'][number];
type Outlier = QualityDashboard['outliers']['silence']['calls'][number];
type Interval = QualityDashboard['intervals'][number];

/** The figure columns every grouping shows. */
function useFigureColumns<Row extends Figures>(): Column<Row>[] {
  const m = useMessages(qualityMessages);
  return [
    { id: 'calls', label: m.calls, cell: (r) => formatNumber(r.calls), align: 'end' },
    { id: 'qa', label: m.qaAverage, cell: (r) => formatScore(r.qaAverage), align: 'end' },
    { id: 'grades', label: m.grade, cell: (r) => formatGrades(r.grades) },
    { id: 'sentiment', label: m.sentiment, cell: (r) => formatSentiment(r.sentimentAverage), align: 'end' },
    { id: 'negative', label: m.negativeShare, cell: (r) => formatShare(r.negativeShare), align: 'end' },
  ];
}

function Kpis({ totals }: { totals: Figures }) {
  const m = useMessages(qualityMessages);
  const tiles: [string, string][] = [
    [m.calls, formatNumber(totals.calls)],
    [m.qaAverage, formatScore(totals.qaAverage)],
    [m.sentiment, formatSentiment(totals.sentimentAverage)],
    [m.negativeShare, formatShare(totals.negativeShare)],
  ];
  return (
    <dl className="quality-kpis" aria-label={m.tiles}>
      {tiles.map(([label, value]) => (
        <div className="quality-kpi" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Filters({
  queue,
  team,
  onApply,
}: {
  queue: string | undefined;
  team: string | undefined;
  onApply: (filters: { queue?: string; team?: string }) => void;
}) {
  const m = useMessages(qualityMessages);
  const [q, setQ] = useState(queue ?? '');
  const [t, setT] = useState(team ?? '');
  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    onApply({ queue: q.trim() || undefined, team: t.trim() || undefined });
  };
  return (
    <form className="toolbar quality-controls" onSubmit={apply} aria-label={m.controls}>
      <TextField label={m.queue} value={q} maxLength={256} onChange={(e) => setQ(e.target.value)} />
      <TextField label={m.team} value={t} maxLength={256} onChange={(e) => setT(e.target.value)} />
      <div className="toolbar__actions">
        <Button type="submit" variant="primary">
          {m.apply}
        </Button>
      </div>
    </form>
  );
}

export function QualityPage() {
  const m = useMessages(qualityMessages);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const goTo = useNavigate();
  const zone = useTenantTimeZoneState();
  const [now] = useState(() => Date.now());
  const query = useMemo(() => dashboardQuery(search, zone.timeZone, now), [search, zone.timeZone, now]);
  const dashboard = useQuery({
    queryKey: ['conversations', 'dashboard', query],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/conversations/dashboard', { params: { query }, signal })),
    enabled: zone.settled,
    placeholderData: keepPreviousData,
  });
  const set = (next: Partial<typeof search>) =>
    void navigate({ search: (current) => ({ ...current, ...next }) });
  const exportPath = (table: string) =>
    `/api/v1/conversations/dashboard/export?${queryString({ ...query, table })}`;
  /** The recordings list over the same range (and queue), narrowed further by `extra`. */
  const recordingsOf = (extra: { agent?: string } = {}) => ({
    from: query.from,
    to: query.to,
    ...(search.queue ? { queue: search.queue } : {}),
    ...extra,
  });

  const figureColumns = useFigureColumns<Agent>();
  const teamFigures = useFigureColumns<Team>();
  const intervalFigures = useFigureColumns<Interval>();
  const agentName = (agent: Pick<Agent, 'agentKey' | 'name'>) =>
    agent.agentKey === null ? m.noAgent : (agent.name ?? m.unnamed);
  const agentColumns: Column<Agent>[] = [
    {
      id: 'agent',
      label: m.agents.agent,
      hideable: false,
      cell: (a) =>
        a.agentKey === null ? (
          agentName(a)
        ) : (
          <Link to="/quality/agents/$agentKey" params={{ agentKey: a.agentKey }} search={search}>
            {agentName(a)}
          </Link>
        ),
    },
    ...figureColumns,
    {
      id: 'recordings',
      label: m.openRecordings,
      cell: (a) =>
        a.recordingsFilter === null ? (
          dash
        ) : (
          <Link to="/recordings" search={recordingsOf({ agent: a.recordingsFilter })}>
            {m.agents.openCalls(agentName(a))}
          </Link>
        ),
    },
  ];
  const teamColumns: Column<Team>[] = [
    { id: 'team', label: m.teams.team, hideable: false, cell: (t) => t.team ?? m.noTeam },
    ...teamFigures,
  ];
  const intervalColumns: Column<Interval>[] = [
    { id: 'start', label: m.weeks.start, hideable: false, cell: (i) => i.localStart },
    ...intervalFigures,
  ];
  const labelColumns: Column<Label>[] = [
    { id: 'label', label: m.labels.label, hideable: false, cell: (l) => l.label },
    { id: 'calls', label: m.calls, align: 'end', cell: (l) => formatNumber(l.calls) },
  ];
  const outlierColumns = (format: (value: number) => string): Column<Outlier>[] => [
    {
      id: 'started',
      label: m.outliers.started,
      hideable: false,
      cell: (o) => (
        <Link to="/recordings/$recordingId" params={{ recordingId: o.recordingId }}>
          {formatDateTime(o.startedAt)}
        </Link>
      ),
    },
    { id: 'agent', label: m.agents.agent, cell: (o) => agentName(o.agent) },
    { id: 'value', label: m.outliers.value, align: 'end', cell: (o) => format(o.value) },
    { id: 'qa', label: m.qaAverage, align: 'end', cell: (o) => formatScore(o.qaScore) },
    { id: 'grade', label: m.grade, cell: (o) => o.grade ?? dash },
  ];
  const openRecording = (o: Outlier) =>
    void goTo({ to: '/recordings/$recordingId', params: { recordingId: o.recordingId } });

  const data = dashboard.data;
  const table = <Row,>(
    id: string,
    title: string,
    description: string | undefined,
    columns: Column<Row>[],
    rows: readonly Row[],
    rowKey: (row: Row) => string,
    empty: string,
    onOpen?: (row: Row) => void,
  ) => (
    <Panel
      title={title}
      description={description}
      labelledBy={`quality-${id}`}
      actions={<CsvButton path={exportPath(id)} table={`quality-${id}`} title={title} />}
      flush
    >
      <DataTable
        caption={title}
        columns={columns}
        rows={rows}
        rowKey={rowKey}
        onOpen={onOpen}
        query={dashboard}
        loadingLabel={m.loading}
        errorTitle={m.loadFailed}
        empty={empty}
      />
    </Panel>
  );

  return (
    <div className="stack quality-stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={m.title}
        description={m.description(data?.range.timeZone ?? zone.timeZone)}
      />
      <Panel flush>
        <div className="toolbar quality-controls" role="group" aria-label={m.controls}>
          <OptionsField
            label={m.range}
            value={search.range}
            options={datePresets}
            labels={m.ranges}
            onPick={(value) => set({ range: value })}
          />
          <OptionsField
            label={m.interval}
            value={search.interval}
            options={qualityIntervals}
            labels={m.intervals}
            onPick={(value) => set({ interval: value })}
          />
        </div>
        <Filters
          key={`${search.queue ?? ''}\n${search.team ?? ''}`}
          queue={search.queue}
          team={search.team}
          onApply={(filters) => set({ queue: filters.queue, team: filters.team })}
        />
      </Panel>

      {dashboard.isPending ? (
        <Panel>
          <LoadingBlock label={m.loading} lines={5} />
        </Panel>
      ) : dashboard.isError ? (
        <Panel>
          <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} title={m.loadFailed} />
        </Panel>
      ) : data && data.totals.calls === 0 ? (
        <Panel>
          <EmptyState
            icon={<ChartColumn />}
            title={m.emptyTitle}
            action={
              <Link to="/recordings" search={recordingsOf()}>
                {m.openRecordings}
              </Link>
            }
          >
            {m.empty}
          </EmptyState>
        </Panel>
      ) : data ? (
        <>
          <Kpis totals={data.totals} />
          <div className="quality-charts" aria-busy={dashboard.isFetching || undefined}>
            <QaChart intervals={data.intervals} />
            <SentimentChart intervals={data.intervals} />
          </div>
          {table(
            'agents',
            m.agents.title,
            m.agents.description,
            agentColumns,
            data.agents,
            (a) => a.agentKey ?? '',
            m.labels.empty,
            (a) =>
              a.agentKey === null
                ? undefined
                : void goTo({ to: '/quality/agents/$agentKey', params: { agentKey: a.agentKey }, search }),
          )}
          {table(
            'teams',
            m.teams.title,
            m.teams.description,
            teamColumns,
            data.teams,
            (t) => t.team ?? '',
            m.labels.empty,
          )}
          {table(
            'intervals',
            m.weeks.title,
            undefined,
            intervalColumns,
            data.intervals,
            (i) => i.start,
            m.labels.empty,
          )}
          <div className="quality-labels">
            {(['categories', 'intents', 'topics'] as const).map((kind) => (
              <div key={kind}>
                {table(
                  kind,
                  m.labels[kind],
                  undefined,
                  labelColumns,
                  data[kind],
                  (l) => l.label,
                  m.labels.empty,
                )}
              </div>
            ))}
          </div>
          {table(
            'silence',
            m.outliers.silenceTitle,
            m.outliers.silenceDescription(
              data.outliers.silence.p95 === null ? dash : formatSeconds(data.outliers.silence.p95),
              formatSeconds(data.outliers.silence.threshold),
            ),
            outlierColumns(formatSeconds),
            data.outliers.silence.calls,
            (o) => o.recordingId,
            m.outliers.empty,
            openRecording,
          )}
          {table(
            'interruptions',
            m.outliers.interruptionsTitle,
            m.outliers.interruptionsDescription(
              data.outliers.interruptions.p95 === null ? dash : formatNumber(data.outliers.interruptions.p95),
              formatNumber(data.outliers.interruptions.threshold),
            ),
            outlierColumns(formatNumber),
            data.outliers.interruptions.calls,
            (o) => o.recordingId,
            m.outliers.empty,
            openRecording,
          )}
        </>
      ) : null}
    </div>
  );
}
