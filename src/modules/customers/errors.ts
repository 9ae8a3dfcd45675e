import { AppError } from '../../platform/errors.js';

/** Every CUSTOMERS_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const CustomersErrors = {
  itemNotFound: () => new AppError('CUSTOMERS_ITEM_NOT_FOUND', 'not_found', 'The item was not found.'),
} as const;
