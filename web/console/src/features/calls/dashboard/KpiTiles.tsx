import { formattingLocale, useMessages } from '@/i18n';
import { formatNumber } from '@/kit/format';
import { formatDuration, formatRatio } from '../calls.format';
import { dashboardMessages } from './dashboard.messages';
import { deltaOf, type Delta, type StatsTotal } from './supervisor';

const signed = (value: number, digits: number) =>
  new Intl.NumberFormat(formattingLocale(), { signDisplay: 'always', maximumFractionDigits: digits }).format(
    value,
  );

function Tile({
  label,
  value,
  note,
  delta,
}: {
  label: string;
  value: string;
  note?: string | undefined;
  delta?: { text: string; trend: Delta['trend'] } | string | undefined;
}) {
  const m = useMessages(dashboardMessages);
  return (
    <div className="kpi">
      <dt>{label}</dt>
      <dd>
        <span className="kpi__value">{value}</span>
        {note ? <span className="kpi__note">{note}</span> : null}
        {typeof delta === 'string' ? <span className="kpi__delta">{delta}</span> : null}
        {delta && typeof delta !== 'string' ? (
          <span className={`kpi__delta kpi__delta--${delta.trend}`}>
            {delta.text}
            {delta.trend === 'same' ? null : (
              <span className="visually-hidden"> ({delta.trend === 'better' ? m.better : m.worse})</span>
            )}
          </span>
        ) : null}
      </dd>
    </div>
  );
}

/**
 * The supervisor's four questions over the range: service level, speed of answer, abandons and
 * volume, each with its change against the period of the same length before (when asked for).
 */
export function KpiTiles({
  now,
  before,
  defaultTarget,
  label,
}: {
  now: StatsTotal;
  before?: StatsTotal | undefined;
  defaultTarget: { serviceLevelSeconds: number; serviceLevelGoal: number; shortAbandonSeconds: number };
  label: string;
}) {
  const m = useMessages(dashboardMessages);
  const compared = before !== undefined;
  const none = compared && before.calls === 0 ? m.previousNone : undefined;
  const points = (d: Delta | undefined) =>
    d && { text: m.deltaPoints(signed(d.change * 100, 1)), trend: d.trend };
  const secondsDelta = (d: Delta | undefined) =>
    d && { text: m.deltaSeconds(signed(d.change, 1)), trend: d.trend };
  const sl = deltaOf(now.serviceLevel, before?.serviceLevel, true);
  const asa = deltaOf(now.averageSpeedOfAnswerSeconds, before?.averageSpeedOfAnswerSeconds, false);
  const abandon = deltaOf(now.abandonRateExcludingShort, before?.abandonRateExcludingShort, false);
  const volume =
    before && before.calls > 0
      ? {
          text: m.deltaPercent(signed(((now.calls - before.calls) / before.calls) * 100, 1) + ' %'),
          trend: 'same' as const,
        }
      : undefined;
  return (
    <dl className="kpis" aria-label={label}>
      <Tile
        label={m.serviceLevel}
        value={formatRatio(now.serviceLevel)}
        note={m.serviceLevelGoal(
          formatRatio(defaultTarget.serviceLevelGoal),
          defaultTarget.serviceLevelSeconds,
        )}
        delta={none ?? points(sl)}
      />
      <Tile
        label={m.speedOfAnswer}
        value={formatDuration(now.averageSpeedOfAnswerSeconds)}
        delta={none ?? secondsDelta(asa)}
      />
      <Tile
        label={m.abandonRate}
        value={formatRatio(now.abandonRateExcludingShort)}
        note={m.abandonShort(defaultTarget.shortAbandonSeconds)}
        delta={none ?? points(abandon)}
      />
      <Tile
        label={m.calls}
        value={formatNumber(now.calls)}
        note={[
          m.answeredOf(formatNumber(now.answered)),
          now.inProgress > 0 ? m.inProgress(formatNumber(now.inProgress)) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
        delta={none ?? volume}
      />
    </dl>
  );
}
