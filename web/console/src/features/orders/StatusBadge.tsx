import { useMessages } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import type { OrderStatus } from './orders.api';
import { ordersMessages } from './orders.messages';

const tones: Record<OrderStatus, BadgeTone> = {
  PENDING: 'warning',
  CONFIRMED: 'info',
  PROCESSING: 'brand',
  SHIPPED: 'info',
  DELIVERED: 'success',
  CANCELLED: 'danger',
  REFUNDED: 'neutral',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const m = useMessages(ordersMessages);
  return (
    <Badge tone={tones[status]} dot={status === 'PENDING' || status === 'SHIPPED'}>
      {m.statuses[status]}
    </Badge>
  );
}
