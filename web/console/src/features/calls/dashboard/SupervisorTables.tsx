import { Link } from '@tanstack/react-router';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { formatNumber } from '@/kit/format';
import { Panel } from '@/kit/Page';
import { formatDuration, formatRatio } from '../calls.format';
import { dashboardMessages } from './dashboard.messages';
import { belowGoal, callsOf, rowsOf, type StatsTotal } from './supervisor';

type Range = { from: string; to: string };

/** Per-queue leaderboard: inbound calls against each queue's own targets; a row opens its calls. */
export function QueueTable({ totals, range }: { totals: readonly StatsTotal[]; range: Range }) {
  const m = useMessages(dashboardMessages).queues;
  const all = useMessages(dashboardMessages);
  const rows = rowsOf(totals, (t) => t.inbound).filter((t) => t.inbound > 0);
  return (
    <Panel title={m.title} description={m.description} labelledBy="queues-title" flush>
      <div className="table-wrap">
        <table className="table supervisor-table">
          <thead>
            <tr>
              <th scope="col">{m.queue}</th>
              <th scope="col" className="num">
                {m.offered}
              </th>
              <th scope="col" className="num">
                {m.answered}
              </th>
              <th scope="col" className="num">
                {m.serviceLevel}
              </th>
              <th scope="col" className="num">
                {m.asa}
              </th>
              <th scope="col" className="num">
                {m.abandon}
              </th>
              <th scope="col" className="num">
                {m.aht}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7}>{m.empty}</td>
              </tr>
            ) : (
              rows.map((t) => {
                const value = t.group?.value ?? null;
                const name = value === null ? all.noQueue : (t.group?.name ?? value);
                return (
                  <tr key={value ?? ''}>
                    <th scope="row">
                      {value === null ? (
                        name
                      ) : (
                        <Link to="/calls" search={callsOf(range, { queue: value, direction: 'inbound' })}>
                          {name}
                        </Link>
                      )}
                    </th>
                    <td className="num">{formatNumber(t.inbound)}</td>
                    <td className="num">{formatNumber(t.answered)}</td>
                    <td className="num">
                      {formatRatio(t.serviceLevel)}
                      {t.target ? (
                        <span className="supervisor-table__goal">
                          {' '}
                          / {formatRatio(t.target.serviceLevelGoal)} · {t.target.serviceLevelSeconds} s
                        </span>
                      ) : null}
                      {belowGoal(t) ? (
                        <>
                          {' '}
                          <Badge tone="warning">{m.belowGoal}</Badge>
                        </>
                      ) : null}
                    </td>
                    <td className="num">{formatDuration(t.averageSpeedOfAnswerSeconds)}</td>
                    <td className="num">{formatRatio(t.abandonRateExcludingShort)}</td>
                    <td className="num">{formatDuration(t.averageHandleSeconds)}</td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

/** Per-agent leaderboard; a row opens the agent's calls. */
export function AgentTable({ totals, range }: { totals: readonly StatsTotal[]; range: Range }) {
  const m = useMessages(dashboardMessages).agents;
  const rows = rowsOf(totals, (t) => t.answered).filter((t) => t.group?.value !== null);
  return (
    <Panel title={m.title} description={m.description} labelledBy="agents-title" flush>
      <div className="table-wrap">
        <table className="table supervisor-table">
          <thead>
            <tr>
              <th scope="col">{m.agent}</th>
              <th scope="col" className="num">
                {m.calls}
              </th>
              <th scope="col" className="num">
                {m.answered}
              </th>
              <th scope="col" className="num">
                {m.aht}
              </th>
              <th scope="col" className="num">
                {m.talk}
              </th>
              <th scope="col" className="num">
                {m.hold}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6}>{m.empty}</td>
              </tr>
            ) : (
              rows.map((t) => {
                const value = t.group?.value ?? '';
                return (
                  <tr key={value}>
                    <th scope="row">
                      <Link to="/calls" search={callsOf(range, { agent: value })}>
                        {t.group?.name ?? value}
                      </Link>
                    </th>
                    <td className="num">{formatNumber(t.calls)}</td>
                    <td className="num">{formatNumber(t.answered)}</td>
                    <td className="num">{formatDuration(t.averageHandleSeconds)}</td>
                    <td className="num">{formatDuration(t.averageTalkSeconds)}</td>
                    <td className="num">{formatDuration(t.averageHoldSeconds)}</td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
