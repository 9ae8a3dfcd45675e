import { AppError } from '../../platform/errors.js';

/** Every WEBHOOKS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const WebhooksErrors = {
  endpointNotFound: () =>
    new AppError('WEBHOOKS_ENDPOINT_NOT_FOUND', 'not_found', 'The webhook endpoint was not found.'),
  deliveryNotFound: () =>
    new AppError('WEBHOOKS_DELIVERY_NOT_FOUND', 'not_found', 'The webhook delivery was not found.'),
  invalidUrl: (message: string) =>
    new AppError('WEBHOOKS_INVALID_URL', 'invalid_input', 'The endpoint URL cannot be used.', {
      fields: [{ field: 'body.url', message }],
    }),
  unknownEventType: (index: number, type: string) =>
    new AppError('WEBHOOKS_UNKNOWN_EVENT_TYPE', 'invalid_input', 'No module offers this event type.', {
      fields: [
        { field: `body.eventTypes.${index}`, message: `'${type}' is not an event type offered to webhooks` },
      ],
    }),
} as const;
