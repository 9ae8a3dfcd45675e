import { tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Shipments and their tracking, the carriers' webhook deliveries, and the saved views of the order
 * list. Money as bigint minor units + currency. The raw webhook bodies can name people (EasyPost's
 * `signed_by`, addresses of a shipment), so they are kept sealed under the tenant's data key.
 *
 * - shipments: one label bought for (some of) an order's lines; `status` only moves forward (see
 *   shipping/carrier.ts, statusRank); shipped_at / delivered_at are the first time it got there.
 * - shipment_events: one tracking detail; `source_event_id` is unique per tenant, so a replayed
 *   webhook or a detail a later webhook repeats is stored once.
 * - carrier_webhook_events: one delivery of a carrier (or the simulator); `event_id` unique per
 *   tenant and carrier — a replayed delivery is recognised and applied once.
 * - saved_views: a user's named filters of GET /orders.
 */
export const shipping = `
  CREATE TABLE orders.shipments (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    order_id uuid NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
    carrier text NOT NULL CHECK (carrier IN ('simulator', 'easypost')),
    service text NOT NULL,
    carrier_shipment_id text,
    carrier_tracker_id text,
    tracking_code text,
    tracking_url text,
    label_object_key text,
    label_url text,
    status text NOT NULL CHECK (status IN ('label_created', 'pre_transit', 'in_transit', 'out_for_delivery',
                                           'delivered', 'return_to_sender', 'failure', 'cancelled')),
    cost_minor bigint CHECK (cost_minor >= 0),
    cost_currency text CHECK (cost_currency ~ '^[A-Z]{3}$'),
    lines jsonb NOT NULL DEFAULT '[]'::jsonb,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    shipped_at timestamptz,
    delivered_at timestamptz,
    CHECK ((cost_minor IS NULL) = (cost_currency IS NULL))
  );
  ${tenantIsolation('orders.shipments')}
  CREATE INDEX shipments_order_idx ON orders.shipments (tenant_id, order_id, created_at);
  CREATE UNIQUE INDEX shipments_tracker_idx ON orders.shipments (tenant_id, carrier, carrier_tracker_id)
    WHERE carrier_tracker_id IS NOT NULL;
  CREATE INDEX shipments_tracking_code_idx ON orders.shipments (tenant_id, carrier, tracking_code);
  -- The simulator's catch-up timer: shipments still on their way.
  CREATE INDEX shipments_open_idx ON orders.shipments (carrier, status)
    WHERE status NOT IN ('delivered', 'return_to_sender', 'failure', 'cancelled');

  CREATE TABLE orders.shipment_events (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    shipment_id uuid NOT NULL REFERENCES orders.shipments (id) ON DELETE CASCADE,
    status text NOT NULL,
    message text NOT NULL,
    location text,
    occurred_at timestamptz NOT NULL,
    source_event_id text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, source_event_id)
  );
  ${tenantIsolation('orders.shipment_events')}
  CREATE INDEX shipment_events_shipment_idx ON orders.shipment_events (tenant_id, shipment_id, occurred_at);

  CREATE TABLE orders.carrier_webhook_events (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    carrier text NOT NULL,
    event_id text NOT NULL,
    description text NOT NULL,
    -- The body as it came, sealed (AAD orders.carrier_webhook:<id>).
    raw_sealed bytea NOT NULL,
    shipment_id uuid REFERENCES orders.shipments (id) ON DELETE SET NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, carrier, event_id)
  );
  ${tenantIsolation('orders.carrier_webhook_events')}

  CREATE TABLE orders.saved_views (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    -- The actor id of the user the view belongs to (usr_…, key_…).
    user_id text NOT NULL,
    name text NOT NULL,
    filters jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, user_id, name)
  );
  ${tenantIsolation('orders.saved_views')}

  -- Analytics reads orders of a tenant by the time they were placed.
  CREATE INDEX IF NOT EXISTS orders_tenant_placed_at_idx ON orders.orders (tenant_id, placed_at);
`;
