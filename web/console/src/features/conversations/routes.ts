import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';
import { conversationsSearch } from './conversations.search';

const conversationsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations',
  validateSearch: conversationsSearch,
  component: gated(
    'recordings:read',
    lazyRouteComponent(() => import('./list/conversations.page'), 'ConversationsPage'),
  ),
});

export const conversationsRoutes = [conversationsRoute] as const;
