import { appRole, sqlMigration } from '../../../../platform/db/index.js';

/*
 * Raw payload bodies hold what sources send (numbers, names) and are encrypted at rest like the
 * archive and the index. body_encoding says how a row's body is stored:
 *
 * - 'sealed': AES-256-GCM under the tenant's data key, bound to the payload id (the keyring's
 *   binary ciphertext, AAD `calls.raw_payload:<id>`); what every row is written as from now on.
 * - 'plain': as received. Rows written before this migration are plain, and so are rows a replica
 *   still running the previous version writes during a rolling upgrade (it does not name the
 *   column, hence the default). Readers take them as they are; the timer calls.raw-payloads.seal
 *   seals them in the background, tenant by tenant, so the upgrade needs no downtime and no step
 *   an operator could forget.
 */
const rawPayloadsSealed = `
  ALTER TABLE calls.raw_payloads
    ADD COLUMN body_encoding text NOT NULL DEFAULT 'plain' CHECK (body_encoding IN ('plain', 'sealed'));
  CREATE INDEX raw_payloads_plain ON calls.raw_payloads (tenant_id, received_at) WHERE body_encoding = 'plain';

  /*
   * The sealing timer acts for every tenant but seals inside each tenant's own transaction; this
   * tells it which tenants still have plain bodies and nothing else.
   */
  CREATE FUNCTION calls.raw_payloads_plain_tenants() RETURNS TABLE (tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
    AS $$ SELECT DISTINCT tenant_id FROM calls.raw_payloads WHERE body_encoding = 'plain' $$;
  REVOKE ALL ON FUNCTION calls.raw_payloads_plain_tenants() FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION calls.raw_payloads_plain_tenants() TO ${appRole};
`;

export const rawPayloadsSealedMigration = sqlMigration('0007_raw_payloads_sealed', rawPayloadsSealed);
