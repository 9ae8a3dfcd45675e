import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import type { CustomerStatus } from './customers.api';
import { customersMessages } from './customers.messages';

export function CustomerStatusBadge({ status }: { status: CustomerStatus }) {
  const m = useMessages(customersMessages);
  return <Badge tone={status === 'active' ? 'success' : 'neutral'}>{m.statuses[status]}</Badge>;
}
