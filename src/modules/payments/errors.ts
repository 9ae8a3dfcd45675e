import { AppError } from '../../platform/errors.js';

/** Every PAYMENTS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const PaymentsErrors = {
  paymentNotFound: () =>
    new AppError('PAYMENTS_PAYMENT_NOT_FOUND', 'not_found', 'The payment was not found.'),
  /** The operation does not fit the payment's state (refund more than captured, capture a voided one). */
  invalidState: (message: string) => new AppError('PAYMENTS_INVALID_STATE', 'conflict', message),
  /** The gateway could not be reached or answered 5xx: transient, the caller (or the bus) retries. */
  gatewayUnavailable: (gateway: string, cause?: unknown) =>
    new AppError('PAYMENTS_GATEWAY_UNAVAILABLE', 'unavailable', `The ${gateway} gateway is not answering.`, {
      cause,
      retryAfterSeconds: 5,
    }),
  /** The tenant has not configured the gateway it asked for (no credentials in the secrets store). */
  gatewayNotConfigured: (gateway: string) =>
    new AppError(
      'PAYMENTS_GATEWAY_NOT_CONFIGURED',
      'unprocessable',
      `The ${gateway} gateway is not configured for this tenant.`,
    ),
} as const;
