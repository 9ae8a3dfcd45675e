import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { useEventStream } from '@/kit/event-stream';
import { formatDateTimeSeconds, formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { dashboardMessages } from './dashboard.messages';
import { dashboardSearch } from './dashboard.search';
import { KpiTiles } from './KpiTiles';
import { QueueTable } from './SupervisorTables';
import { startOfToday } from './supervisor';
import '../calls.css';

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Today's figures in the organisation's time zone, for a screen on the wall: refetched whenever
 * the live feed says calls changed (GET /calls/live, at most once a second). Call records arrive
 * when calls end (for most sources), so this shows finished calls; calls in progress only where a
 * source reports them.
 */
export function WallboardPage() {
  const m = useMessages(dashboardMessages);
  const queryClient = useQueryClient();
  const tenant = useQuery({
    queryKey: ['tenant'],
    queryFn: () => unwrap(api.GET('/api/v1/tenant')),
    retry: false,
  });
  const zone = tenant.data?.timeZone ?? (tenant.isError ? browserZone : undefined);
  const [now, setNow] = useState(() => Date.now());
  const [live, setLive] = useState(false);
  // The end is a whole minute at least a minute ahead: wallboards that reload on the same "calls
  // changed" ask the same question, which the server answers once for all of them.
  const range = useMemo(
    () =>
      zone
        ? {
            from: startOfToday(zone, now).toISOString(),
            to: new Date(Math.ceil((now + 60_000) / 60_000) * 60_000).toISOString(),
          }
        : undefined,
    [zone, now],
  );

  useEventStream(
    '/api/v1/calls/live',
    {
      onOpen: () => {
        setLive(true);
        setNow(Date.now());
      },
      onEvent: (event) => {
        if (event.event === 'calls') setNow(Date.now());
      },
    },
    zone !== undefined,
  );

  const ask = (groupBy?: 'queue') =>
    range &&
    unwrap(
      api.GET('/api/v1/calls/stats', {
        params: { query: { ...range, interval: 'hour', ...(groupBy ? { groupBy } : {}) } },
      }),
    );
  const overall = useQuery({
    queryKey: ['calls', 'wallboard', range],
    queryFn: () => ask(),
    enabled: range !== undefined,
    placeholderData: (previous) => previous,
  });
  const queues = useQuery({
    queryKey: ['calls', 'wallboard', range, 'queue'],
    queryFn: () => ask('queue'),
    enabled: range !== undefined,
    placeholderData: (previous) => previous,
  });
  const total = overall.data?.totals[0];

  return (
    <div className="stack calls-stack wallboard">
      <PageHeader
        eyebrow={m.eyebrow}
        title={m.wallboard.title}
        description={zone ? m.wallboard.description(zone) : undefined}
        actions={
          <>
            <Badge tone={live ? 'success' : 'neutral'} dot>
              {live ? m.wallboard.live : m.wallboard.connecting}
            </Badge>
            <Link className="btn btn--secondary" to="/calls/dashboard" search={dashboardSearch({})}>
              {m.wallboard.openFull}
            </Link>
          </>
        }
      />
      {tenant.isError ? <Alert tone="info">{m.wallboard.zoneFallback(browserZone)}</Alert> : null}
      {overall.isError ? (
        <Panel>
          <ErrorState
            error={overall.error}
            onRetry={() => void queryClient.invalidateQueries({ queryKey: ['calls', 'wallboard'] })}
            title={m.loadFailed}
          />
        </Panel>
      ) : !total || !overall.data ? (
        <Panel>
          <LoadingBlock label={m.loading} lines={4} />
        </Panel>
      ) : (
        <>
          <KpiTiles now={total} defaultTarget={overall.data.defaultTarget} label={m.tiles} />
          <p className="muted" aria-live="polite">
            {m.wallboard.updated(formatDateTimeSeconds(now))}
            {total.inProgress > 0 ? ` · ${m.wallboard.inProgress}: ${formatNumber(total.inProgress)}` : null}
          </p>
          {total.inProgress === 0 ? <Alert tone="info">{m.wallboard.waitingUnknown}</Alert> : null}
        </>
      )}
      {queues.data && range ? <QueueTable totals={queues.data.totals} range={range} /> : null}
    </div>
  );
}
