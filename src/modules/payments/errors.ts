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
  /** The same idempotency key came with another request (another amount, payment or operation). */
  idempotencyKeyReused: (field: string) =>
    new AppError(
      'PAYMENTS_IDEMPOTENCY_KEY_REUSED',
      'unprocessable',
      'This idempotency key was already used for a different request.',
      { fields: [{ field, message: 'was already used with another amount, payment or operation' }] },
    ),
  /** The input names something the gateway cannot take (a card number the simulator does not know). */
  invalidInput: (field: string, message: string) =>
    new AppError('PAYMENTS_INVALID_INPUT', 'invalid_input', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  /** A gateway's webhook whose signature does not verify (or is too old). */
  webhookSignatureInvalid: (gateway: string, detail: string) =>
    new AppError(
      'PAYMENTS_WEBHOOK_SIGNATURE_INVALID',
      'unauthenticated',
      `The ${gateway} webhook signature does not verify.`,
      {
        detail,
      },
    ),
  /** A webhook whose payload cannot be read. */
  webhookInvalid: (field: string, message: string) =>
    new AppError(
      'PAYMENTS_WEBHOOK_INVALID',
      'invalid_input',
      `The webhook payload is not valid: ${field} ${message}.`,
      {
        fields: [{ field, message }],
      },
    ),
  /** A simulator 3-D Secure link whose token does not match (or a payment that awaits no challenge). */
  challengeNotFound: () =>
    new AppError('PAYMENTS_CHALLENGE_NOT_FOUND', 'not_found', 'This 3-D Secure challenge was not found.'),
} as const;
