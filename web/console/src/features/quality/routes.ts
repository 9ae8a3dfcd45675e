import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';
import { qualitySearch } from './quality.search';

const qualityRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'quality',
  validateSearch: qualitySearch,
  component: gated(
    'analysis:read',
    lazyRouteComponent(() => import('./quality.page'), 'QualityPage'),
  ),
});

const scorecardRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'quality/agents/$agentKey',
  validateSearch: qualitySearch,
  component: gated(
    'analysis:read',
    lazyRouteComponent(() => import('./scorecard.page'), 'ScorecardPage'),
  ),
});

export const qualityRoutes = [qualityRoute, scorecardRoute] as const;
