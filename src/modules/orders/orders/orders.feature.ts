import type { PlatformModule } from '../../../platform/module.js';
import type { OrderTransitions } from '../contract.js';
import type { OrdersDeps } from '../orders.deps.js';
import { AppError } from '../../../platform/errors.js';

/**
 * PLACEHOLDER of the spine: the orders helper widens this (create, get, list, cancel, refund,
 * returns…); `transitions` is what shipping uses.
 */
export interface OrdersFeatureApi {
  readonly transitions: OrderTransitions;
}

const notBuilt = () => Promise.reject(new AppError('NOT_BUILT', 'unavailable', 'orders: not built yet'));

/** PLACEHOLDER of the spine: orders, the state machine, the place-order workflow, refunds and returns. */
export function createOrdersFeature(_deps: OrdersDeps): PlatformModule<OrdersFeatureApi> {
  return { api: { transitions: { transition: notBuilt, get: notBuilt } } };
}
