import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { DataTable } from '@/kit/data-table';
import type { Column } from '@/kit/data-table/columns';
import { OptionsField } from '@/kit/Field';
import { formatDateTimeSeconds, formatDuration, formatNumber } from '@/kit/format';
import { Panel } from '@/kit/Page';
import { EmptyState } from '@/kit/states';
import {
  attemptOutcomes,
  campaignsApi,
  type Attempt,
  type AttemptOutcome,
  type Campaign,
} from '../campaigns.api';
import { campaignsMessages } from '../campaigns.messages';
import { LeadRef } from '../reasons';
import { detailMessages } from './detail.messages';

const pageSize = 50;
type OutcomeFilter = AttemptOutcome | 'any';

/** The campaign's attempts, newest first, a page at a time (the API's keyset cursor), filtered by outcome. */
export function AttemptsPanel({ campaign }: { campaign: Campaign }) {
  const m = useMessages(detailMessages).attempts;
  const c = useMessages(campaignsMessages);
  const [outcome, setOutcome] = useState<OutcomeFilter>('any');
  const query = useInfiniteQuery({
    queryKey: ['campaigns', 'attempts', campaign.id, outcome],
    queryFn: ({ pageParam, signal }) =>
      campaignsApi.attempts(
        campaign.id,
        { limit: pageSize, cursor: pageParam, outcome: outcome === 'any' ? undefined : outcome },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = query.data?.pages.flatMap((page) => page.attempts) ?? [];
  const columns: Column<Attempt>[] = [
    {
      id: 'placed',
      label: m.placed,
      width: '180px',
      cell: (a) => (a.placedAt ? formatDateTimeSeconds(a.placedAt) : '—'),
    },
    { id: 'lead', label: m.lead, hideable: false, cell: (a) => <LeadRef leadId={a.leadId} /> },
    {
      id: 'number',
      label: m.number,
      width: '60px',
      align: 'end',
      cell: (a) => formatNumber(a.attemptNumber),
    },
    { id: 'adapter', label: m.adapter, cell: (a) => a.adapter },
    {
      id: 'outcome',
      label: m.outcome,
      // The dialer records a refused or abandoned reservation as not_placed with the outcome failed.
      cell: (a) => (a.state === 'not_placed' ? m.notPlaced : a.outcome ? c.outcomes[a.outcome] : m.pending),
    },
    { id: 'talk', label: m.talk, align: 'end', cell: (a) => formatDuration(a.talkSeconds) },
    {
      id: 'flags',
      label: m.flags,
      cell: (a) => (
        <span className="cluster">
          {a.converted ? <Badge tone="success">{m.converted}</Badge> : null}
          {a.optOut ? <Badge tone="warning">{m.optOut}</Badge> : null}
        </span>
      ),
    },
  ];
  return (
    <Panel title={m.title} labelledBy="attempts-title">
      <div className="stack">
        <div className="toolbar">
          <OptionsField<OutcomeFilter>
            label={m.outcome}
            value={outcome}
            options={['any', ...attemptOutcomes]}
            labels={{ any: m.anyOutcome, ...c.outcomes }}
            onPick={setOutcome}
          />
        </div>
        <DataTable
          caption={m.caption}
          columns={columns}
          rows={rows}
          rowKey={(a) => a.id}
          query={query}
          loadingLabel={m.loading}
          errorTitle={m.loadError}
          empty={<EmptyState title={m.empty} />}
          paging={{
            hasMore: query.hasNextPage,
            loadingMore: query.isFetchingNextPage,
            onLoadMore: () => void query.fetchNextPage(),
          }}
        />
      </div>
    </Panel>
  );
}
