import {
  grantSchemaUsage,
  sqlMigration,
  tenantIsolation,
  type MigrationSet,
} from '../../../../platform/db/index.js';

/** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
export const webhooksMigrations: MigrationSet = {
  schema: 'webhooks',
  migrations: [
    sqlMigration(
      '0001_endpoints_and_deliveries',
      `
      ${grantSchemaUsage('webhooks')}
      -- A tenant's receiver. The signing secret is sealed under the tenant's data key (AAD
      -- webhooks.signing_secret:<id>) and shown in clear only when created or rotated.
      CREATE TABLE webhooks.endpoints (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
        event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 100),
        enabled boolean NOT NULL DEFAULT true,
        secret_sealed bytea NOT NULL,
        secret_rotated_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX endpoints_tenant ON webhooks.endpoints (tenant_id, created_at DESC);
      ${tenantIsolation('webhooks.endpoints')}

      -- One event as it is sent (its id is the event's id), shared by the deliveries to every
      -- endpoint that wants it. The data is sealed (AAD webhooks.message:<id>): events may carry
      -- personal facts (intents and their phrases).
      CREATE TABLE webhooks.messages (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        data_sealed bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      ${tenantIsolation('webhooks.messages')}

      CREATE TABLE webhooks.deliveries (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        endpoint_id uuid NOT NULL REFERENCES webhooks.endpoints (id) ON DELETE CASCADE,
        message_id uuid NOT NULL REFERENCES webhooks.messages (id) ON DELETE CASCADE,
        event_type text NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        last_response_ms integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (endpoint_id, message_id)
      );
      CREATE INDEX deliveries_due ON webhooks.deliveries (next_attempt_at) WHERE state = 'pending';
      CREATE INDEX deliveries_endpoint ON webhooks.deliveries (endpoint_id, created_at DESC);
      ${tenantIsolation('webhooks.deliveries')}
      `,
    ),
    sqlMigration(
      '0002_delivery_claims',
      `
      -- A sender's claim on a pending delivery, apart from its schedule: a claim holds until this
      -- time whatever moment a sender asks about, so two senders never attempt one delivery at once.
      ALTER TABLE webhooks.deliveries ADD COLUMN claimed_until timestamptz;
      `,
    ),
  ],
};
