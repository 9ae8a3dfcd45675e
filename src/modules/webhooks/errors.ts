import { AppError } from '../../platform/errors.js';

/** Every WEBHOOKS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const WebhooksErrors = {
  itemNotFound: () => new AppError('WEBHOOKS_ITEM_NOT_FOUND', 'not_found', 'The item was not found.'),
} as const;
