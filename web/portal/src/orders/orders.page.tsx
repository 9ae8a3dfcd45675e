import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMessages } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { formatDateTime } from '@/kit/format';
import { PageHeader } from '@/kit/Page';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { ordersApi, type OrderStatus } from '@portal/api/portal-api';
import { formatMoney } from '@portal/shop/money';
import { ordersMessages } from './orders.messages';

export const statusTone: Record<OrderStatus, BadgeTone> = {
  PENDING: 'warning',
  CONFIRMED: 'info',
  PROCESSING: 'info',
  SHIPPED: 'brand',
  DELIVERED: 'success',
  CANCELLED: 'neutral',
  RETURNED: 'neutral',
  REFUNDED: 'neutral',
};

export function OrdersPage() {
  const m = useMessages(ordersMessages);
  // Live: the notification stream refreshes this list; the poll covers a stream that is not there.
  const orders = useQuery({ queryKey: ['orders', 'list'], queryFn: ordersApi.list, refetchInterval: 15_000 });
  return (
    <>
      <PageHeader title={m.title} />
      {orders.isPending ? (
        <LoadingBlock />
      ) : orders.isError ? (
        <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.data.items.length === 0 ? (
        <EmptyState
          title={m.emptyTitle}
          action={
            <Link to="/" search={{}} className="btn btn--primary">
              {m.browse}
            </Link>
          }
        >
          <p>{m.emptyText}</p>
        </EmptyState>
      ) : (
        <ul className="order-list">
          {orders.data.items.map((o) => (
            <li key={o.id} className="order-card">
              <Link to="/orders/$orderId" params={{ orderId: o.id }} className="order-card__link">
                {m.order(o.number)}
              </Link>
              <Badge tone={statusTone[o.status]}>{m.status[o.status]}</Badge>
              <span className="muted">
                {m.placed(formatDateTime(o.placedAt))} · {m.items(o.itemCount)}
              </span>
              <strong className="order-card__total">{formatMoney(o.total)}</strong>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
