import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ShoppingCart } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { DataTable, refusedFilters, TimeCell, unlessRefused, type Column } from '@/kit/data-table';
import { OptionsField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState } from '@/kit/states';
import { formatMoney } from '../money';
import { orderKeys, ordersApi, orderStatuses, type OrderSummary } from '../orders.api';
import { ordersMessages } from '../orders.messages';
import {
  apiQuery,
  filterKeys,
  isFiltered,
  ordersSearch,
  viewFilters,
  type OrdersSearch,
} from '../orders.search';
import { OrderStatusBadge } from '../StatusBadge';
import { OrderFilters, type FilterErrors } from './OrderFilters';
import { OrderViews } from './OrderViews';
import '../orders.css';

const route = getRouteApi('/console/orders');
const pageSize = 50;

type Messages = (typeof ordersMessages)['en'];

function orderColumns(m: Messages): readonly Column<OrderSummary>[] {
  const c = m.board.columns;
  return [
    {
      id: 'number',
      label: c.number,
      hideable: false,
      width: '130px',
      cell: (o) => (
        <Link to="/orders/$orderId" params={{ orderId: o.id }} className="mono">
          {o.number}
        </Link>
      ),
    },
    { id: 'placed', label: c.placed, width: '170px', cell: (o) => <TimeCell value={o.placedAt} /> },
    { id: 'email', label: c.email, cell: (o) => o.email },
    { id: 'status', label: c.status, width: '140px', cell: (o) => <OrderStatusBadge status={o.status} /> },
    { id: 'total', label: c.total, align: 'end', width: '130px', cell: (o) => formatMoney(o.total) },
    {
      id: 'refunded',
      label: c.refunded,
      align: 'end',
      width: '120px',
      cell: (o) => (o.refunded.amountMinor > 0 ? formatMoney(o.refunded) : '—'),
    },
    {
      id: 'items',
      label: c.items,
      align: 'end',
      width: '170px',
      cell: (o) => m.board.items(o.itemCount, o.lineCount),
    },
  ];
}

export function OrdersPage() {
  const m = useMessages(ordersMessages);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const columns = useMemo(() => orderColumns(m), [m]);
  const query = useMemo(() => apiQuery(search), [search]);

  const orders = useInfiniteQuery({
    queryKey: orderKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      ordersApi.list({ ...query, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(() => orders.data?.pages.flatMap((page) => page.items) ?? [], [orders.data]);
  const { fetchNextPage } = orders;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const setSearch = (next: OrdersSearch) => void navigate({ search: next });
  const filtered = isFiltered(search);
  const rejected: FilterErrors = refusedFilters(orders.error, filterKeys);
  const layout = search.layout ?? 'table';

  return (
    <div className="stack">
      <PageHeader eyebrow={m.eyebrow} title={m.board.title} description={m.board.description} />
      <Panel flush>
        <OrderFilters
          key={JSON.stringify(search)}
          search={search}
          onApply={setSearch}
          serverErrors={rejected}
        />
        <div className="toolbar">
          <OrderViews filters={viewFilters(search)} onPick={(filters) => setSearch(ordersSearch(filters))} />
          <div className="toolbar__actions">
            <OptionsField
              label={m.board.layout}
              value={layout}
              options={['table', 'columns'] as const}
              labels={{ table: m.board.layoutTable, columns: m.board.layoutColumns }}
              onPick={(next) => setSearch({ ...search, layout: next === 'columns' ? 'columns' : undefined })}
            />
          </div>
        </div>
        {layout === 'columns' && orders.isSuccess && items.length > 0 ? (
          <StatusColumns orders={items} />
        ) : (
          <DataTable
            caption={filtered ? m.board.captionFiltered : m.board.caption}
            columns={columns}
            rows={items}
            rowKey={(o) => o.id}
            onOpen={(o) => void navigate({ to: '/orders/$orderId', params: { orderId: o.id } })}
            query={unlessRefused(orders, rejected)}
            loadingLabel={m.board.loading}
            errorTitle={m.board.failed}
            paging={{
              hasMore: orders.hasNextPage,
              loadingMore: orders.isFetchingNextPage,
              onLoadMore: loadMore,
            }}
            summary={items.length > 0 ? m.board.shown(formatNumber(items.length)) : undefined}
            empty={
              filtered ? (
                <EmptyState
                  icon={<ShoppingCart />}
                  title={m.board.emptyFiltered}
                  action={
                    <Button onClick={() => setSearch({ layout: search.layout })}>
                      {m.board.clearFilters}
                    </Button>
                  }
                >
                  {m.board.emptyFilteredText}
                </EmptyState>
              ) : (
                <EmptyState icon={<ShoppingCart />} title={m.board.emptyNone}>
                  {m.board.emptyNoneText}
                </EmptyState>
              )
            }
          />
        )}
        {layout === 'columns' && orders.hasNextPage ? (
          <div className="panel__footer">
            <Button busy={orders.isFetchingNextPage} onClick={loadMore}>
              {m.board.loadMore}
            </Button>
          </div>
        ) : null}
      </Panel>
    </div>
  );
}

/** The loaded orders as columns by status (a read-only kanban): each card is a link. */
function StatusColumns({ orders }: { orders: readonly OrderSummary[] }) {
  const m = useMessages(ordersMessages);
  return (
    <div className="orders-columns">
      {orderStatuses.map((status) => {
        const inStatus = orders.filter((o) => o.status === status);
        const headingId = `orders-column-${status}`;
        return (
          <section key={status} className="orders-columns__column" aria-labelledby={headingId}>
            <h2 id={headingId} className="orders-columns__title">
              {m.statuses[status]} <span className="subtle">({formatNumber(inStatus.length)})</span>
            </h2>
            {inStatus.length === 0 ? (
              <p className="subtle">{m.board.columnEmpty}</p>
            ) : (
              <ul className="orders-columns__cards">
                {inStatus.map((o) => (
                  <li key={o.id} className="orders-card">
                    <Link to="/orders/$orderId" params={{ orderId: o.id }} className="mono">
                      {o.number}
                    </Link>
                    <span>{o.email}</span>
                    <span>{formatMoney(o.total)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
