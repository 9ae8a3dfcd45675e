import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { PhoneCall, RefreshCw } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import { api, unwrap } from '@/api/client';
import { Button } from '@/kit/Button';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can } from '@/kit/session';
import { EmptyState, ErrorState, LoadingRows, TableMessage } from '@/kit/states';
import { isFiltered, type CallsSearch } from '../calls.search';
import { CallFilters } from './CallFilters';
import { callColumns, CallsTable } from './CallsTable';
import { ExportMenu } from './ExportMenu';
import { useNewCalls } from './useNewCalls';
import '../calls.css';

const route = getRouteApi('/console/calls');
const pageSize = 100;

export const callsListKey = (search: CallsSearch) => ['calls', 'list', search] as const;

export function CallsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();

  const calls = useInfiniteQuery({
    queryKey: callsListKey(search),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/calls', {
          params: {
            query: { ...search, limit: pageSize, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(() => calls.data?.pages.flatMap((page) => page.items) ?? [], [calls.data]);

  // Back to the first page with what is new: the loaded pages are dropped, not refetched one by one.
  const reload = useCallback(
    () => void queryClient.resetQueries({ queryKey: callsListKey(search) }),
    [queryClient, search],
  );
  const [fresh, dismiss] = useNewCalls(search, items, reload, calls.isSuccess);
  const showNew = () => {
    dismiss();
    reload();
  };
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = calls;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const filtered = isFiltered(search);
  const placeholder = calls.isPending ? (
    <LoadingRows columns={callColumns} rows={8} label="Loading calls" />
  ) : calls.isError ? (
    <TableMessage columns={callColumns}>
      <ErrorState
        error={calls.error}
        onRetry={() => void calls.refetch()}
        title="Calls could not be loaded"
      />
    </TableMessage>
  ) : items.length === 0 ? (
    <TableMessage columns={callColumns}>
      {filtered ? (
        <EmptyState
          icon={<PhoneCall />}
          title="No call matches"
          action={<Button onClick={() => void navigate({ search: {} })}>Clear filters</Button>}
        >
          Names match whole words only, and numbers whole numbers (“+4930123456”, not “30123”). Widen the
          dates or remove a filter.
        </EmptyState>
      ) : (
        <EmptyState icon={<PhoneCall />} title="No calls yet">
          Calls appear here as your phone systems and contact-centre platforms send their records, with an API
          key that has the calls:ingest scope.
        </EmptyState>
      )}
    </TableMessage>
  ) : undefined;

  return (
    <div className="stack calls-stack">
      <PageHeader
        eyebrow="Calls"
        title="Calls"
        description="Every call your connected systems reported, newest first. New calls are announced while the page is open."
        actions={
          <Can permission="calls:export">
            <ExportMenu search={search} />
          </Can>
        }
      />
      <Panel flush>
        <CallFilters
          key={JSON.stringify(search)}
          search={search}
          onApply={(next) => void navigate({ search: next })}
        />
        {fresh ? (
          <div className="calls-live-banner" role="status">
            <span>
              {fresh.more ? `More than ${formatNumber(fresh.count)}` : formatNumber(fresh.count)} new{' '}
              {fresh.count === 1 && !fresh.more ? 'call' : 'calls'}
            </span>
            <Button size="sm" variant="primary" icon={<RefreshCw aria-hidden="true" />} onClick={showNew}>
              Show
            </Button>
          </div>
        ) : null}
        <CallsTable
          items={items}
          hasMore={hasNextPage}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
          placeholder={placeholder}
          caption={filtered ? 'Calls matching the filters, newest first' : 'Calls, newest first'}
        />
        {items.length > 0 ? (
          <div className="calls-table-footer" aria-live="polite">
            {hasNextPage ? (
              <Button busy={isFetchingNextPage} onClick={loadMore}>
                Load older calls
              </Button>
            ) : null}
            <span className="subtle">
              {formatNumber(items.length)} {items.length === 1 ? 'call' : 'calls'} shown
              {hasNextPage ? ', more when you scroll' : ' · no older ones'}
            </span>
          </div>
        ) : null}
      </Panel>
    </div>
  );
}
