import { AppError, type FieldProblem } from '../../../platform/errors.js';

/** The orders feature's codes beyond the module's errors.ts (ORDERS_*). */
export const OrderErrors = {
  invalidOrder: (fields: readonly FieldProblem[]) =>
    new AppError('ORDERS_INVALID_ORDER', 'unprocessable', 'The order cannot be placed as given.', {
      fields,
      detail: fields.map((f) => `${f.field}: ${f.message}`).join('; '),
    }),
  idempotencyKeyInFlight: () =>
    new AppError(
      'ORDERS_IDEMPOTENCY_KEY_IN_FLIGHT',
      'conflict',
      'A request with this Idempotency-Key is still being processed; retry shortly.',
      {
        fields: [{ field: 'header.idempotency-key', message: 'in use by a request still running' }],
        retryAfterSeconds: 1,
      },
    ),
  refundTooLarge: (refundableMinor: number) =>
    new AppError(
      'ORDERS_REFUND_EXCEEDS_CAPTURED',
      'unprocessable',
      'More than what was captured and not yet refunded.',
      {
        fields: [{ field: 'body.amountMinor', message: `at most ${refundableMinor} can be refunded` }],
      },
    ),
  notRefundable: (status: string) =>
    new AppError('ORDERS_NOT_REFUNDABLE', 'conflict', `Nothing of an order in ${status} can be refunded.`),
  notReturnable: (status: string) =>
    new AppError('ORDERS_NOT_RETURNABLE', 'conflict', `An order in ${status} cannot take returns.`),
  discountNotFound: () =>
    new AppError('ORDERS_DISCOUNT_NOT_FOUND', 'not_found', 'The discount code was not found.'),
  discountTaken: () =>
    new AppError('ORDERS_DISCOUNT_CODE_TAKEN', 'conflict', 'A discount with this code exists.', {
      fields: [{ field: 'body.code', message: 'is taken' }],
    }),
  useRefunds: () =>
    new AppError(
      'ORDERS_USE_REFUNDS',
      'unprocessable',
      'An order becomes REFUNDED through POST /orders/{id}/refunds.',
      {
        fields: [{ field: 'body.status', message: 'REFUNDED is reached by refunding' }],
      },
    ),
} as const;
