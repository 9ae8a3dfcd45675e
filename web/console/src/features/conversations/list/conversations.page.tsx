import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { MessageSquareText } from 'lucide-react';
import { useCallback, useMemo } from 'react';
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
  useColumnChoice,
  useFormatTotal,
  unlessRefused,
  useTenantTimeZoneState,
} from '@/kit/data-table';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { conversationsApi } from '@/api/conversations';
import { conversationSearchMessages } from '../conversations.messages';
import { apiQuery, conversationsSearch, isFiltered, type ConversationsSearch } from '../conversations.search';
import { ConversationFilters, type FilterErrors, type FilterField } from './ConversationFilters';
import { conversationColumns } from './conversation-columns';
import '../conversations.css';

const route = getRouteApi('/console/conversations');
const pageSize = 50;
const filterFields: readonly FilterField[] = [
  'q',
  'grade',
  'sentiment',
  'customerSentiment',
  'qaScoreMin',
  'qaScoreMax',
  'intent',
  'category',
  'topic',
  'analysed',
  'agent',
  'queue',
  'from',
  'to',
];

/** The server names the words `q`, `agentSaid` or `customerSaid`; the page shows all three on its one field. */
function filterErrors(error: unknown): FilterErrors {
  const refused = refusedFilters(error, [...filterFields, 'agentSaid', 'customerSaid'] as const);
  const { agentSaid, customerSaid, ...rest } = refused;
  const words = rest.q ?? agentSaid ?? customerSaid;
  return words === undefined ? rest : { ...rest, q: words };
}

export const conversationsListKey = (search: ConversationsSearch, timeZone?: string) =>
  ['conversations', 'search', search, ...(search.range ? [timeZone] : [])] as const;

export function ConversationsPage() {
  const t = useMessages(conversationSearchMessages);
  const filterWords = useMessages(dataTableMessages).filters;
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { timeZone, settled } = useTenantTimeZoneState();
  const canSearchText = useCan('transcripts:read');
  const canFilterAnalysis = useCan('analysis:read');
  const columns = useMemo(() => conversationColumns(t), [t]);
  const [remembered, remember] = useColumnChoice('conversations');
  const shown = remembered;
  const formatTotal = useFormatTotal();

  const conversations = useInfiniteQuery({
    queryKey: conversationsListKey(search, timeZone),
    enabled: settled || !search.range,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      // The first page asks for the total (exact up to 10,000, else an estimate); later pages need not.
      conversationsApi.search(
        {
          ...apiQuery(search, timeZone),
          limit: pageSize,
          ...(pageParam === undefined ? { total: 'true' as const } : { cursor: pageParam }),
        },
        signal,
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(
    () => conversations.data?.pages.flatMap((page) => page.items) ?? [],
    [conversations.data],
  );
  const total = conversations.data?.pages[0]?.total ?? undefined;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = conversations;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const setSearch = (next: ConversationsSearch) => void navigate({ search: next });
  const filtered = isFiltered(search);
  const rejected = filterErrors(conversations.error);
  const summary =
    items.length === 0
      ? undefined
      : total
        ? t.shownOf(formatNumber(items.length), formatTotal(total))
        : t.shown(formatNumber(items.length), items.length);

  return (
    <div className="stack conversations-stack">
      <PageHeader eyebrow={t.eyebrow} title={t.title} description={t.description} />
      <Panel flush>
        <ConversationFilters
          key={JSON.stringify(search)}
          search={search}
          onApply={setSearch}
          timeZone={timeZone}
          serverErrors={rejected}
          canSearchText={canSearchText}
          canFilterAnalysis={canFilterAnalysis}
        />
        <ListTools
          list="conversations"
          className="list-table-tools"
          state={searchState(search)}
          onPick={(state) => setSearch(searchFromState(state, conversationsSearch))}
        >
          <ColumnChooser columns={columns} shown={shown} onChange={remember} />
        </ListTools>
        <DataTable
          caption={filtered ? t.captionFiltered : t.caption}
          columns={columns}
          shown={shown}
          rows={items}
          rowKey={(hit) => hit.recordingId}
          onOpen={(hit) =>
            void navigate({ to: '/recordings/$recordingId', params: { recordingId: hit.recordingId } })
          }
          query={unlessRefused(conversations, rejected)}
          loadingLabel={t.loading}
          errorTitle={t.failed}
          paging={{ hasMore: hasNextPage, loadingMore: isFetchingNextPage, onLoadMore: loadMore }}
          summary={summary}
          empty={
            filtered ? (
              <EmptyState
                icon={<MessageSquareText />}
                title={t.noMatch}
                action={<Button onClick={() => setSearch({})}>{filterWords.clear}</Button>}
              >
                {t.noMatchHint}
              </EmptyState>
            ) : (
              <EmptyState icon={<MessageSquareText />} title={t.none}>
                {t.noneHint}
              </EmptyState>
            )
          }
        />
      </Panel>
    </div>
  );
}
