import { AppError } from '../../platform/errors.js';

/** Every NOTIFICATIONS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const NotificationsErrors = {
  itemNotFound: () => new AppError('NOTIFICATIONS_ITEM_NOT_FOUND', 'not_found', 'The item was not found.'),
} as const;
