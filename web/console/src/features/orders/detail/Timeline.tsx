import { useMessages } from '@/i18n';
import { formatDateTime } from '@/kit/format';
import type { TimelineEntry } from '../orders.api';
import { ordersMessages } from '../orders.messages';

/** The order's timeline (status changes, payments, shipments, tracking, refunds, returns), newest first. */
export function newestFirst(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const d = useMessages(ordersMessages).detail;
  if (entries.length === 0) return <p className="subtle">{d.timelineEmpty}</p>;
  return (
    <ol className="orders-timeline">
      {newestFirst(entries).map((entry, i) => {
        const reason =
          typeof entry.detail.reason === 'string' && entry.detail.reason ? entry.detail.reason : null;
        const actor = entry.actor?.startsWith('system:') ? d.system : entry.actor;
        return (
          <li
            key={`${entry.at}-${i}`}
            className={`orders-timeline__entry orders-timeline__entry--${entry.kind}`}
          >
            <div className="orders-timeline__head">
              <span className="badge">{d.timelineKinds[entry.kind]}</span>
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              {actor ? <span className="subtle">{d.by(actor)}</span> : null}
            </div>
            <p>{entry.summary}</p>
            {reason ? <p className="subtle">{d.reason(reason)}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
