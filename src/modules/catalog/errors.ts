import { AppError } from '../../platform/errors.js';

/** Every CATALOG_* code of the module. The kind decides the HTTP status and whether the bus retries. */
export const CatalogErrors = {
  productNotFound: () => new AppError('CATALOG_PRODUCT_NOT_FOUND', 'not_found', 'The product was not found.'),
  /** 409: the stock to reserve is not there; `fields` names each short line (`lines.<i>.quantity`). */
  outOfStock: (fields: readonly { field: string; message: string }[]) =>
    new AppError('CATALOG_OUT_OF_STOCK', 'conflict', 'Not enough stock for the order.', { fields }),
} as const;
