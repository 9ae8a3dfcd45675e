import { ChartLine, ShoppingCart } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { ordersNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

/** The 'commerce' section is shared with the catalog pages (products, inventory, ERP), joined by id. */
export const ordersNavigation: readonly NavSection[] = [
  {
    id: 'commerce',
    title: () => m().commerce,
    items: [
      { label: () => m().orders, to: '/orders', icon: ShoppingCart, permission: 'orders:read', exact: true },
      { label: () => m().analytics, to: '/orders/analytics', icon: ChartLine, permission: 'orders:read' },
    ],
  },
];
