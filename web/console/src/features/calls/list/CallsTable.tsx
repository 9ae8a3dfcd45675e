import { Link, useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDownLeft, ArrowLeftRight, ArrowUpRight, CircleHelp } from 'lucide-react';
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import type { Schema } from '@/api/types';
import { Badge } from '@/kit/Badge';
import { DateTime } from '@/kit/DateTime';
import {
  directionLabel,
  dispositionLabel,
  dispositionTone,
  formatDuration,
  partyAddress,
  sourceLabel,
  type PartyLike,
} from '../calls.format';

export type CallSummary = Schema<'CallSummary'>;

const directionIcons = {
  inbound: ArrowDownLeft,
  outbound: ArrowUpRight,
  internal: ArrowLeftRight,
  unknown: CircleHelp,
} as const;

export const callColumns = 7;
const rowHeight = 58;

function Party({ party }: { party: PartyLike }) {
  const address = partyAddress(party);
  return (
    <span className="identity__text">
      <span className="cell-primary calls-cell-text" title={party.displayName ?? address}>
        {party.displayName?.trim() || address}
      </span>
      {party.displayName?.trim() ? (
        <span className="subtle mono calls-cell-text" title={address}>
          {address}
        </span>
      ) : null}
    </span>
  );
}

function Row({
  call,
  index,
  measure,
}: {
  call: CallSummary;
  index: number;
  measure: (element: HTMLTableRowElement | null) => void;
}) {
  const navigate = useNavigate();
  const DirectionIcon = directionIcons[call.direction];
  // A click anywhere on the row opens the call; the keyboard reaches the same place through the link.
  const open = (event: MouseEvent<HTMLTableRowElement>) => {
    if ((event.target as HTMLElement).closest('a, button') || window.getSelection()?.toString()) return;
    void navigate({ to: '/calls/$callId', params: { callId: call.id } });
  };
  return (
    <tr ref={measure} data-index={index} aria-rowindex={index + 2} className="calls-row" onClick={open}>
      <td>
        <Link
          to="/calls/$callId"
          params={{ callId: call.id }}
          className="calls-row__link"
        >
          {/* The visible time starts the link's name (WCAG 2.5.3), the parties complete it for a screen reader. */}
          <DateTime value={call.startedAt} relative />
          <span className="visually-hidden">{` · ${partyAddress(call.from)} → ${partyAddress(call.to)}`}</span>
        </Link>
      </td>
      <td>
        <Party party={call.from} />
      </td>
      <td>
        <Party party={call.to} />
      </td>
      <td>
        <span className="identity__text">
          <span>
            <Badge tone={dispositionTone(call.disposition)}>{dispositionLabel(call.disposition)}</Badge>
          </span>
          <span className="subtle calls-direction">
            <DirectionIcon aria-hidden="true" />
            {directionLabel(call.direction)}
          </span>
        </span>
      </td>
      <td className="calls-num">
        <span className="identity__text">
          <span>{formatDuration(call.totalSeconds)}</span>
          {call.talkSeconds ? (
            <span className="subtle" title="Talk time">
              {formatDuration(call.talkSeconds)} talk
            </span>
          ) : null}
        </span>
      </td>
      <td>
        <span className="identity__text">
          <span className="calls-cell-text">
            {call.agent ? (call.agent.name ?? call.agent.id) : <span className="subtle">—</span>}
          </span>
          {call.queue ? (
            <span className="subtle calls-cell-text">{call.queue.name ?? call.queue.id}</span>
          ) : null}
        </span>
      </td>
      <td className="subtle">{sourceLabel(call.source)}</td>
    </tr>
  );
}

interface Props {
  readonly items: readonly CallSummary[];
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly onLoadMore: () => void;
  /** What to show instead of rows (loading, empty, error), as table bodies. */
  readonly placeholder?: ReactNode;
  readonly caption: string;
}

/**
 * The calls as a table that renders only the rows in view (plus a margin), so a list of tens of
 * thousands scrolls like one of fifty. Rows the reader has not scrolled to are not in the DOM;
 * aria-rowcount and aria-rowindex tell assistive technology where it is. Nearing the end loads
 * the next page.
 */
export function CallsTable({ items, hasMore, loadingMore, onLoadMore, placeholder, caption }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design; nothing here memoises them.
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    getItemKey: (index) => items[index]?.id ?? index,
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && items.length > 0 && last >= items.length - 20) onLoadMore();
  }, [hasMore, loadingMore, items.length, last, onLoadMore]);

  const top = rows[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0);

  return (
    <div className="calls-scroll" ref={scroller}>
      <table className="table calls-table" aria-rowcount={placeholder ? undefined : items.length + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          <col className="calls-col-time" />
          <col />
          <col />
          <col className="calls-col-outcome" />
          <col className="calls-col-duration" />
          <col className="calls-col-agent" />
          <col className="calls-col-source" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Started</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="calls-num">
              Duration
            </th>
            <th scope="col">Agent / queue</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        {placeholder ?? (
          <tbody>
            {top > 0 ? (
              <tr aria-hidden="true" className="calls-spacer">
                <td colSpan={callColumns} style={{ height: top }} />
              </tr>
            ) : null}
            {rows.map((row) => {
              const call = items[row.index];
              return call ? (
                <Row key={row.key} call={call} index={row.index} measure={virtualizer.measureElement} />
              ) : null;
            })}
            {bottom > 0 ? (
              <tr aria-hidden="true" className="calls-spacer">
                <td colSpan={callColumns} style={{ height: bottom }} />
              </tr>
            ) : null}
          </tbody>
        )}
      </table>
    </div>
  );
}
