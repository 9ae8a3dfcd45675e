import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { MessageSquareWarning } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { OptionsField } from '@/kit/Field';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState } from '@/kit/states';
import { disputesMessages } from './disputes.messages';
import { ResolveDisputeDialog, type Dispute } from './ResolveDisputeDialog';

type StateFilter = 'open' | 'accepted' | 'rejected' | 'all';
const stateTone = { open: 'warning', accepted: 'success', rejected: 'neutral' } as const;

/** The reviewers' queue: the tenant's QA disputes, open ones first shown, each resolvable here. */
export function DisputesPage() {
  const m = useMessages(disputesMessages);
  const [state, setState] = useState<StateFilter>('open');
  const [resolving, setResolving] = useState<Dispute>();
  const disputes = useInfiniteQuery({
    queryKey: ['qa-disputes', state],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/conversations/disputes', {
          params: {
            query: {
              ...(state === 'all' ? {} : { state }),
              limit: 50,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = disputes.data?.pages.flatMap((page) => page.items) ?? [];
  const columns: Column<Dispute>[] = [
    {
      id: 'recording',
      label: m.columns.recording,
      hideable: false,
      cell: (d) => (
        <Link to="/recordings/$recordingId" params={{ recordingId: d.recordingId }} className="mono">
          {d.recordingId}
        </Link>
      ),
    },
    {
      id: 'rule',
      label: m.columns.rule,
      width: '160px',
      cell: (d) => (
        <span className="stack stack--sm">
          <span>{d.ruleId ?? m.wholeEvaluation}</span>
          {d.analysisIsCurrent ? null : <Badge tone="info">{m.superseded}</Badge>}
        </span>
      ),
    },
    { id: 'comment', label: m.columns.comment, cell: (d) => d.comment },
    { id: 'raisedBy', label: m.columns.raisedBy, width: '140px', cell: (d) => d.raisedBy },
    { id: 'raised', label: m.columns.raised, width: '176px', cell: (d) => <TimeCell value={d.createdAt} /> },
    {
      id: 'state',
      label: m.columns.state,
      width: '120px',
      cell: (d) => <Badge tone={stateTone[d.state]}>{m.states[d.state]}</Badge>,
    },
    {
      id: 'actions',
      label: m.columns.actions,
      width: '120px',
      hideable: false,
      cell: (d) =>
        d.state === 'open' ? (
          <Button size="sm" aria-label={m.resolveLabel(d.recordingId)} onClick={() => setResolving(d)}>
            {m.resolve}
          </Button>
        ) : null,
    },
  ];
  return (
    <div className="stack">
      <PageHeader eyebrow={m.eyebrow} title={m.title} description={m.description} />
      <Panel flush>
        <div className="cluster" style={{ padding: 'var(--space-3)' }}>
          <OptionsField
            label={m.stateLabel}
            value={state}
            options={['open', 'accepted', 'rejected', 'all'] as const}
            labels={m.states}
            onPick={setState}
          />
        </div>
        <DataTable
          caption={m.caption}
          columns={columns}
          rows={rows}
          rowKey={(d) => d.id}
          query={disputes}
          loadingLabel={m.loading}
          errorTitle={m.loadFailed}
          empty={
            <EmptyState icon={<MessageSquareWarning />} title={m.empty}>
              {state === 'open' ? m.emptyOpen : null}
            </EmptyState>
          }
          paging={{
            hasMore: disputes.hasNextPage,
            loadingMore: disputes.isFetchingNextPage,
            onLoadMore: () => void disputes.fetchNextPage(),
          }}
        />
      </Panel>
      {resolving ? (
        <ResolveDisputeDialog
          key={resolving.id}
          dispute={resolving}
          open
          onOpenChange={(open) => {
            if (!open) setResolving(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
