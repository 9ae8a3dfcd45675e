import { AppError } from '../../../platform/errors.js';
import type { PlatformModule } from '../../../platform/module.js';
import type { PaymentsService } from '../contract.js';
import type { PaymentsDeps } from '../payments.deps.js';

/** PLACEHOLDER of the spine: the payments helper widens this (gateways, reconciliation, history). */
export type PaymentsFeatureApi = PaymentsService;

const notBuilt = () => Promise.reject(new AppError('NOT_BUILT', 'unavailable', 'payments: not built yet'));

/** PLACEHOLDER of the spine: the payments service, gateways, webhooks and reconciliation. */
export function createPaymentsFeature(_deps: PaymentsDeps): PlatformModule<PaymentsFeatureApi> {
  return {
    api: {
      authorize: notBuilt,
      capture: notBuilt,
      void: notBuilt,
      refund: notBuilt,
      get: notBuilt,
      forOrder: notBuilt,
    },
  };
}
