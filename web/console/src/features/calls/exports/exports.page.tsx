import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Download, FileDown, X } from 'lucide-react';
import { api, unwrap } from '@/api/client';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState } from '@/kit/states';
import { toast } from '@/kit/toast';
import { formatBytes } from '../calls.format';
import {
  cancelExport,
  downloadExport,
  exportJobsKey,
  isActive,
  useLiveExportList,
  type ExportJob,
} from './export-jobs';
import { exportsMessages } from './exports.messages';
import '../calls.css';

const pageSize = 25;

const statusTones: Record<ExportJob['status'], BadgeTone> = {
  queued: 'neutral',
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  expired: 'neutral',
};

const formatLabels: Record<ExportJob['format'], string> = { csv: 'CSV', jsonl: 'JSON Lines', vcon: 'vCon' };

/** The filters of an export in a line: `from … · source asterisk`. */
function filtersText(job: ExportJob, none: string): string {
  const parts = Object.entries(job.filters).map(([key, value]) => `${key} ${String(value)}`);
  return parts.length > 0 ? parts.join(' · ') : none;
}

/** The organisation's exports, newest first, with their progress live and their files to download. */
export function ExportsPage() {
  const t = useMessages(exportsMessages);
  const client = useQueryClient();
  useLiveExportList();
  const exports = useInfiniteQuery({
    queryKey: exportJobsKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/calls/exports', {
          params: { query: { limit: pageSize, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // The live feed says when to look again; this is the fallback while a job runs.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some(isActive)) ? 5_000 : false,
  });
  const download = useMutation({
    mutationFn: downloadExport,
    onError: (error) => toast.error(t.toast.downloadFailed, messageOf(error)),
  });
  const cancel = useMutation({
    mutationFn: (job: ExportJob) => cancelExport(job.id),
    onSuccess: () => {
      toast.info(t.toast.cancelled);
      void client.invalidateQueries({ queryKey: exportJobsKey });
    },
    onError: (error) => toast.error(t.toast.failed, messageOf(error)),
  });
  const rows = exports.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: Column<ExportJob>[] = [
    {
      id: 'requested',
      label: t.columns.requested,
      hideable: false,
      width: '170px',
      cell: (job) => <TimeCell value={job.createdAt} />,
    },
    { id: 'format', label: t.columns.format, width: '110px', cell: (job) => formatLabels[job.format] },
    {
      id: 'status',
      label: t.columns.status,
      width: '220px',
      cell: (job) => (
        <span className="identity__text">
          <Badge tone={statusTones[job.status]} dot>
            {t.status[job.status]}
          </Badge>
          {job.status === 'failed' && job.error ? <span className="subtle">{job.error}</span> : null}
          {job.status === 'expired' ? <span className="subtle">{t.expiredHint}</span> : null}
        </span>
      ),
    },
    {
      id: 'calls',
      label: t.columns.calls,
      align: 'end',
      width: '110px',
      cell: (job) => formatNumber(job.rows),
    },
    {
      id: 'size',
      label: t.columns.size,
      align: 'end',
      width: '100px',
      cell: (job) => formatBytes(job.bytes),
    },
    {
      id: 'filters',
      label: t.columns.filters,
      cell: (job) => <span className="subtle">{filtersText(job, t.noFilters)}</span>,
    },
    {
      id: 'available',
      label: t.columns.available,
      width: '170px',
      hiddenByDefault: true,
      cell: (job) => (job.expiresAt && job.status === 'succeeded' ? <TimeCell value={job.expiresAt} /> : '—'),
    },
    {
      id: 'actions',
      label: t.columns.actions,
      hideable: false,
      align: 'end',
      width: '160px',
      cell: (job) =>
        job.status === 'succeeded' ? (
          <Button
            size="sm"
            icon={<Download aria-hidden="true" />}
            aria-label={t.downloadLabel(job.fileName)}
            busy={download.isPending && download.variables.id === job.id}
            onClick={() => download.mutate(job)}
          >
            {t.download}
          </Button>
        ) : isActive(job) ? (
          <Button
            size="sm"
            variant="ghost"
            icon={<X aria-hidden="true" />}
            aria-label={t.cancelLabel(job.fileName)}
            busy={cancel.isPending && cancel.variables.id === job.id}
            onClick={() => cancel.mutate(job)}
          >
            {t.cancel}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="stack">
      <PageHeader eyebrow={t.page.eyebrow} title={t.page.title} description={t.page.description} />
      <Panel flush>
        <DataTable
          caption={t.page.caption}
          columns={columns}
          rows={rows}
          rowKey={(job) => job.id}
          muted={(job) => job.status === 'expired' || job.status === 'cancelled'}
          query={exports}
          loadingLabel={t.page.loading}
          errorTitle={t.page.error}
          empty={
            <EmptyState icon={<FileDown />} title={t.page.emptyTitle}>
              {t.page.emptyBody}
            </EmptyState>
          }
          paging={{
            hasMore: exports.hasNextPage,
            loadingMore: exports.isFetchingNextPage,
            onLoadMore: () => void exports.fetchNextPage(),
          }}
        />
      </Panel>
    </div>
  );
}
