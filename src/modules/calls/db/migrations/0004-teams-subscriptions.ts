import { appRole, sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * The Microsoft Graph change-notification subscription of each tenant's Teams connector: one row
 * per tenant, the Graph subscription it holds now (none while creating or recreating failed), when
 * that expires, and what happened last (notification, lifecycle event, error), so the renewal timer
 * knows what to renew and a backfill knows where the notifications stopped. Nothing here is
 * personal data or a secret (the clientState lives in the secrets store).
 */
const teamsSubscriptions = `
  CREATE TABLE calls.teams_subscriptions (
    tenant_id uuid PRIMARY KEY,
    -- Graph's id of the subscription; null while the tenant has none (its creation failed).
    subscription_id text,
    resource text NOT NULL,
    change_type text NOT NULL,
    notification_url text NOT NULL,
    -- 'failing': the last create, renew or reauthorize did not succeed (see last_error).
    status text NOT NULL CHECK (status IN ('active', 'failing')),
    expires_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    renewed_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- The last change notification whose call records were fetched: where a backfill starts.
    last_notification_at timestamptz,
    last_lifecycle_event text,
    last_lifecycle_at timestamptz,
    backfilled_until timestamptz,
    last_error text,
    last_error_at timestamptz,
    CHECK (status = 'failing' OR (subscription_id IS NOT NULL AND expires_at IS NOT NULL))
  );
  CREATE INDEX teams_subscriptions_by_expiry ON calls.teams_subscriptions (expires_at);
  ${tenantIsolation('calls.teams_subscriptions')}

  /*
   * The renewal timer acts for every tenant but works inside each tenant's own transaction; this
   * tells it which tenants to visit (expiring before p_before, or failing) and nothing else.
   */
  CREATE FUNCTION calls.teams_subscriptions_due(p_before timestamptz) RETURNS TABLE (tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
    AS $$ SELECT tenant_id FROM calls.teams_subscriptions
          WHERE status <> 'active' OR expires_at < p_before
          ORDER BY expires_at NULLS FIRST $$;
  REVOKE ALL ON FUNCTION calls.teams_subscriptions_due(timestamptz) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION calls.teams_subscriptions_due(timestamptz) TO ${appRole};
`;

export const teamsSubscriptionsMigration = sqlMigration('0004_teams_subscriptions', teamsSubscriptions);
