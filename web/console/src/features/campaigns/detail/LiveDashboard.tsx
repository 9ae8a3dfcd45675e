import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useMessages } from '@/i18n';
import { axisTick, ChartFrame, gridStroke } from '@/kit/ChartFrame';
import { followEventStream } from '@/kit/event-stream';
import { formatDateTimeSeconds, formatDuration, formatNumber, formatRatio } from '@/kit/format';
import { Panel } from '@/kit/Page';
import { attemptOutcomes, campaignsApi, type Campaign, type CampaignStats } from '../campaigns.api';
import { campaignsMessages } from '../campaigns.messages';
import { byReasonOrder, useReasonText } from '../reasons';
import { detailMessages } from './detail.messages';

/** How often the figures are fetched when the live stream is not available. */
export const pollMs = 3_000;

type Mode = 'connecting' | 'streaming' | 'polling';

function isStats(value: unknown): value is CampaignStats {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { at?: unknown }).at === 'string' &&
    typeof (value as { dialled?: unknown }).dialled === 'number'
  );
}

const newer = (a: CampaignStats | undefined, b: CampaignStats | undefined) =>
  !a ? b : !b ? a : Date.parse(b.at) > Date.parse(a.at) ? b : a;

/**
 * The campaign's figures as they change. The console signs in with a bearer token (not a cookie),
 * which EventSource cannot send, so the stream is read with fetch and the token (kit
 * followEventStream). When the stream is refused or not yet open, /stats is polled every 3 s, and
 * the page says so.
 */
export function useCampaignStats(campaignId: string): { stats: CampaignStats | undefined; mode: Mode } {
  const [streamed, setStreamed] = useState<CampaignStats>();
  const [mode, setMode] = useState<Mode>('connecting');
  useEffect(() => {
    // A new campaign mounts a new dashboard (keyed by id), so the mode starts at 'connecting'.
    const controller = new AbortController();
    void followEventStream(
      campaignsApi.livePath(campaignId),
      (event) => {
        if (event.event !== 'stats') return;
        try {
          const value: unknown = JSON.parse(event.data);
          if (isStats(value)) setStreamed(value);
        } catch {
          // A malformed event is skipped; the next one replaces it.
        }
      },
      {
        signal: controller.signal,
        onOpen: () => setMode('streaming'),
        onRefused: () => setMode('polling'),
      },
    );
    return () => controller.abort();
  }, [campaignId]);
  const polled = useQuery({
    queryKey: ['campaigns', 'stats', campaignId],
    queryFn: ({ signal }) => campaignsApi.stats(campaignId, signal),
    enabled: mode !== 'streaming',
    refetchInterval: mode === 'streaming' ? false : pollMs,
    staleTime: 0,
  });
  return { stats: newer(polled.data, streamed), mode };
}

function Tile({
  label,
  value,
  note,
  tone,
}: {
  label: string;
  value: string;
  note?: string | undefined;
  tone?: 'warning' | 'danger' | undefined;
}) {
  return (
    <div className={tone ? `campaign-tile campaign-tile--${tone}` : 'campaign-tile'} data-tone={tone}>
      <dt>{label}</dt>
      <dd>
        <span>{value}</span>
        {note ? <span className="campaign-tile__note">{note}</span> : null}
      </dd>
    </div>
  );
}

/** Near: from the campaign's slow-down share of the limit (default 2.5 of 3 %); over: at or past the limit. */
function abandonmentTone(ratePercent: number, limitPercent: number, slowDownAtPercent: number) {
  if (limitPercent > 0 && ratePercent >= limitPercent) return 'danger' as const;
  const near = Math.min(slowDownAtPercent, limitPercent * 0.8);
  if (ratePercent >= near && ratePercent > 0) return 'warning' as const;
  return undefined;
}

export function LiveDashboard({ campaign }: { campaign: Campaign }) {
  const m = useMessages(detailMessages).live;
  const c = useMessages(campaignsMessages);
  const reasonText = useReasonText();
  const { stats, mode } = useCampaignStats(campaign.id);
  const status = mode === 'streaming' ? m.streaming : mode === 'polling' ? m.polling : m.connecting;
  const slowDown = campaign.settings.abandonment.slowDownAtPercent;
  // The server's rates and limits are both percentages (2.13, 3).
  const abandonmentTile = (
    label: string,
    ratePercent: number,
    abandoned: number,
    answered: number,
    limit: number,
  ) => {
    const tone = abandonmentTone(ratePercent, limit, slowDown);
    return (
      <Tile
        label={label}
        value={formatRatio(ratePercent / 100)}
        tone={tone}
        note={[
          m.ofAnswered(formatNumber(abandoned), formatNumber(answered), formatRatio(limit / 100)),
          tone === 'danger' ? m.overLimit : tone === 'warning' ? m.nearLimit : null,
        ]
          .filter(Boolean)
          .join(' ')}
      />
    );
  };
  const skips = stats
    ? byReasonOrder(stats.skipsByReason).map(([reason, count]) => ({
        reason: reasonText(reason).label,
        count,
      }))
    : [];
  const outcomes = stats
    ? attemptOutcomes
        .map((o) => ({ outcome: o, label: c.outcomes[o], count: stats.outcomes[o] ?? 0 }))
        .filter((o) => o.count > 0)
    : [];
  return (
    <Panel
      title={m.title}
      labelledBy="live-title"
      description={
        <span role="status" data-live-mode={mode}>
          {status}
          {stats ? ` ${m.asOf(formatDateTimeSeconds(stats.at))}` : ''}
        </span>
      }
    >
      {stats ? (
        <div className="stack">
          <dl className="campaign-tiles" aria-label={m.tiles}>
            <Tile label={m.dialled} value={formatNumber(stats.dialled)} />
            <Tile label={m.connected} value={formatNumber(stats.connected)} />
            <Tile label={m.machine} value={formatNumber(stats.answeredByMachine)} />
            <Tile label={m.talkTime} value={formatDuration(stats.talkSeconds)} />
            <Tile label={m.conversions} value={formatNumber(stats.conversions)} />
            <Tile label={m.optOuts} value={formatNumber(stats.optOuts)} />
            {abandonmentTile(
              m.abandonment30d,
              stats.abandonment.rate30d,
              stats.abandonment.abandoned30d,
              stats.abandonment.answered30d,
              stats.abandonment.limitPercent,
            )}
            {abandonmentTile(
              m.abandonment24h,
              stats.abandonment.rate24h,
              stats.abandonment.abandoned24h,
              stats.abandonment.answered24h,
              stats.abandonment.limitPercent,
            )}
            <Tile
              label={m.pacing}
              value={formatRatio(stats.pacing.factor)}
              note={m.pacingNote(
                formatNumber(stats.pacing.effectiveCallsPerMinute),
                formatNumber(stats.pacing.callsPerMinute),
              )}
            />
          </dl>
          {skips.length > 0 ? (
            <ChartFrame
              id={`skips-${campaign.id}`}
              title={m.skipsTitle}
              description={m.skipsDescription}
              wide
            >
              <BarChart data={skips} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid stroke={gridStroke} horizontal={false} />
                <XAxis
                  type="number"
                  allowDecimals={false}
                  tick={axisTick}
                  tickFormatter={(value: number) => formatNumber(value)}
                />
                <YAxis type="category" dataKey="reason" tick={axisTick} width={220} />
                <Tooltip
                  formatter={(value) => (typeof value === 'number' ? formatNumber(value) : String(value))}
                />
                <Bar dataKey="count" name={m.count} fill="#6366f1" />
              </BarChart>
            </ChartFrame>
          ) : (
            <p className="subtle">{m.skipsNone}</p>
          )}
          <section aria-labelledby="outcomes-title" className="stack stack--sm">
            <h3 id="outcomes-title">{m.outcomesTitle}</h3>
            {outcomes.length === 0 ? (
              <p className="subtle">{m.outcomesNone}</p>
            ) : (
              <dl className="campaign-tiles">
                {outcomes.map((o) => (
                  <Tile key={o.outcome} label={o.label} value={formatNumber(o.count)} />
                ))}
              </dl>
            )}
          </section>
        </div>
      ) : (
        <p className="subtle">{m.connecting}</p>
      )}
    </Panel>
  );
}
