import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';

const scorecardsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/scorecards',
  component: gated(
    'analysis:read',
    lazyRouteComponent(() => import('./list/scorecards.page'), 'ScorecardsPage'),
  ),
});

const newScorecardRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/scorecards/new',
  component: gated(
    'analysis:configure',
    lazyRouteComponent(() => import('./editor/scorecard-editor.page'), 'NewScorecardPage'),
  ),
});

const scorecardRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/scorecards/$scorecardId',
  component: gated(
    'analysis:read',
    lazyRouteComponent(() => import('./editor/scorecard-editor.page'), 'ScorecardPage'),
  ),
});

export const scorecardsRoutes = [scorecardsRoute, newScorecardRoute, scorecardRoute] as const;
