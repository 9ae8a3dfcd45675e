import { grantSchemaUsage, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Products, their prices per currency and the category tree. Nothing here is personal data.
 * SPINE: the core columns other features rely on (inventory's FKs, orders' look-ups, tests that
 * seed rows). The products helper adds search (tsvector + trigram), images and imports here.
 */
export const products = `
  ${grantSchemaUsage('catalog')}

  CREATE TABLE catalog.categories (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    parent_id uuid REFERENCES catalog.categories (id) ON DELETE RESTRICT,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS NULL OR parent_id <> id)
  );
  ${tenantIsolation('catalog.categories')}
  CREATE UNIQUE INDEX categories_name_per_parent ON catalog.categories (tenant_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));

  CREATE TABLE catalog.products (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    sku text NOT NULL CHECK (length(sku) BETWEEN 1 AND 100),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    description text CHECK (length(description) <= 20000),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
    category_id uuid REFERENCES catalog.categories (id) ON DELETE SET NULL,
    -- Free attributes: string, number or boolean values (colour, size, weight_g, tax_class).
    attributes jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(attributes) = 'object'),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, sku)
  );
  ${tenantIsolation('catalog.products')}

  -- One price per product and currency, in minor units.
  CREATE TABLE catalog.product_prices (
    tenant_id uuid NOT NULL,
    product_id uuid NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (product_id, currency)
  );
  ${tenantIsolation('catalog.product_prices')}
`;
