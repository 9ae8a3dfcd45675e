import { appRole, sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * The raw archive's ledger of its objects (ingest/raw-archive.ts). A batch claims the keys of
 * the objects it is about to write (a pending row, with the key, in a transaction of its own),
 * and commits the claims in the transaction that indexes the records. A claim left pending past
 * an hour names an object of a batch that never committed: the calls.archive-sweep timer
 * deletes the object and the row. A committed row keeps only the key's hash (16 bytes): it
 * tells a later sweep that an identical object claimed again by a failed batch is part of the
 * archive and must stay. Keys and hashes are not personal data.
 */
const archiveObjects = `
  CREATE TABLE calls.archive_objects (
    tenant_id uuid NOT NULL,
    -- First 16 bytes of the SHA-256 of the object key.
    key_hash bytea NOT NULL,
    -- The key, while the claim is pending (the sweep deletes the object by it).
    object_key text,
    committed boolean NOT NULL DEFAULT false,
    -- When the claim was last made, or when it was committed.
    written_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (tenant_id, key_hash),
    CHECK (committed OR object_key IS NOT NULL)
  );
  CREATE INDEX archive_objects_pending ON calls.archive_objects (written_at) WHERE NOT committed;
  ${tenantIsolation('calls.archive_objects')}

  -- Which tenants have claims older than p_seconds, for the sweep that then works tenant by tenant.
  CREATE FUNCTION calls.archive_stale_claim_tenants(p_seconds double precision) RETURNS TABLE (tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ''
    AS $$ SELECT DISTINCT tenant_id FROM calls.archive_objects
          WHERE NOT committed AND written_at < clock_timestamp() - make_interval(secs => p_seconds) $$;
  REVOKE ALL ON FUNCTION calls.archive_stale_claim_tenants(double precision) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION calls.archive_stale_claim_tenants(double precision) TO ${appRole};
`;

export const archiveObjectsMigration = sqlMigration('0006_archive_objects', archiveObjects);
