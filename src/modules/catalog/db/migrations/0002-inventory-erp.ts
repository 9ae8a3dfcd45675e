import { tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Inventory per location (levels, reservations per order line, an append-only movement ledger)
 * and the ERP connection with its sync reports. Nothing here is personal data; the ERP's
 * credentials live in the secrets store (catalog.erp.username / catalog.erp.password).
 */
export const inventoryErp = `
  CREATE TABLE catalog.locations (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    code text NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, code)
  );
  ${tenantIsolation('catalog.locations')}

  -- available = on_hand - reserved, never negative: the CHECK is the last guard behind the
  -- conditional UPDATE of a reservation.
  CREATE TABLE catalog.inventory_levels (
    tenant_id uuid NOT NULL,
    product_id uuid NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
    location_id uuid NOT NULL REFERENCES catalog.locations (id) ON DELETE CASCADE,
    on_hand integer NOT NULL DEFAULT 0,
    reserved integer NOT NULL DEFAULT 0,
    low_stock_threshold integer NOT NULL DEFAULT 0 CHECK (low_stock_threshold >= 0),
    -- Set when available fell to or below the threshold (one event per crossing); cleared when it rose above.
    low_stock_since timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),
    erp_modified_at timestamptz,
    PRIMARY KEY (product_id, location_id),
    CHECK (reserved >= 0 AND reserved <= on_hand)
  );
  ${tenantIsolation('catalog.inventory_levels')}
  CREATE INDEX inventory_levels_location ON catalog.inventory_levels (tenant_id, location_id, product_id);

  CREATE TABLE catalog.reservations (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    -- The order's public id as the orders module gives it (ord_...): opaque here.
    order_id text NOT NULL CHECK (length(order_id) BETWEEN 1 AND 100),
    line_id text NOT NULL CHECK (length(line_id) BETWEEN 1 AND 100),
    product_id uuid NOT NULL REFERENCES catalog.products (id) ON DELETE RESTRICT,
    location_id uuid NOT NULL REFERENCES catalog.locations (id) ON DELETE RESTRICT,
    quantity integer NOT NULL CHECK (quantity > 0),
    state text NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'released', 'consumed')),
    restocked integer NOT NULL DEFAULT 0 CHECK (restocked >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, order_id, line_id, location_id)
  );
  ${tenantIsolation('catalog.reservations')}
  CREATE INDEX reservations_held ON catalog.reservations (created_at) WHERE state = 'held';

  -- Append-only: every change of on_hand or reserved, with its reason and actor.
  CREATE TABLE catalog.inventory_movements (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    product_id uuid NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
    location_id uuid NOT NULL REFERENCES catalog.locations (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('adjustment', 'reservation', 'release', 'consume', 'restock', 'erp_sync')),
    on_hand_delta integer NOT NULL DEFAULT 0,
    reserved_delta integer NOT NULL DEFAULT 0,
    order_id text,
    reason text NOT NULL CHECK (length(reason) <= 1000),
    actor text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('catalog.inventory_movements', { privileges: ['SELECT', 'INSERT'] })}
  CREATE INDEX inventory_movements_product ON catalog.inventory_movements (tenant_id, product_id, created_at);

  CREATE TABLE catalog.erp_connections (
    tenant_id uuid PRIMARY KEY,
    endpoint text NOT NULL CHECK (length(endpoint) BETWEEN 1 AND 2000),
    enabled boolean NOT NULL DEFAULT false,
    interval_minutes integer NOT NULL DEFAULT 60 CHECK (interval_minutes BETWEEN 1 AND 10080),
    -- How credentials (in the secrets store) are sent: WS-Security UsernameToken or HTTP Basic.
    auth text NOT NULL DEFAULT 'ws_security' CHECK (auth IN ('ws_security', 'basic')),
    -- ERP warehouse id -> location uuid.
    location_map jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(location_map) = 'object'),
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('catalog.erp_connections')}

  CREATE TABLE catalog.erp_syncs (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('inventory', 'products')),
    state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'succeeded', 'failed')),
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    created integer NOT NULL DEFAULT 0,
    updated integer NOT NULL DEFAULT 0,
    unchanged integer NOT NULL DEFAULT 0,
    rejected integer NOT NULL DEFAULT 0,
    rejections jsonb NOT NULL DEFAULT '[]'::jsonb,
    -- The watermark this run started from, and the one the next run starts from once it succeeded.
    since text,
    cursor text,
    -- Where the run is: the page done last (a resumed run continues after it).
    page integer NOT NULL DEFAULT 0,
    error text
  );
  ${tenantIsolation('catalog.erp_syncs')}
  CREATE INDEX erp_syncs_kind ON catalog.erp_syncs (tenant_id, kind, started_at DESC);
  CREATE UNIQUE INDEX erp_syncs_one_running ON catalog.erp_syncs (tenant_id, kind) WHERE state = 'running';

  -- Products read availability through this one function (0001 defined it as 0 until this table existed).
  CREATE OR REPLACE FUNCTION catalog.product_available(p_product_id uuid) RETURNS integer
    LANGUAGE sql STABLE AS $$
      SELECT coalesce(sum(on_hand - reserved), 0)::int FROM catalog.inventory_levels WHERE product_id = p_product_id
    $$;
`;
