import type { PlatformModule } from '../../../platform/module.js';
import type { OrdersDeps } from '../orders.deps.js';

/** PLACEHOLDER of the spine: the analytics helper defines it. */
// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- a placeholder until the helper fills it
export type AnalyticsFeatureApi = Record<never, never>;

/** PLACEHOLDER of the spine: orders and revenue per day, average order value, top products, fulfilment time. */
export function createAnalyticsFeature(_deps: OrdersDeps): PlatformModule<AnalyticsFeatureApi> {
  return { api: {} };
}
