import { Link } from '@tanstack/react-router';
import { ArrowDownLeft, ArrowLeftRight, ArrowUpRight, CircleHelp } from 'lucide-react';
import type { Schema } from '@/api/types';
import type { Translation } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { TimeCell, type Column } from '@/kit/data-table';
import {
  directionLabel,
  dispositionLabel,
  dispositionTone,
  formatDuration,
  partyAddress,
  sourceLabel,
  type PartyLike,
} from '../calls.format';
import type { callListMessages } from './call-list.messages';

export type CallSummary = Schema<'CallSummary'>;

const directionIcons = {
  inbound: ArrowDownLeft,
  outbound: ArrowUpRight,
  internal: ArrowLeftRight,
  unknown: CircleHelp,
} as const;

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

type Messages = Translation<(typeof callListMessages)['en']>;

/** The columns of the calls list; the API sorts by start time and duration. */
export function callColumns(t: Messages): Column<CallSummary>[] {
  return [
    {
      id: 'started',
      label: t.columns.started,
      sort: 'startedAt',
      firstDirection: 'desc',
      hideable: false,
      width: '168px',
      cell: (call) => (
        <Link to="/calls/$callId" params={{ callId: call.id }} className="calls-row__link">
          {/* The visible time starts the link's name (WCAG 2.5.3), the parties complete it for a screen reader. */}
          <TimeCell value={call.startedAt} />
          <span className="visually-hidden">{` · ${partyAddress(call.from)} → ${partyAddress(call.to)}`}</span>
        </Link>
      ),
    },
    { id: 'from', label: t.columns.from, cell: (call) => <Party party={call.from} /> },
    { id: 'to', label: t.columns.to, cell: (call) => <Party party={call.to} /> },
    {
      id: 'outcome',
      label: t.columns.outcome,
      width: '150px',
      cell: (call) => {
        const DirectionIcon = directionIcons[call.direction];
        return (
          <span className="identity__text">
            <span>
              <Badge tone={dispositionTone(call.disposition)}>{dispositionLabel(call.disposition)}</Badge>
            </span>
            <span className="subtle calls-direction">
              <DirectionIcon aria-hidden="true" />
              {directionLabel(call.direction)}
            </span>
          </span>
        );
      },
    },
    {
      id: 'duration',
      label: t.columns.duration,
      sort: 'duration',
      firstDirection: 'desc',
      align: 'end',
      width: '112px',
      cell: (call) => (
        <span className="identity__text">
          <span>{formatDuration(call.totalSeconds)}</span>
          {call.talkSeconds ? (
            <span className="subtle">{t.talk(formatDuration(call.talkSeconds))}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'agent',
      label: t.columns.agent,
      width: '150px',
      cell: (call) => (
        <span className="identity__text">
          <span className="calls-cell-text">
            {call.agent ? (call.agent.name ?? call.agent.id) : <span className="subtle">—</span>}
          </span>
          {call.queue ? (
            <span className="subtle calls-cell-text">{call.queue.name ?? call.queue.id}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'source',
      label: t.columns.source,
      width: '112px',
      className: 'subtle',
      cell: (call) => sourceLabel(call.source),
    },
  ];
}
