import { grantSchemaUsage, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Orders and their lines. Personal data (e-mail, addresses, phone) is sealed under the tenant's
 * data key; the e-mail is looked up through a blind index. Plain: what lists filter and analytics
 * sum on (status, currency, totals, country of delivery, SKU of lines).
 * Beside them: the status history, the number counter, idempotency keys, settings, discounts,
 * refunds and returns.
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
    -- The payment method as given (a simulator test card, a Stripe pm_ id), sealed; the place-order workflow reads it.
    payment_sealed bytea NOT NULL,
    gateway text CHECK (gateway IN ('simulator', 'stripe', 'paypal')),
    discount_code text,
    shipping_option text,
    shipping_tax_minor bigint NOT NULL DEFAULT 0 CHECK (shipping_tax_minor >= 0),
    prices_include_tax boolean NOT NULL DEFAULT false,
    cancel_reason text,
    -- When the place-order workflow was started (null: the sweeper starts it).
    workflow_started_at timestamptz,
    UNIQUE (tenant_id, number)
  );
  CREATE INDEX orders_list ON orders.orders (tenant_id, placed_at DESC, id DESC);
  CREATE INDEX orders_customer ON orders.orders (tenant_id, customer_id, placed_at DESC);
  CREATE INDEX orders_email ON orders.orders (tenant_id, email_index);
  CREATE INDEX orders_pending_unstarted ON orders.orders (placed_at) WHERE status = 'PENDING' AND workflow_started_at IS NULL;
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
  CREATE INDEX order_lines_sku ON orders.order_lines (tenant_id, sku);

  -- The order number's counter per tenant (SO-000123): one row, incremented under its row lock.
  CREATE TABLE orders.order_counters (
    tenant_id uuid PRIMARY KEY,
    last_number bigint NOT NULL
  );
  ${tenantIsolation('orders.order_counters')}

  CREATE TABLE orders.status_history (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    order_id uuid NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
    from_status text,
    to_status text NOT NULL,
    actor text NOT NULL,
    reason text NOT NULL,
    at timestamptz NOT NULL DEFAULT clock_timestamp()
  );
  ${tenantIsolation('orders.status_history')}
  CREATE INDEX status_history_order ON orders.status_history (order_id, at);

  -- Idempotency-Key of POST /orders, per tenant and scope (internal, or the client's user uuid), kept 24 h.
  -- response_sealed: the first response's body (it holds personal data), null while the first request runs.
  CREATE TABLE orders.idempotency_keys (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    scope text NOT NULL,
    key text NOT NULL,
    request_hash bytea NOT NULL,
    status_code integer,
    response_sealed bytea,
    order_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, scope, key)
  );
  ${tenantIsolation('orders.idempotency_keys')}
  CREATE INDEX idempotency_keys_age ON orders.idempotency_keys (created_at);

  CREATE TABLE orders.settings (
    tenant_id uuid PRIMARY KEY,
    document jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('orders.settings')}

  CREATE TABLE orders.discounts (
    tenant_id uuid NOT NULL,
    code text NOT NULL CHECK (code ~ '^[A-Z0-9_-]{1,40}$'),
    kind text NOT NULL CHECK (kind IN ('percent', 'fixed')),
    percent_bp integer CHECK (percent_bp BETWEEN 1 AND 10000),
    amount_minor bigint CHECK (amount_minor > 0),
    currency text CHECK (currency ~ '^[A-Z]{3}$'),
    min_subtotal_minor bigint CHECK (min_subtotal_minor >= 0),
    starts_at timestamptz,
    ends_at timestamptz,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, code),
    CHECK ((kind = 'percent' AND percent_bp IS NOT NULL) OR (kind = 'fixed' AND amount_minor IS NOT NULL AND currency IS NOT NULL))
  );
  ${tenantIsolation('orders.discounts')}

  CREATE TABLE orders.refunds (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    order_id uuid NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    reason text NOT NULL,
    lines jsonb NOT NULL DEFAULT '[]',
    actor text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
  );
  ${tenantIsolation('orders.refunds')}

  CREATE TABLE orders.returns (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    order_id uuid NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
    lines jsonb NOT NULL,
    reason text NOT NULL,
    restocked boolean NOT NULL,
    refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    actor text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
  );
  ${tenantIsolation('orders.returns')}
`;
