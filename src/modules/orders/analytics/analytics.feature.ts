import type { PlatformModule } from '../../../platform/module.js';
import type { OrdersDeps } from '../orders.deps.js';

/** PLACEHOLDER of the spine: the analytics helper defines it. */
export type AnalyticsFeatureApi = Record<never, never>;

/** PLACEHOLDER of the spine: orders and revenue per day, average order value, top products, fulfilment time. */
export function createAnalyticsFeature(deps: OrdersDeps): PlatformModule<AnalyticsFeatureApi> {
  void deps;
  return { api: {} };
}
