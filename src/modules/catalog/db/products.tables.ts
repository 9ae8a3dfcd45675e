import type { Generated } from 'kysely';

/** SPINE: the core tables; the products helper adds its own (images, imports) and columns. */
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
  status: Generated<'draft' | 'active' | 'archived'>;
  categoryId: string | null;
  attributes: Generated<Record<string, string | number | boolean>>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type ProductPricesTable = {
  tenantId: string;
  productId: string;
  currency: string;
  amountMinor: number;
};

export type ProductsTables = {
  'catalog.categories': CategoriesTable;
  'catalog.products': ProductsTable;
  'catalog.product_prices': ProductPricesTable;
};
