import { AppError } from '../../../platform/errors.js';
import type { PlatformModule } from '../../../platform/module.js';
import type { OrderTransitions, ShipmentsService } from '../contract.js';
import type { OrdersDeps } from '../orders.deps.js';

/** PLACEHOLDER of the spine: the shipping helper widens this. */
export type ShippingFeatureApi = ShipmentsService;

const notBuilt = () => Promise.reject(new AppError('NOT_BUILT', 'unavailable', 'shipping: not built yet'));

/** PLACEHOLDER of the spine: carriers (simulator, EasyPost), shipments, tracking webhooks. */
export function createShippingFeature(
  _deps: OrdersDeps,
  _features: { readonly transitions: OrderTransitions },
): PlatformModule<ShippingFeatureApi> {
  return { api: { rates: notBuilt, create: notBuilt, forOrder: notBuilt } };
}
