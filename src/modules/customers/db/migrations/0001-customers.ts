import { grantSchemaUsage, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Customer profiles and what hangs on them. Personal fields (name, e-mail, phone, addresses) are
 * sealed under the data subject's keys (crypto-shredding: src/platform/crypto/subject-keys); look-ups
 * go through blind indexes: the e-mail and phone under the platform-wide purposes `email` and
 * `phone` (they match other modules' indexes), the name through one index per normalised word.
 * Consents are append-only: the application may insert and read them, never change or delete them.
 */
export const customers = `
  ${grantSchemaUsage('customers')}

  CREATE TABLE customers.customers (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    -- The client (portal) user of identity the profile belongs to, when there is one.
    user_id uuid,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'anonymised')),
    restricted boolean NOT NULL DEFAULT false,
    language text CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$'),
    -- {name, email, phone} as JSON, sealed under the subject keys of the customer id, e-mail and phone.
    profile_sealed bytea,
    email_index bytea,
    phone_index bytea,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    last_activity_at timestamptz NOT NULL DEFAULT now(),
    anonymised_at timestamptz,
    created_by text NOT NULL,
    UNIQUE (tenant_id, user_id)
  );
  CREATE INDEX customers_email ON customers.customers (tenant_id, email_index) WHERE email_index IS NOT NULL;
  CREATE INDEX customers_phone ON customers.customers (tenant_id, phone_index) WHERE phone_index IS NOT NULL;
  CREATE INDEX customers_inactive ON customers.customers (last_activity_at) WHERE status = 'active';
  ${tenantIsolation('customers.customers')}

  -- One row per normalised word of a customer's name, as a blind index: search without plaintext.
  CREATE TABLE customers.name_terms (
    tenant_id uuid NOT NULL,
    customer_id uuid NOT NULL REFERENCES customers.customers (id) ON DELETE CASCADE,
    term bytea NOT NULL,
    PRIMARY KEY (customer_id, term)
  );
  CREATE INDEX name_terms_term ON customers.name_terms (tenant_id, term);
  ${tenantIsolation('customers.name_terms')}

  CREATE TABLE customers.addresses (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    customer_id uuid NOT NULL REFERENCES customers.customers (id) ON DELETE CASCADE,
    -- {label, name, line1, line2, city, region, postalCode, country} as JSON, sealed like the profile.
    address_sealed bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX addresses_customer ON customers.addresses (tenant_id, customer_id, created_at);
  ${tenantIsolation('customers.addresses')}

  CREATE TABLE customers.preferences (
    customer_id uuid PRIMARY KEY REFERENCES customers.customers (id) ON DELETE CASCADE,
    tenant_id uuid NOT NULL,
    -- {preferredChannel, channels: {email, sms, phone, post}, marketing: {email, sms, phone}}
    preferences jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('customers.preferences')}

  -- Append-only history per purpose: a grant, then perhaps a withdrawal, then perhaps a new grant.
  CREATE TABLE customers.consents (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    customer_id uuid NOT NULL REFERENCES customers.customers (id),
    purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    granted boolean NOT NULL,
    at timestamptz NOT NULL,
    method text NOT NULL CHECK (method IN ('portal', 'phone', 'email', 'import', 'console', 'system')),
    source text CHECK (length(source) <= 200),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    recorded_by text NOT NULL
  );
  CREATE INDEX consents_customer ON customers.consents (tenant_id, customer_id, purpose, at, recorded_at);
  ${tenantIsolation('customers.consents', { privileges: ['SELECT', 'INSERT'] })}

  CREATE TABLE customers.segments (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text CHECK (length(description) <= 2000),
    rules jsonb NOT NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    UNIQUE (tenant_id, name)
  );
  ${tenantIsolation('customers.segments')}

  CREATE TABLE customers.settings (
    tenant_id uuid PRIMARY KEY,
    -- How phone numbers written without a country code are read (ISO 3166 alpha-2).
    default_region text NOT NULL CHECK (default_region ~ '^[A-Z]{2}$'),
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('customers.settings')}
`;
