import { AppError } from '../../platform/errors.js';

/** Every ORDERS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const OrdersErrors = {
  orderNotFound: () => new AppError('ORDERS_ORDER_NOT_FOUND', 'not_found', 'The order was not found.'),
  /** 409: the state machine does not allow it (SHIPPED → PENDING, cancel after shipping). */
  invalidTransition: (from: string, to: string) =>
    new AppError('ORDERS_INVALID_TRANSITION', 'conflict', `An order cannot go from ${from} to ${to}.`, {
      fields: [{ field: 'body.status', message: `not allowed from ${from}` }],
    }),
  /** 409: another writer holds the order, or it changed since the version the caller read. */
  concurrentChange: () =>
    new AppError(
      'ORDERS_CONCURRENT_CHANGE',
      'conflict',
      'The order is being changed by someone else; read it again.',
    ),
  /** 422: same Idempotency-Key, different request. */
  idempotencyKeyReused: () =>
    new AppError(
      'ORDERS_IDEMPOTENCY_KEY_REUSED',
      'unprocessable',
      'This Idempotency-Key was used with a different request.',
      { fields: [{ field: 'header.idempotency-key', message: 'used before with another body' }] },
    ),
  shipmentNotFound: () =>
    new AppError('ORDERS_SHIPMENT_NOT_FOUND', 'not_found', 'The shipment was not found.'),
} as const;
