import { AppError } from '../../../platform/errors.js';

/** The ORDERS_* codes of shipping (beside the module's errors.ts). */
export const ShippingErrors = {
  /** 401: the signature does not verify (tampered body, another secret). */
  webhookRefused: () =>
    new AppError(
      'ORDERS_SHIPPING_WEBHOOK_REFUSED',
      'unauthenticated',
      'The webhook signature does not verify.',
    ),
  /** 400 naming the field of a signed payload we cannot read. */
  webhookInvalid: (field: string, message: string) =>
    new AppError(
      'ORDERS_SHIPPING_WEBHOOK_INVALID',
      'invalid_input',
      `The webhook payload is not valid: ${field} ${message}.`,
      {
        fields: [{ field, message }],
      },
    ),
  /** 404: no such carrier for webhooks, a malformed tenant, or the tenant has not configured it. */
  webhookNotFound: (field: string, message: string) =>
    new AppError('ORDERS_SHIPPING_WEBHOOK_NOT_FOUND', 'not_found', 'There is no such carrier webhook.', {
      fields: [{ field, message }],
    }),
  /** 409: labels are bought for CONFIRMED or PROCESSING orders only. */
  notShippable: (status: string) =>
    new AppError(
      'ORDERS_SHIPMENT_NOT_ALLOWED',
      'conflict',
      `A label cannot be bought for an order that is ${status}.`,
      {
        fields: [{ field: 'params.orderId', message: `order is ${status}` }],
      },
    ),
  /** 422: the rate id is not one of this order's rates. */
  unknownRate: () =>
    new AppError(
      'ORDERS_SHIPPING_RATE_UNKNOWN',
      'unprocessable',
      'The rate is not one of this order’s rates; ask for rates again.',
      {
        fields: [{ field: 'body.rateId', message: 'is not a rate of this order' }],
      },
    ),
  unknownLine: (index: number) =>
    new AppError(
      'ORDERS_SHIPPING_LINE_UNKNOWN',
      'unprocessable',
      'A line is not a line of this order or exceeds its quantity.',
      {
        fields: [
          {
            field: `body.lines.${index}.lineId`,
            message: 'is not a line of this order, or the quantity exceeds it',
          },
        ],
      },
    ),
  noRates: () =>
    new AppError('ORDERS_SHIPPING_NO_RATES', 'unprocessable', 'The carrier offers no rate for this parcel.'),
  /** 422: a carrier setting is missing (the API key, the origin address). */
  notConfigured: (what: string) =>
    new AppError('ORDERS_SHIPPING_NOT_CONFIGURED', 'unprocessable', `Shipping is not configured: ${what}.`),
  /** 503: the carrier did not answer or refused; retryable. */
  carrierUnavailable: (carrier: string, detail: string) =>
    new AppError(
      'ORDERS_CARRIER_UNAVAILABLE',
      'unavailable',
      `The carrier ${carrier} is not available: ${detail}`,
      {
        retryAfterSeconds: 5,
      },
    ),
  /** 422: the carrier refused the request (a bad address, a parcel it does not take). */
  carrierRefused: (carrier: string, detail: string) =>
    new AppError('ORDERS_CARRIER_REFUSED', 'unprocessable', `The carrier ${carrier} refused: ${detail}`),
} as const;
