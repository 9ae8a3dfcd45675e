import { grantSchemaUsage, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Orders and their lines. Personal data (e-mail, addresses, phone) is sealed under the tenant's
 * data key; the e-mail is looked up through a blind index. Plain: what lists filter and analytics
 * sum on (status, currency, totals, country of delivery, SKU of lines).
 * SPINE: the core columns shipping and analytics rely on; the orders helper adds the rest here
 * (status history, idempotency keys, settings, discounts, returns).
 */
export const orders = `
  ${grantSchemaUsage('orders')}

  CREATE TABLE orders.orders (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    -- Per tenant, shown as SO-000123.
    number bigint NOT NULL,
    status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED')),
    channel text NOT NULL CHECK (channel IN ('internal', 'portal')),
    -- The client user the order belongs to (identity's user uuid), when known.
    customer_id uuid,
    email_index bytea NOT NULL,
    -- E-mail, shipping and billing addresses (JSON), sealed.
    contact_sealed bytea NOT NULL,
    ship_country text NOT NULL CHECK (ship_country ~ '^[A-Z]{2}$'),
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    subtotal_minor bigint NOT NULL CHECK (subtotal_minor >= 0),
    discount_minor bigint NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
    shipping_minor bigint NOT NULL DEFAULT 0 CHECK (shipping_minor >= 0),
    tax_minor bigint NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
    total_minor bigint NOT NULL CHECK (total_minor >= 0),
    refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= total_minor),
    version integer NOT NULL DEFAULT 1,
    placed_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    UNIQUE (tenant_id, number)
  );
  ${tenantIsolation('orders.orders')}

  CREATE TABLE orders.order_lines (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    order_id uuid NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
    position integer NOT NULL,
    product_id uuid NOT NULL,
    sku text NOT NULL,
    name text NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0),
    unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
    discount_minor bigint NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
    tax_rate_bp integer NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    tax_minor bigint NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
    total_minor bigint NOT NULL CHECK (total_minor >= 0),
    returned_quantity integer NOT NULL DEFAULT 0 CHECK (returned_quantity >= 0 AND returned_quantity <= quantity),
    UNIQUE (order_id, position)
  );
  ${tenantIsolation('orders.order_lines')}
`;
