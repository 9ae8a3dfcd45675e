import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Ban, Plus, TriangleAlert, Upload } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { SwitchField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { leadsKeys, registryMaxAgeDays, type DncEntry, type DncRegistryCopy } from '../leads.api';
import { outboundWords } from '../leads.messages';
import { dncMessages } from './dnc.messages';
import { AddDncDialog, ImportRegistryDialog, RemoveDncDialog } from './DncDialogs';
import '../leads.css';

const pageSize = 100;
const copyTones: Record<DncRegistryCopy['state'], BadgeTone> = {
  importing: 'info',
  current: 'success',
  replaced: 'neutral',
  failed: 'danger',
};

type Open = { kind: 'add' } | { kind: 'import' } | { kind: 'remove'; entry: DncEntry };

/** The tenant's do-not-call list and national registry copies (`leads:read`); changes need `dnc:write`. */
export function DncPage() {
  const m = useMessages(dncMessages);
  const words = useMessages(outboundWords);
  const [includeRemoved, setIncludeRemoved] = useState(false);
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  const entries = useInfiniteQuery({
    queryKey: leadsKeys.dnc(includeRemoved),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/campaigns/dnc', {
          params: {
            query: {
              limit: pageSize,
              ...(includeRemoved ? { includeRemoved: 'true' as const } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = useMemo(() => entries.data?.pages.flatMap((p) => p.entries) ?? [], [entries.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = entries;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const copies = useQuery({
    queryKey: leadsKeys.registries,
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/dnc-registries')),
  });

  const columns: Column<DncEntry>[] = [
    {
      id: 'entry',
      label: m.columns.entry,
      hideable: false,
      cell: (e) => (
        <span className="identity__text">
          <span className="cell-primary mono">{e.number ?? e.pattern}</span>
          {e.removedAt ? (
            <span className="subtle">{m.removedBy(e.removedBy ?? words.none, e.removedReason ?? '')}</span>
          ) : null}
        </span>
      ),
    },
    { id: 'source', label: m.columns.source, cell: (e) => <Badge>{m.sources[e.source]}</Badge> },
    { id: 'reason', label: m.columns.reason, cell: (e) => e.reason },
    {
      id: 'evidence',
      label: m.columns.evidence,
      cell: (e) => {
        const evidence = e.evidence;
        if (!evidence) return words.none;
        return (
          <span className="identity__text">
            {evidence.quote ? <span>{m.evidence.quote(evidence.quote)}</span> : null}
            {evidence.note ? <span>{evidence.note}</span> : null}
            {evidence.recordingId ? (
              <span className="subtle mono">
                {m.evidence.recording}: {evidence.recordingId}
              </span>
            ) : null}
            {evidence.callId ? (
              <span className="subtle mono">
                {m.evidence.call}: {evidence.callId}
              </span>
            ) : null}
          </span>
        );
      },
    },
    {
      id: 'added',
      label: m.columns.added,
      cell: (e) => (
        <span className="identity__text">
          <TimeCell value={e.createdAt} />
          <span className="subtle">{m.addedBy(e.addedBy)}</span>
        </span>
      ),
    },
    {
      id: 'actions',
      label: m.columns.actions,
      hideable: false,
      className: 'cell-actions',
      cell: (e) =>
        e.removedAt ? null : (
          <Can permission="dnc:write">
            <Button size="sm" variant="danger-ghost" onClick={() => setOpen({ kind: 'remove', entry: e })}>
              {m.remove}
            </Button>
          </Can>
        ),
    },
  ];
  const copyColumns: Column<DncRegistryCopy>[] = [
    {
      id: 'registry',
      label: m.registries.columns.registry,
      hideable: false,
      cell: (c) => (m.registries.names as Record<string, string>)[c.registry] ?? c.registry,
    },
    { id: 'region', label: m.registries.columns.region, cell: (c) => c.region },
    {
      id: 'state',
      label: m.registries.columns.state,
      cell: (c) => <Badge tone={copyTones[c.state]}>{m.registries.states[c.state]}</Badge>,
    },
    {
      id: 'downloaded',
      label: m.registries.columns.downloaded,
      cell: (c) => <TimeCell value={c.downloadedAt} />,
    },
    {
      id: 'age',
      label: m.registries.columns.age,
      cell: (c) =>
        c.ageDays > registryMaxAgeDays ? (
          <Badge tone="danger">
            <TriangleAlert aria-hidden="true" className="inline-icon" /> {m.registries.age(c.ageDays)} —{' '}
            {m.registries.stale(registryMaxAgeDays)}
          </Badge>
        ) : (
          m.registries.age(c.ageDays)
        ),
    },
    {
      id: 'entries',
      label: m.registries.columns.entries,
      align: 'end',
      cell: (c) => formatNumber(c.entryCount),
    },
    {
      id: 'rejected',
      label: m.registries.columns.rejected,
      align: 'end',
      cell: (c) => formatNumber(c.linesRejected),
    },
  ];

  return (
    <div className="stack">
      <PageHeader
        eyebrow={words.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Can permission="dnc:write">
            <Button
              variant="primary"
              icon={<Plus aria-hidden="true" />}
              onClick={() => setOpen({ kind: 'add' })}
            >
              {m.add}
            </Button>
          </Can>
        }
      />
      <Panel
        flush
        actions={
          <SwitchField label={m.showRemoved} checked={includeRemoved} onCheckedChange={setIncludeRemoved} />
        }
      >
        <DataTable
          caption={m.caption}
          columns={columns}
          rows={rows}
          rowKey={(e) => e.id}
          muted={(e) => Boolean(e.removedAt)}
          query={entries}
          loadingLabel={m.loading}
          errorTitle={m.failed}
          paging={{ hasMore: hasNextPage, loadingMore: isFetchingNextPage, onLoadMore: loadMore }}
          empty={
            <EmptyState icon={<Ban />} title={m.emptyTitle}>
              {m.emptyBody}
            </EmptyState>
          }
        />
      </Panel>
      <Panel
        title={m.registries.title}
        description={m.registries.description(registryMaxAgeDays)}
        flush
        actions={
          <Can permission="dnc:write">
            <Button icon={<Upload aria-hidden="true" />} onClick={() => setOpen({ kind: 'import' })}>
              {m.registries.import}
            </Button>
          </Can>
        }
      >
        <DataTable
          caption={m.registries.caption}
          columns={copyColumns}
          rows={copies.data?.registries ?? []}
          rowKey={(c) => c.id}
          query={copies}
          loadingLabel={m.registries.loading}
          errorTitle={m.registries.failed}
          empty={
            <EmptyState icon={<Ban />} title={m.registries.emptyTitle}>
              {m.registries.emptyBody}
            </EmptyState>
          }
        />
      </Panel>
      {open?.kind === 'add' ? <AddDncDialog onClose={close} /> : null}
      {open?.kind === 'import' ? <ImportRegistryDialog onClose={close} /> : null}
      {open?.kind === 'remove' ? <RemoveDncDialog entry={open.entry} onClose={close} /> : null}
    </div>
  );
}
