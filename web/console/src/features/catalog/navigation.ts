import { Boxes, FolderTree, Package, RefreshCw } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { catalogNavigationMessages as messages } from './catalog.messages';

const m = () => messagesNow(messages);

/** The orders pages add their entries to the same "Commerce" section under the id 'commerce'. */
export const catalogNavigation: readonly NavSection[] = [
  {
    id: 'commerce',
    title: () => m().commerce,
    items: [
      { label: () => m().products, to: '/commerce/products', icon: Package, permission: 'products:read' },
      {
        label: () => m().categories,
        to: '/commerce/categories',
        icon: FolderTree,
        permission: 'products:read',
      },
      { label: () => m().inventory, to: '/commerce/inventory', icon: Boxes, permission: 'products:read' },
      { label: () => m().erp, to: '/commerce/erp', icon: RefreshCw, permission: 'commerce:configure' },
    ],
  },
];
