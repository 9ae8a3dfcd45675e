import type { Generated } from 'kysely';

export type ProductStatusColumn = 'draft' | 'active' | 'archived';
export type AttributeValue = string | number | boolean;

export type CategoriesTable = {
  id: string;
  tenantId: string;
  parentId: string | null;
  name: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type ProductsTable = {
  id: string;
  tenantId: string;
  sku: string;
  name: string;
  description: string | null;
  status: Generated<ProductStatusColumn>;
  categoryId: string | null;
  attributes: Generated<Record<string, AttributeValue>>;
  version: Generated<number>;
  /** Kept by a trigger (tsvector); never written by the application. */
  search: Generated<string>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type ProductPricesTable = {
  tenantId: string;
  productId: string;
  currency: string;
  amountMinor: number;
};

export type ProductImagesTable = {
  id: string;
  tenantId: string;
  productId: string;
  objectKey: string;
  contentType: string;
  sizeBytes: number;
  alt: string | null;
  createdAt: Generated<Date>;
};

export type ProductImportState = 'queued' | 'running' | 'completed' | 'failed';

export type ProductImportsTable = {
  id: string;
  tenantId: string;
  state: Generated<ProductImportState>;
  objectKey: string;
  sizeBytes: number;
  rowsTotal: Generated<number>;
  rowsDone: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  checkpointRow: Generated<number>;
  attempts: Generated<number>;
  claimedUntil: Date | null;
  failureReason: string | null;
  createdBy: string;
  createdAt: Generated<Date>;
  finishedAt: Date | null;
};

export type ProductImportRejectionsTable = {
  tenantId: string;
  importId: string;
  rowNumber: number;
  field: string;
  reason: string;
};

export type ProductsTables = {
  'catalog.categories': CategoriesTable;
  'catalog.products': ProductsTable;
  'catalog.product_prices': ProductPricesTable;
  'catalog.product_images': ProductImagesTable;
  'catalog.product_imports': ProductImportsTable;
  'catalog.product_import_rejections': ProductImportRejectionsTable;
};
