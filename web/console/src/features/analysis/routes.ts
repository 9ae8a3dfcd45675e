import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { gated } from '@/kit/gate';
import { consoleRoute } from '@/kit/routing';

const scorecardsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/scorecards',
  component: gated(
    'analysis:read',
    lazyRouteComponent(() => import('./scorecards/scorecards.page'), 'ScorecardsPage'),
  ),
});

const newScorecardRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/scorecards/new',
  component: gated(
    'analysis:configure',
    lazyRouteComponent(() => import('./scorecards/scorecard-editor.page'), 'NewScorecardPage'),
  ),
});

const scorecardRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/scorecards/$scorecardId',
  component: gated(
    'analysis:read',
    lazyRouteComponent(() => import('./scorecards/scorecard-editor.page'), 'ScorecardPage'),
  ),
});

const insightSchemasRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/insight-schemas',
  component: gated(
    'analysis:read',
    lazyRouteComponent(() => import('./insight-schemas/insight-schemas.page'), 'InsightSchemasPage'),
  ),
});

const newInsightSchemaRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/insight-schemas/new',
  component: gated(
    'analysis:configure',
    lazyRouteComponent(() => import('./insight-schemas/insight-schema-editor.page'), 'NewInsightSchemaPage'),
  ),
});

const insightSchemaRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/insight-schemas/$schemaId',
  component: gated(
    'analysis:read',
    lazyRouteComponent(() => import('./insight-schemas/insight-schema-editor.page'), 'InsightSchemaPage'),
  ),
});

const categorySetsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/categories',
  component: gated(
    'analysis:read',
    lazyRouteComponent(() => import('./categories/categories.page'), 'CategorySetsPage'),
  ),
});

const newCategorySetRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/categories/new',
  component: gated(
    'analysis:configure',
    lazyRouteComponent(() => import('./categories/category-set-editor.page'), 'NewCategorySetPage'),
  ),
});

const categorySetRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/categories/$setId',
  component: gated(
    'analysis:read',
    lazyRouteComponent(() => import('./categories/category-set-editor.page'), 'CategorySetPage'),
  ),
});

const disputesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'conversations/disputes',
  component: gated(
    'qa:review',
    lazyRouteComponent(() => import('./disputes/disputes.page'), 'DisputesPage'),
  ),
});

export const analysisRoutes = [
  scorecardsRoute,
  newScorecardRoute,
  scorecardRoute,
  insightSchemasRoute,
  newInsightSchemaRoute,
  insightSchemaRoute,
  categorySetsRoute,
  newCategorySetRoute,
  categorySetRoute,
  disputesRoute,
] as const;
