import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { SearchX, Users } from 'lucide-react';
import { useCallback, useMemo, useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { TextField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState } from '@/kit/states';
import { customerKeys, customersApi, type Customer } from '../customers.api';
import { customersMessages } from '../customers.messages';
import { MaskedValue } from '../MaskedValue';
import type { ProfileField } from '../masking';
import { CustomerStatusBadge } from '../StatusBadge';
import { useRestrictedFields } from '../useRestricted';
import '../customers.css';

const route = getRouteApi('/console/customers');
const pageSize = 50;

type Messages = (typeof customersMessages)['en'];

function customerColumns(m: Messages, restricted: readonly ProfileField[]): readonly Column<Customer>[] {
  const c = m.list.columns;
  const masked = (field: ProfileField, value: string | null) => (
    <MaskedValue field={field} value={value} restricted={restricted.includes(field)} revealable={false} />
  );
  return [
    {
      id: 'name',
      label: c.name,
      hideable: false,
      cell: (customer) => (
        <Link to="/customers/$customerId" params={{ customerId: customer.id }}>
          {masked('name', customer.name)}
        </Link>
      ),
    },
    { id: 'email', label: c.email, cell: (customer) => masked('email', customer.email) },
    { id: 'phone', label: c.phone, width: '170px', cell: (customer) => masked('phone', customer.phone) },
    {
      id: 'status',
      label: c.status,
      width: '130px',
      cell: (customer) => <CustomerStatusBadge status={customer.status} />,
    },
    {
      id: 'lastActivity',
      label: c.lastActivity,
      width: '170px',
      cell: (customer) => (customer.lastActivityAt ? <TimeCell value={customer.lastActivityAt} /> : '—'),
    },
  ];
}

export function CustomersPage() {
  const m = useMessages(customersMessages);
  const { q = '' } = route.useSearch();
  const navigate = route.useNavigate();
  const restricted = useRestrictedFields();
  const columns = useMemo(() => customerColumns(m, restricted), [m, restricted]);
  const [text, setText] = useState(q);

  const customers = useInfiniteQuery({
    queryKey: customerKeys.list(q),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      customersApi.list({ q, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(() => customers.data?.pages.flatMap((page) => page.items) ?? [], [customers.data]);
  const { fetchNextPage } = customers;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const next = text.trim();
    void navigate({ search: next ? { q: next } : {} });
  };

  return (
    <div className="stack">
      <PageHeader eyebrow={m.eyebrow} title={m.list.title} description={m.list.description} />
      <Panel flush>
        <form className="customers-search" role="search" onSubmit={submit}>
          <TextField
            label={m.list.search}
            hint={m.list.searchHint}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
          />
          <Button type="submit" variant="primary">
            {m.list.searchAction}
          </Button>
          {q ? (
            <Button
              onClick={() => {
                setText('');
                void navigate({ search: {} });
              }}
            >
              {m.list.clear}
            </Button>
          ) : null}
        </form>
        <DataTable
          caption={q ? m.list.captionSearch(q) : m.list.caption}
          columns={columns}
          rows={items}
          rowKey={(c) => c.id}
          onOpen={(c) => void navigate({ to: '/customers/$customerId', params: { customerId: c.id } })}
          query={customers}
          loadingLabel={m.list.loading}
          errorTitle={m.list.failed}
          paging={{
            hasMore: customers.hasNextPage,
            loadingMore: customers.isFetchingNextPage,
            onLoadMore: loadMore,
          }}
          summary={items.length > 0 ? m.list.shown(formatNumber(items.length)) : undefined}
          empty={
            q ? (
              <EmptyState icon={<SearchX />} title={m.list.emptySearch(q)}>
                {m.list.emptySearchText}
              </EmptyState>
            ) : (
              <EmptyState icon={<Users />} title={m.list.emptyNone}>
                {m.list.emptyNoneText}
              </EmptyState>
            )
          }
        />
      </Panel>
    </div>
  );
}
