import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { PhoneCall, RefreshCw } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import {
  ColumnChooser,
  DataTable,
  refusedFilters,
  ListTools,
  searchFromState,
  searchState,
  SortSelect,
  sortFromParam,
  sortToParam,
  useColumnChoice,
  useFormatTotal,
  unlessRefused,
  useTenantTimeZoneState,
  type Sort,
} from '@/kit/data-table';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import {
  apiFilters,
  callsSearch,
  callSortKeys,
  isFiltered,
  resolveRange,
  type CallSortParam,
  type CallsSearch,
} from '../calls.search';
import { CallFilters, type FilterErrors, type FilterField } from './CallFilters';
import { callColumns } from './call-columns';
import { callListMessages } from './call-list.messages';
import { ExportMenu } from './ExportMenu';
import { useNewCalls } from './useNewCalls';
import '../calls.css';

const route = getRouteApi('/console/calls');
const pageSize = 100;
const defaultSort: Sort = { key: 'startedAt', direction: 'desc' };
const filterFields: readonly FilterField[] = [
  'q',
  'number',
  'from',
  'to',
  'source',
  'direction',
  'disposition',
  'agent',
  'queue',
  'minDuration',
];

export const callsListKey = (search: CallsSearch, timeZone?: string) =>
  ['calls', 'list', search, ...(search.range ? [timeZone] : [])] as const;

export function CallsPage() {
  const t = useMessages(callListMessages);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const { timeZone, settled } = useTenantTimeZoneState();
  const formatTotal = useFormatTotal();
  const columns = useMemo(() => callColumns(t), [t]);
  const [remembered, remember] = useColumnChoice('calls');
  const shown = search.columns?.split(',') ?? remembered;
  const sort = sortFromParam(search.sort, callSortKeys) ?? defaultSort;

  const calls = useInfiniteQuery({
    queryKey: callsListKey(search, timeZone),
    // A period preset means days of the tenant's zone: wait until it is known.
    enabled: settled || !search.range,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/calls', {
          params: {
            query: {
              // A preset is resolved when the list is read: "today" is today's, in the tenant's zone.
              ...apiFilters(search, timeZone),
              limit: pageSize,
              ...(pageParam === undefined ? { total: 'true' as const } : { cursor: pageParam }),
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(() => calls.data?.pages.flatMap((page) => page.items) ?? [], [calls.data]);
  const total = calls.data?.pages[0]?.total ?? undefined;

  // Back to the first page with what is new: the loaded pages are dropped, not refetched one by one.
  const reload = useCallback(
    () => void queryClient.resetQueries({ queryKey: callsListKey(search, timeZone) }),
    [queryClient, search, timeZone],
  );
  // New calls are looked for newest first, whatever order the list is in.
  const liveFilters = useMemo(
    () => ({ ...apiFilters(search, timeZone), sort: undefined }),
    [search, timeZone],
  );
  const [fresh, dismiss] = useNewCalls(liveFilters, items, reload, calls.isSuccess);
  const showNew = () => {
    dismiss();
    reload();
  };
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = calls;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const setSearch = (next: CallsSearch) => void navigate({ search: next });
  const onSort = (next: Sort) => {
    const param = sortToParam(next) as CallSortParam;
    setSearch({ ...search, sort: param === sortToParam(defaultSort) ? undefined : param });
  };
  const onColumns = (ids: readonly string[]) => {
    remember(ids);
    setSearch({ ...search, columns: ids.join(',') });
  };

  const filtered = isFiltered(search);
  const rejected: FilterErrors = refusedFilters(calls.error, filterFields);
  const summary =
    items.length === 0
      ? undefined
      : total
        ? t.shownOf(formatNumber(items.length), formatTotal(total))
        : t.shown(formatNumber(items.length), items.length);

  return (
    <div className="stack calls-stack">
      <PageHeader
        eyebrow={t.page.eyebrow}
        title={t.page.title}
        description={t.page.description}
        actions={
          <Can permission="calls:export">
            <ExportMenu search={resolveRange(search, timeZone)} />
          </Can>
        }
      />
      <Panel flush>
        <CallFilters
          key={JSON.stringify(search)}
          search={search}
          onApply={setSearch}
          timeZone={timeZone}
          serverErrors={rejected}
        />
        <ListTools
          list="calls"
          className="calls-table-tools"
          state={searchState(search)}
          onPick={(state) => setSearch(searchFromState(state, callsSearch))}
        >
          <SortSelect columns={columns} sort={sort} onSortChange={onSort} />
          <ColumnChooser columns={columns} shown={shown} onChange={onColumns} />
        </ListTools>
        {fresh ? (
          <div className="calls-live-banner" role="status">
            <span>{t.live.fresh(formatNumber(fresh.count), fresh.count, fresh.more)}</span>
            <Button size="sm" variant="primary" icon={<RefreshCw aria-hidden="true" />} onClick={showNew}>
              {t.live.show}
            </Button>
          </div>
        ) : null}
        <DataTable
          caption={filtered ? t.captionFiltered : t.caption}
          columns={columns}
          shown={shown}
          rows={items}
          rowKey={(call) => call.id}
          onOpen={(call) => void navigate({ to: '/calls/$callId', params: { callId: call.id } })}
          sort={sort}
          onSortChange={onSort}
          query={unlessRefused(calls, rejected)}
          loadingLabel={t.loading}
          errorTitle={t.failed}
          virtual={{ rowHeight: 58 }}
          paging={{ hasMore: hasNextPage, loadingMore: isFetchingNextPage, onLoadMore: loadMore }}
          summary={summary}
          empty={
            filtered ? (
              <EmptyState
                icon={<PhoneCall />}
                title={t.empty.filtered}
                action={
                  <Button onClick={() => setSearch({ sort: search.sort, columns: search.columns })}>
                    {t.empty.clear}
                  </Button>
                }
              >
                {t.empty.filteredText}
              </EmptyState>
            ) : (
              <EmptyState icon={<PhoneCall />} title={t.empty.none}>
                {t.empty.noneText}
              </EmptyState>
            )
          }
        />
      </Panel>
    </div>
  );
}
