import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { DataTable, type Column } from '@/kit/data-table';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { leadsKeys, type LeadImportDetail } from '../leads.api';
import { outboundWords } from '../leads.messages';
import { importMessages } from './import.messages';
import { ImportStateBadge, runningStates } from './import-state';
import { estimateFor } from './mapping';
import '../leads.css';

const route = getRouteApi('/console/outbound/imports/$importId');
type Rejection = LeadImportDetail['rejections'][number];
const rejectionsPage = 100;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024))} KiB`;
  return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MiB`;
}

/** One import: its progress while it runs (polled), its counts and scan verdict, and its rejected rows, paged. */
export function ImportPage() {
  const t = useMessages(importMessages).progress;
  const words = useMessages(outboundWords);
  const { importId } = route.useParams();
  const job = useQuery({
    queryKey: leadsKeys.import(importId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/campaigns/leads/imports/{importId}', {
          params: { path: { importId }, query: { limit: 1 } },
        }),
      ),
    refetchInterval: (query) =>
      query.state.data && !runningStates.includes(query.state.data.state) ? false : 1_500,
  });
  const state = job.data?.state ?? 'queued';
  const rejections = useInfiniteQuery({
    // The state is in the key: the rows are read again when the import moves on.
    queryKey: leadsKeys.rejections(importId, `${state}:${job.data?.rowsRejected ?? 0}`),
    enabled: job.isSuccess,
    placeholderData: keepPreviousData,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/campaigns/leads/imports/{importId}', {
          params: {
            path: { importId },
            query: {
              limit: rejectionsPage,
              ...(pageParam === undefined ? {} : { rejectionsAfter: pageParam }),
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextRejectionsAfter ?? undefined,
  });
  const rows = useMemo(() => rejections.data?.pages.flatMap((p) => p.rejections) ?? [], [rejections.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = rejections;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  if (job.isPending)
    return (
      <div className="stack">
        <PageHeader eyebrow={words.eyebrow} title={t.loading} />
        <LoadingBlock label={t.loading} />
      </div>
    );
  if (job.isError)
    return (
      <div className="stack">
        <PageHeader eyebrow={words.eyebrow} title={t.failed} />
        <ErrorState error={job.error} title={t.failed} onRetry={() => void job.refetch()} />
      </div>
    );
  const detail = job.data;
  const estimate = estimateFor(importId);
  const running = runningStates.includes(detail.state);
  const total = detail.state === 'completed' ? detail.rowsRead : estimate;
  const columns: Column<Rejection>[] = [
    { id: 'row', label: t.row, align: 'end', width: '90px', cell: (r) => formatNumber(r.row) },
    { id: 'field', label: t.field, width: '180px', cell: (r) => <span className="mono">{r.field}</span> },
    { id: 'reason', label: t.reason, cell: (r) => r.reason },
  ];
  const scan = detail.scan.result ?? 'pending';

  return (
    <div className="stack">
      <PageHeader
        eyebrow={words.eyebrow}
        title={t.title(detail.fileName)}
        description={<span className="mono">{detail.id}</span>}
        actions={<Link to="/outbound/imports">{t.back}</Link>}
      />
      <Panel title={<ImportStateBadge state={detail.state} />}>
        <div className="stack stack--sm">
          <div className="import-progress">
            <progress
              aria-label={t.progressLabel}
              {...(total
                ? { max: total, value: Math.min(detail.rowsRead, total) }
                : running
                  ? {}
                  : { max: 1, value: detail.state === 'completed' ? 1 : 0 })}
            />
            <p className="subtle" aria-live="polite">
              {total && detail.state !== 'completed'
                ? t.readOf(formatNumber(detail.rowsRead), formatNumber(total))
                : t.read(formatNumber(detail.rowsRead))}
            </p>
          </div>
          <dl className="import-counts">
            <div>
              <dt>{t.counts.accepted}</dt>
              <dd>{formatNumber(detail.rowsAccepted)}</dd>
            </div>
            <div>
              <dt>{t.counts.rejected}</dt>
              <dd>{formatNumber(detail.rowsRejected)}</dd>
            </div>
            <div>
              <dt>{t.counts.duplicates}</dt>
              <dd>{formatNumber(detail.rowsDuplicate)}</dd>
            </div>
            <div>
              <dt>{t.counts.size}</dt>
              <dd>{formatBytes(detail.sizeBytes)}</dd>
            </div>
            <div>
              <dt>{t.counts.type}</dt>
              <dd>{detail.sniffedType.toUpperCase()}</dd>
            </div>
            <div>
              <dt>{t.scan}</dt>
              <dd className="subtle">
                {words.scan[scan]}
                {detail.scan.detail ? ` (${detail.scan.detail})` : ''}
              </dd>
            </div>
          </dl>
          {detail.state === 'failed' ? (
            <Alert tone="danger" title={t.failure}>
              {detail.failureReason}
            </Alert>
          ) : null}
          {detail.state === 'completed' ? <Alert tone="success">{t.done}</Alert> : null}
        </div>
      </Panel>
      <Panel title={t.rejections} flush>
        <DataTable
          caption={t.rejectionsCaption}
          columns={columns}
          rows={rows}
          rowKey={(r) => `${r.row}:${r.field}`}
          query={rejections}
          loadingLabel={t.rejectionsLoading}
          errorTitle={t.rejectionsFailed}
          paging={{ hasMore: hasNextPage, loadingMore: isFetchingNextPage, onLoadMore: loadMore }}
          empty={<p className="subtle">{t.noRejections}</p>}
        />
      </Panel>
    </div>
  );
}
