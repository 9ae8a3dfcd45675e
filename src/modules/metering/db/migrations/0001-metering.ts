import { grantSchemaUsage, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Usage per tenant, kept as daily rollups: one row per (tenant, UTC day, meter, dimension). Event
 * meters add to their row; gauges (storage) replace theirs. No raw usage rows: the facts live in
 * the modules that produced them, and a row per call record would double the calls index. What
 * makes a redelivered event count once is its id in counted_events, written in the transaction
 * that adds its quantities; those keys are kept for a fortnight (docs/metering.md, Retention).
 */
export const metering = `
  ${grantSchemaUsage('metering')}

  CREATE TABLE metering.counted_events (
    event_id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    counted_at timestamptz NOT NULL DEFAULT now()
  );
  -- Rows arrive in time order: a BRIN index finds the expired ones at a fraction of a B-tree's size.
  CREATE INDEX counted_events_counted_at ON metering.counted_events USING brin (counted_at);
  ${tenantIsolation('metering.counted_events', { privileges: ['SELECT', 'INSERT'] })}

  CREATE TABLE metering.daily_usage (
    tenant_id uuid NOT NULL,
    day date NOT NULL,
    meter text NOT NULL CHECK (meter ~ '^[a-z][a-z0-9_]{0,63}$'),
    -- '' for meters without one; the storage area (top-level object prefix) for storage.
    dimension text NOT NULL DEFAULT '' CHECK (length(dimension) <= 100),
    -- In the meter's base unit (a count, milliseconds, tokens, bytes): whole numbers, never a float.
    quantity bigint NOT NULL CHECK (quantity >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, day, meter, dimension)
  );
  ${tenantIsolation('metering.daily_usage')}

  -- The tenant's price list: one currency, a price per unit of each priced meter (absent = 0).
  CREATE TABLE metering.unit_prices (
    tenant_id uuid NOT NULL,
    meter text NOT NULL CHECK (meter ~ '^[a-z][a-z0-9_]{0,63}$'),
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    unit_price numeric(19, 9) NOT NULL CHECK (unit_price >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL CHECK (length(updated_by) <= 200),
    PRIMARY KEY (tenant_id, meter)
  );
  ${tenantIsolation('metering.unit_prices')}
`;
