import { grantSchemaUsage, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Payments, their gateway calls, the gateways' webhook deliveries, reconciliation reports, each
 * tenant's gateway settings, and the embedded simulator's own "gateway-side" ledger and delayed
 * webhooks. Money: bigint minor units + currency. Never a card number: brand and last four only.
 * Personal data (a PayPal payer's e-mail) and webhook payloads are sealed under the tenant's key.
 */
export const payments = `
  ${grantSchemaUsage('payments')}

  CREATE TABLE payments.payments (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    -- The order's public id (ord_…): opaque to payments.
    order_id text NOT NULL CHECK (length(order_id) BETWEEN 1 AND 100),
    gateway text NOT NULL CHECK (gateway IN ('simulator', 'stripe', 'paypal')),
    gateway_reference text,
    status text NOT NULL CHECK (status IN ('pending', 'requires_action', 'authorized', 'partially_captured',
      'captured', 'partially_refunded', 'refunded', 'voided', 'failed')),
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
    authorized_minor bigint NOT NULL DEFAULT 0 CHECK (authorized_minor >= 0),
    captured_minor bigint NOT NULL DEFAULT 0 CHECK (captured_minor >= 0 AND captured_minor <= authorized_minor),
    refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= captured_minor),
    method_type text,
    method_brand text,
    method_last4 text CHECK (method_last4 IS NULL OR method_last4 ~ '^[0-9]{4}$'),
    -- A PayPal payer's e-mail, sealed (AAD payments.payer_email:<payment uuid>).
    payer_email_sealed bytea,
    next_action jsonb,
    -- Non-personal gateway facts the adapter needs later (PayPal's authorization id).
    gateway_state jsonb NOT NULL DEFAULT '{}'::jsonb,
    failure_code text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('payments.payments')}
  CREATE INDEX payments_order_idx ON payments.payments (tenant_id, order_id, id);
  CREATE INDEX payments_reference_idx ON payments.payments (tenant_id, gateway, gateway_reference);

  CREATE TABLE payments.payment_transactions (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    payment_id uuid NOT NULL REFERENCES payments.payments (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('authorize', 'capture', 'void', 'refund')),
    currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
    status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    -- Scoped by kind and payment (capture:<payment uuid>:<caller's key>); sent to the gateway as is.
    idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 300),
    gateway_reference text,
    -- The capture a refund was taken from (PayPal refunds one capture at a time).
    parent_reference text,
    failure_code text,
    failure_message text,
    reason text,
    -- How it came: our call, or a gateway's webhook that told of one we did not make.
    origin text NOT NULL DEFAULT 'api' CHECK (origin IN ('api', 'webhook')),
    created_at timestamptz NOT NULL DEFAULT now(),
    settled_at timestamptz,
    UNIQUE (tenant_id, idempotency_key)
  );
  ${tenantIsolation('payments.payment_transactions')}
  CREATE INDEX payment_transactions_payment_idx ON payments.payment_transactions (payment_id, created_at);
  CREATE INDEX payment_transactions_settled_idx ON payments.payment_transactions (tenant_id, settled_at);

  CREATE TABLE payments.gateway_events (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    gateway text NOT NULL,
    event_id text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 255),
    type text NOT NULL,
    payment_id uuid,
    -- The payload as received, sealed (AAD payments.gateway_event:<uuid>).
    payload_sealed bytea NOT NULL,
    outcome text,
    received_at timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    UNIQUE (tenant_id, gateway, event_id)
  );
  ${tenantIsolation('payments.gateway_events')}

  CREATE TABLE payments.reconciliation_reports (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    gateway text NOT NULL,
    day text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    matched integer NOT NULL,
    missing_at_gateway jsonb NOT NULL,
    missing_here jsonb NOT NULL,
    amount_mismatches jsonb NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('payments.reconciliation_reports')}
  CREATE INDEX reconciliation_reports_idx ON payments.reconciliation_reports (tenant_id, created_at DESC);

  CREATE TABLE payments.gateway_settings (
    tenant_id uuid NOT NULL,
    gateway text NOT NULL CHECK (gateway IN ('simulator', 'stripe', 'paypal')),
    is_default boolean NOT NULL DEFAULT false,
    -- Where the adapter sends its calls (a test double, PayPal's sandbox); null: the gateway's own.
    base_url text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, gateway)
  );
  ${tenantIsolation('payments.gateway_settings')}
  CREATE UNIQUE INDEX gateway_settings_one_default ON payments.gateway_settings (tenant_id) WHERE is_default;

  -- The simulator's side, as if it were the external gateway's database: one row per operation,
  -- keyed by the idempotency key it was asked with, so a retried call returns the first answer.
  CREATE TABLE payments.simulator_ledger (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    idempotency_key text NOT NULL,
    operation text NOT NULL,
    reference text NOT NULL,
    payment_reference text NOT NULL,
    currency text NOT NULL,
    amount_minor bigint NOT NULL,
    request_hash text NOT NULL,
    response jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, idempotency_key)
  );
  ${tenantIsolation('payments.simulator_ledger')}
  CREATE INDEX simulator_ledger_reference_idx ON payments.simulator_ledger (tenant_id, payment_reference);

  -- The simulator's delayed webhooks: delivered by a timer through the webhook ingestion path.
  CREATE TABLE payments.simulator_webhooks (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    deliver_at timestamptz NOT NULL,
    body jsonb NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    delivered_at timestamptz
  );
  ${tenantIsolation('payments.simulator_webhooks')}
  CREATE INDEX simulator_webhooks_due_idx ON payments.simulator_webhooks (deliver_at) WHERE delivered_at IS NULL;
`;
