import type { PlatformModule } from '../../../platform/module.js';
import type { OrdersDeps } from '../orders.deps.js';
import { analyticsRoutes } from './analytics.routes.js';
import { createAnalyticsService, type AnalyticsService } from './analytics.service.js';
import { createSavedViews, type SavedViewsService } from './saved-views.service.js';

/** Orders analytics and the saved views of the order list. */
export interface AnalyticsFeatureApi extends AnalyticsService {
  readonly views: SavedViewsService;
}

/** Orders and revenue per day, average order value, top products, fulfilment time; saved views. */
export function createAnalyticsFeature(deps: OrdersDeps): PlatformModule<AnalyticsFeatureApi> {
  const analytics = createAnalyticsService(deps.database);
  const views = createSavedViews(deps.database);
  return {
    api: { ...analytics, views },
    routes: [{ surface: 'internal', prefix: '/orders', plugin: analyticsRoutes(analytics, views) }],
  };
}
