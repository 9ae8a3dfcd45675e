import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { AudioLines, Upload } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import {
  ColumnChooser,
  DataTable,
  dataTableMessages,
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
import { Can, useCan } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { recordingsApi } from '@/api/recordings';
import { recordingListMessages, recordingWords } from '../recordings.messages';
import {
  apiQuery,
  recordingsSearch,
  isFiltered,
  recordingSortKeys,
  type RecordingSortParam,
  type RecordingsSearch,
} from '../recordings.search';
import { UploadDialog } from '../upload/UploadDialog';
import { RecordingFilters, type FilterErrors, type FilterField } from './RecordingFilters';
import { recordingColumns } from './recording-columns';
import '../recordings.css';

const route = getRouteApi('/console/recordings');
const pageSize = 100;
const defaultSort: Sort = { key: 'createdAt', direction: 'desc' };
const filterFields: readonly FilterField[] = ['q', 'number', 'agent', 'queue', 'from', 'to', 'state'];

export const recordingsListKey = (search: RecordingsSearch, timeZone?: string) =>
  ['recordings', 'list', search, ...(search.range ? [timeZone] : [])] as const;

export function RecordingsPage() {
  const t = useMessages(recordingListMessages);
  const words = useMessages(recordingWords);
  const filterWords = useMessages(dataTableMessages).filters;
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { timeZone, settled } = useTenantTimeZoneState();
  const canSearchText = useCan('transcripts:read');
  const columns = useMemo(() => recordingColumns(t, words), [t, words]);
  const [remembered, remember] = useColumnChoice('recordings');
  const shown = search.columns?.split(',') ?? remembered;
  const [uploading, setUploading] = useState(false);
  const formatTotal = useFormatTotal();
  const sort = sortFromParam(search.sort, recordingSortKeys) ?? defaultSort;

  const recordings = useInfiniteQuery({
    queryKey: recordingsListKey(search, timeZone),
    enabled: settled || !search.range,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      // The first page asks for the total (exact up to 10,000, else an estimate); later pages need not.
      recordingsApi.list(
        {
          ...apiQuery(search, timeZone),
          limit: pageSize,
          ...(pageParam === undefined ? { total: 'true' as const } : { cursor: pageParam }),
        },
        signal,
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(() => recordings.data?.pages.flatMap((page) => page.items) ?? [], [recordings.data]);
  const total = recordings.data?.pages[0]?.total ?? undefined;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = recordings;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const setSearch = (next: RecordingsSearch) => void navigate({ search: next });
  const onSort = (next: Sort) => {
    const param = sortToParam(next) as RecordingSortParam;
    setSearch({ ...search, sort: param === sortToParam(defaultSort) ? undefined : param });
  };
  const onColumns = (ids: readonly string[]) => {
    remember(ids);
    setSearch({ ...search, columns: ids.join(',') });
  };

  const filtered = isFiltered(search);
  const rejected: FilterErrors = refusedFilters(recordings.error, filterFields);
  const summary =
    items.length === 0
      ? undefined
      : total
        ? t.shownOf(formatNumber(items.length), formatTotal(total))
        : t.shown(formatNumber(items.length), items.length);

  return (
    <div className="stack recordings-stack">
      <PageHeader
        eyebrow={t.eyebrow}
        title={t.title}
        description={t.description}
        actions={
          <Can permission="recordings:ingest">
            <Button variant="primary" icon={<Upload aria-hidden="true" />} onClick={() => setUploading(true)}>
              {t.upload}
            </Button>
          </Can>
        }
      />
      <Panel flush>
        <RecordingFilters
          key={JSON.stringify(search)}
          search={search}
          onApply={setSearch}
          timeZone={timeZone}
          serverErrors={rejected}
          canSearchText={canSearchText}
        />
        <ListTools
          list="recordings"
          className="list-table-tools"
          state={searchState(search)}
          onPick={(state) => setSearch(searchFromState(state, recordingsSearch))}
        >
          <SortSelect columns={columns} sort={sort} onSortChange={onSort} />
          <ColumnChooser columns={columns} shown={shown} onChange={onColumns} />
        </ListTools>
        <DataTable
          caption={filtered ? t.captionFiltered : t.caption}
          columns={columns}
          shown={shown}
          rows={items}
          rowKey={(recording) => recording.id}
          onOpen={(recording) =>
            void navigate({ to: '/recordings/$recordingId', params: { recordingId: recording.id } })
          }
          sort={sort}
          onSortChange={onSort}
          query={unlessRefused(recordings, rejected)}
          loadingLabel={t.loading}
          errorTitle={t.failed}
          virtual={{ rowHeight: 64 }}
          paging={{ hasMore: hasNextPage, loadingMore: isFetchingNextPage, onLoadMore: loadMore }}
          summary={summary}
          empty={
            filtered ? (
              <EmptyState
                icon={<AudioLines />}
                title={t.noMatch}
                action={
                  <Button onClick={() => setSearch({ sort: search.sort, columns: search.columns })}>
                    {filterWords.clear}
                  </Button>
                }
              >
                {t.noMatchHint}
              </EmptyState>
            ) : (
              <EmptyState icon={<AudioLines />} title={t.none}>
                {t.noneHint}
              </EmptyState>
            )
          }
        />
      </Panel>
      {uploading ? (
        <UploadDialog
          open
          onOpenChange={setUploading}
          onUploaded={(recording) =>
            void navigate({ to: '/recordings/$recordingId', params: { recordingId: recording.id } })
          }
        />
      ) : null}
    </div>
  );
}
