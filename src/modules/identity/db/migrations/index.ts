import {
  appRole,
  grantSchemaUsage,
  sqlMigration,
  tenantIsolation,
  type MigrationSet,
} from '../../../../platform/db/index.js';

/** Functions that find a tenant-owned row before the tenant is known (sign-in, API keys, OIDC
 * issuers, refresh tokens). SECURITY DEFINER runs them as the owner, past row-level security, so
 * the application role never needs cross-tenant read access; each returns only what the caller
 * needs to continue inside that tenant's own transaction. */
const lookups = `
  CREATE FUNCTION identity.tenant_id_by_slug(p_slug text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
    AS $$ SELECT id FROM identity.tenants WHERE slug = p_slug $$;

  CREATE FUNCTION identity.api_key_for_auth(p_id uuid)
    RETURNS TABLE (tenant_id uuid, secret_hash bytea, scopes text[], expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
    AS $$ SELECT tenant_id, secret_hash, scopes, expires_at, revoked_at, last_used_at FROM identity.api_keys WHERE id = p_id $$;

  -- Last-used time, written at most once a minute per key so busy connectors do not write per request.
  CREATE FUNCTION identity.touch_api_key(p_id uuid) RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = ''
    AS $$ UPDATE identity.api_keys SET last_used_at = now()
          WHERE id = p_id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') $$;

  CREATE FUNCTION identity.refresh_token_tenant(p_id uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
    AS $$ SELECT tenant_id FROM identity.refresh_tokens WHERE id = p_id $$;

  CREATE FUNCTION identity.providers_for_issuer(p_issuer text)
    RETURNS TABLE (id uuid, tenant_id uuid, surface text, audience text, tenant_claim text, tenant_claim_value text,
                   roles_claim text, role_mapping jsonb, default_role text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
    AS $$ SELECT id, tenant_id, surface, audience, tenant_claim, tenant_claim_value, roles_claim, role_mapping, default_role
          FROM identity.identity_providers WHERE issuer = p_issuer AND enabled $$;

  REVOKE ALL ON FUNCTION identity.tenant_id_by_slug(text), identity.api_key_for_auth(uuid), identity.touch_api_key(uuid),
    identity.refresh_token_tenant(uuid), identity.providers_for_issuer(text) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION identity.tenant_id_by_slug(text), identity.api_key_for_auth(uuid), identity.touch_api_key(uuid),
    identity.refresh_token_tenant(uuid), identity.providers_for_issuer(text) TO ${appRole};
`;

export const identityMigrations: MigrationSet = {
  schema: 'identity',
  migrations: [
    sqlMigration(
      '0001_tenants',
      `
      ${grantSchemaUsage('identity')}
      CREATE TABLE identity.tenants (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        time_zone text NOT NULL DEFAULT 'UTC',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      ${tenantIsolation('identity.tenants', { column: 'id', privileges: ['SELECT', 'UPDATE'] })}
      `,
    ),
    sqlMigration(
      '0002_users_and_credentials',
      `
      ALTER TABLE identity.tenants ADD COLUMN mfa_required_for_admins boolean NOT NULL DEFAULT false;

      CREATE TABLE identity.users (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES identity.tenants (id),
        kind text NOT NULL CHECK (kind IN ('employee', 'client')),
        -- E-mail and name are personal data: encrypted with the tenant's data key. Sign-in finds the
        -- user by the blind index (HMAC) of the normalised address.
        email_index text NOT NULL,
        email_ciphertext text NOT NULL,
        display_name_ciphertext text,
        password_hash text,
        roles text[] NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        totp_secret_ciphertext text,
        totp_enabled_at timestamptz,
        external_provider_id uuid,
        external_subject text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, email_index)
      );
      CREATE UNIQUE INDEX users_external ON identity.users (tenant_id, external_provider_id, external_subject)
        WHERE external_subject IS NOT NULL;
      ${tenantIsolation('identity.users')}

      -- Refresh tokens rotate on every use; a family is one sign-in. Presenting a token that was
      -- already used means it leaked: the whole family is revoked.
      CREATE TABLE identity.refresh_tokens (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        audience text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text
      );
      CREATE INDEX refresh_tokens_family ON identity.refresh_tokens (family_id);
      CREATE INDEX refresh_tokens_user ON identity.refresh_tokens (user_id) WHERE revoked_at IS NULL;
      ${tenantIsolation('identity.refresh_tokens')}

      -- Platform-wide JWT signing keys (not tenant data). The private key is wrapped by the master
      -- key, which only the running process holds.
      CREATE TABLE identity.signing_keys (
        kid text PRIMARY KEY,
        algorithm text NOT NULL,
        public_jwk jsonb NOT NULL,
        private_key_wrapped bytea NOT NULL,
        master_key_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      );
      GRANT SELECT ON identity.signing_keys TO ${appRole};

      CREATE TABLE identity.api_keys (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES identity.tenants (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        secret_hash bytea NOT NULL,
        scopes text[] NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      ${tenantIsolation('identity.api_keys')}

      CREATE TABLE identity.identity_providers (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES identity.tenants (id),
        name text NOT NULL,
        surface text NOT NULL CHECK (surface IN ('internal', 'external')),
        issuer text NOT NULL,
        audience text NOT NULL,
        client_id text,
        tenant_claim text,
        tenant_claim_value text,
        roles_claim text,
        role_mapping jsonb NOT NULL DEFAULT '{}',
        default_role text,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, issuer, surface)
      );
      CREATE INDEX identity_providers_issuer ON identity.identity_providers (issuer) WHERE enabled;
      ${tenantIsolation('identity.identity_providers')}

      ${lookups}
      `,
    ),
    sqlMigration(
      '0003_oidc_identities',
      `
      -- "Sign in with <provider>": which account of a configured OIDC provider (its issuer's
      -- subject) is which user. A user has at most one account per provider; deleting the provider
      -- or the user removes the link.
      CREATE TABLE identity.oidc_identities (
        provider_id uuid NOT NULL REFERENCES identity.identity_providers (id) ON DELETE CASCADE,
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        tenant_id uuid NOT NULL REFERENCES identity.tenants (id),
        user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz,
        PRIMARY KEY (provider_id, subject),
        UNIQUE (provider_id, user_id)
      );
      CREATE INDEX oidc_identities_user ON identity.oidc_identities (user_id);
      ${tenantIsolation('identity.oidc_identities')}
      `,
    ),
    sqlMigration(
      '0004_saved_views',
      `
      -- A user's named states of a console list (filters, columns, sort): the list's address query
      -- string, so opening a view is opening a link. Private to the user who saved it (owner is the
      -- actor id); a link to the same state can be shared without sharing the view.
      CREATE TABLE identity.saved_views (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES identity.tenants (id),
        owner text NOT NULL CHECK (length(owner) BETWEEN 1 AND 64),
        list text NOT NULL CHECK (list ~ '^[a-z][a-z0-9-]{0,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        state text NOT NULL CHECK (length(state) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, owner, list, name)
      );
      ${tenantIsolation('identity.saved_views')}
      `,
    ),
    sqlMigration(
      '0005_client_sign_up',
      `
      -- Clients may sign up with e-mail and password: the account waits as 'unverified' until the
      -- link e-mailed to them is opened. Only a hash of each single-use token is stored.
      ALTER TABLE identity.users DROP CONSTRAINT IF EXISTS users_status_check;
      ALTER TABLE identity.users ADD CONSTRAINT users_status_check
        CHECK (status IN ('active', 'disabled', 'unverified'));
      CREATE TABLE identity.email_verifications (
        token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
        tenant_id uuid NOT NULL REFERENCES identity.tenants (id),
        user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX email_verifications_user ON identity.email_verifications (user_id);
      ${tenantIsolation('identity.email_verifications')}
      `,
    ),
  ],
};
