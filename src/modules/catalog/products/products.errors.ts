import { AppError, type FieldProblem } from '../../../platform/errors.js';

/** The CATALOG_* codes of products, categories, images and imports (the module's errors.ts holds the shared ones). */
export const ProductsErrors = {
  productNotFound: () => new AppError('CATALOG_PRODUCT_NOT_FOUND', 'not_found', 'The product was not found.'),
  skuTaken: (sku: string, field = 'body.sku') =>
    new AppError('CATALOG_SKU_TAKEN', 'conflict', `${field}: the SKU '${sku.slice(0, 100)}' is taken.`, {
      fields: [{ field, message: 'is the SKU of another product of this tenant' }],
    }),
  staleVersion: (current: number) =>
    new AppError(
      'CATALOG_STALE_VERSION',
      'conflict',
      `body.version: the product changed since it was read (now version ${current}).`,
      { fields: [{ field: 'body.version', message: `is not the current version (${current})` }] },
    ),
  invalid: (fields: readonly FieldProblem[]) =>
    new AppError(
      'CATALOG_INVALID_PRODUCT',
      'unprocessable',
      fields.map((f) => `${f.field} ${f.message}`).join('; '),
      {
        fields,
      },
    ),
  categoryNotFound: (field = 'params.categoryId') =>
    new AppError('CATALOG_CATEGORY_NOT_FOUND', 'not_found', `${field}: the category was not found.`, {
      fields: [{ field, message: 'is not a category of this tenant' }],
    }),
  categoryCycle: () =>
    new AppError(
      'CATALOG_CATEGORY_CYCLE',
      'unprocessable',
      'body.parentId: the category cannot be moved under itself or one of its descendants.',
      { fields: [{ field: 'body.parentId', message: 'is the category itself or one of its descendants' }] },
    ),
  categoryNameTaken: (field = 'body.name') =>
    new AppError('CATALOG_CATEGORY_NAME_TAKEN', 'conflict', `${field}: a sibling category has this name.`, {
      fields: [{ field, message: 'is the name of a category with the same parent' }],
    }),
  categoryInUse: (children: number, products: number) =>
    new AppError(
      'CATALOG_CATEGORY_IN_USE',
      'conflict',
      `The category has ${children} child categories and ${products} products: move or remove them first.`,
    ),
  imageNotFound: () => new AppError('CATALOG_IMAGE_NOT_FOUND', 'not_found', 'The image was not found.'),
  unsupportedImage: (field: string, message: string) =>
    new AppError('CATALOG_UNSUPPORTED_IMAGE', 'unsupported_media_type', `${field} ${message}`, {
      fields: [{ field, message }],
    }),
  tooLarge: (field: string, limit: number) =>
    new AppError('CATALOG_FILE_TOO_LARGE', 'payload_too_large', `${field} is larger than ${limit} bytes.`, {
      fields: [{ field, message: `must be at most ${limit} bytes` }],
    }),
  invalidUpload: (fields: readonly FieldProblem[]) =>
    new AppError(
      'CATALOG_INVALID_UPLOAD',
      'invalid_input',
      fields.map((f) => `${f.field} ${f.message}`).join('; '),
      {
        fields,
      },
    ),
  importNotFound: () =>
    new AppError('CATALOG_IMPORT_NOT_FOUND', 'not_found', 'The product import was not found.'),
} as const;
