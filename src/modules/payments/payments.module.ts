import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { PaymentsSettings } from './payments.deps.js';
import { paymentsClassification } from './db/payments.classification.js';
import { paymentsMigrations } from './db/migrations/index.js';
import { paymentAuthorizedV1, paymentCapturedV1, paymentRefundedV1, paymentVoidedV1 } from './events.js';
import { createPaymentsPrivacy } from './privacy/payments.privacy.js';
import { createPaymentsFeature, type PaymentsFeatureApi } from './payments/payments.feature.js';

/** What payments offers other modules, the CLI and tests (`platform.modules.payments`). */
export type PaymentsApi = PaymentsFeatureApi;

/**
 * Payments: authorise, capture, void and refund through a gateway (the simulator by default,
 * Stripe, PayPal), every gateway call a transaction row with its idempotency key; the gateways'
 * webhooks, signature checked; a daily reconciliation against the gateway's own list.
 */
export const paymentsModule = defineModule({
  name: 'payments',
  migrations: paymentsMigrations,
  classification: paymentsClassification,
  // Gateway credentials: payments.stripe.secret_key, payments.stripe.webhook_secret,
  // payments.paypal.client_id, payments.paypal.client_secret, payments.paypal.webhook_id.
  secrets: { read: ['payments.'], write: ['payments.'] },
  adminPermissions: ['commerce:configure'],
  webhookEvents: [
    { type: paymentAuthorizedV1.type, description: 'A payment authorisation settled: authorised or failed.' },
    { type: paymentCapturedV1.type, description: 'Money was captured on a payment (full or partial).' },
    { type: paymentRefundedV1.type, description: 'Money was refunded on a payment (full or partial).' },
    { type: paymentVoidedV1.type, description: 'A payment authorisation was voided.' },
  ],
  settings: (config): PaymentsSettings => ({ publicUrl: config.http.publicUrl }),
  create: (deps): PlatformModule<PaymentsApi> => ({
    ...createPaymentsFeature(deps),
    privacy: createPaymentsPrivacy({
      database: deps.database,
      keyring: deps.keyring,
      privacyParticipants: deps.privacyParticipants,
      logger: deps.logger,
    }),
  }),
});
