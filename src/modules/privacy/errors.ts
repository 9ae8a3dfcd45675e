import { AppError } from '../../platform/errors.js';

/** Every PRIVACY_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const PrivacyErrors = {
  itemNotFound: () => new AppError('PRIVACY_ITEM_NOT_FOUND', 'not_found', 'The item was not found.'),
} as const;
