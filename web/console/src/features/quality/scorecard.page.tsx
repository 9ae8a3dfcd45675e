import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { DataTable, useTenantTimeZoneState } from '@/kit/data-table';
import type { Column } from '@/kit/data-table';
import { formatDateTime, formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { CsvButton } from './CsvButton';
import { QaChart, SentimentChart } from './QualityCharts';
import {
  dash,
  formatGrades,
  formatScore,
  formatSentiment,
  formatShare,
  type AgentScorecard,
} from './quality.format';
import { qualityMessages } from './quality.messages';
import { dashboardQuery, queryString } from './quality.search';
import './quality.css';

const route = getRouteApi('/console/quality/agents/$agentKey');

type Rule = AgentScorecard['rules'][number];
type Call = AgentScorecard['worstCalls'][number];

/** One agent's QA over the range: the trend, each rule's pass rate, the lowest-scored calls. */
export function ScorecardPage() {
  const m = useMessages(qualityMessages);
  const { agentKey } = route.useParams();
  const search = route.useSearch();
  const zone = useTenantTimeZoneState();
  const [now] = useState(() => Date.now());
  const query = useMemo(() => dashboardQuery(search, zone.timeZone, now), [search, zone.timeZone, now]);
  const scorecard = useQuery({
    queryKey: ['conversations', 'scorecard', agentKey, query],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/conversations/agents/{agent}/scorecard', {
          params: { path: { agent: agentKey }, query },
          signal,
        }),
      ),
    enabled: zone.settled,
    placeholderData: keepPreviousData,
  });
  const data = scorecard.data;
  const name = data ? (data.agent.name ?? m.unnamed) : '…';
  const exportPath = (table: string) =>
    `/api/v1/conversations/agents/${encodeURIComponent(agentKey)}/scorecard/export?${queryString({ ...query, table })}`;

  const ruleColumns: Column<Rule>[] = [
    { id: 'rule', label: m.scorecard.rule, hideable: false, cell: (r) => r.name },
    { id: 'category', label: m.scorecard.category, cell: (r) => r.category },
    { id: 'evaluated', label: m.scorecard.evaluated, align: 'end', cell: (r) => formatNumber(r.evaluated) },
    { id: 'passRate', label: m.scorecard.passRate, align: 'end', cell: (r) => formatShare(r.passRate) },
  ];
  const callColumns: Column<Call>[] = [
    {
      id: 'started',
      label: m.outliers.started,
      hideable: false,
      cell: (c) => (
        <Link to="/recordings/$recordingId" params={{ recordingId: c.recordingId }}>
          {formatDateTime(c.startedAt)}
        </Link>
      ),
    },
    { id: 'qa', label: m.qaAverage, align: 'end', cell: (c) => formatScore(c.qaScore) },
    { id: 'grade', label: m.grade, cell: (c) => c.grade ?? dash },
    { id: 'sentiment', label: m.sentiment, align: 'end', cell: (c) => formatSentiment(c.sentimentScore) },
    { id: 'queue', label: m.queue, cell: (c) => c.queue ?? dash },
  ];

  return (
    <div className="stack quality-stack">
      <PageHeader
        eyebrow={m.scorecard.eyebrow}
        title={m.scorecard.title(name)}
        description={
          <Link to="/quality" search={search}>
            {m.scorecard.back}
          </Link>
        }
      />
      {scorecard.isPending ? (
        <Panel>
          <LoadingBlock label={m.loading} lines={5} />
        </Panel>
      ) : scorecard.isError ? (
        <Panel>
          <ErrorState error={scorecard.error} onRetry={() => void scorecard.refetch()} title={m.loadFailed} />
        </Panel>
      ) : data ? (
        <>
          <dl className="quality-kpis" aria-label={m.tiles}>
            {(
              [
                [m.calls, formatNumber(data.totals.calls)],
                [m.qaAverage, formatScore(data.totals.qaAverage)],
                [m.grade, formatGrades(data.totals.grades)],
                [m.negativeShare, formatShare(data.totals.negativeShare)],
              ] as const
            ).map(([label, value]) => (
              <div className="quality-kpi" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <div className="quality-charts">
            <QaChart intervals={data.intervals} />
            <SentimentChart intervals={data.intervals} />
          </div>
          <Panel
            title={m.scorecard.rulesTitle}
            description={m.scorecard.rulesDescription(data.rulesReadFrom)}
            labelledBy="scorecard-rules"
            actions={
              <CsvButton path={exportPath('rules')} table="scorecard-rules" title={m.scorecard.rulesTitle} />
            }
            flush
          >
            <DataTable
              caption={m.scorecard.rulesTitle}
              columns={ruleColumns}
              rows={data.rules}
              rowKey={(r) => r.ruleId}
              query={scorecard}
              loadingLabel={m.loading}
              errorTitle={m.loadFailed}
              empty={m.labels.empty}
            />
          </Panel>
          <Panel
            title={m.scorecard.worstTitle}
            labelledBy="scorecard-worst"
            actions={
              <CsvButton
                path={exportPath('worst_calls')}
                table="scorecard-worst-calls"
                title={m.scorecard.worstTitle}
              />
            }
            flush
          >
            <DataTable
              caption={m.scorecard.worstTitle}
              columns={callColumns}
              rows={data.worstCalls}
              rowKey={(c) => c.recordingId}
              query={scorecard}
              loadingLabel={m.loading}
              errorTitle={m.loadFailed}
              empty={m.outliers.empty}
            />
          </Panel>
        </>
      ) : null}
    </div>
  );
}
