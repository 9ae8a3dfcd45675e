import { tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Data-subject requests (GDPR, DPDP):
 * - processing_restrictions: numbers (blind indexes) whose person asked to restrict processing
 *   (Art. 18). The dialer skips their leads (`processing_restricted`) while the row exists.
 * - a DNC entry outlives the erasure of its person to honour the opt-out: it keeps its blind
 *   index (to match the number) and loses the sealed number and evidence.
 */
export const privacy = `
  CREATE TABLE campaigns.processing_restrictions (
    tenant_id uuid NOT NULL,
    phone_index bytea NOT NULL,
    restricted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, phone_index)
  );
  ${tenantIsolation('campaigns.processing_restrictions', { privileges: ['SELECT', 'INSERT', 'DELETE'] })}

  ALTER TABLE campaigns.dnc_entries DROP CONSTRAINT dnc_entries_check1;
  ALTER TABLE campaigns.dnc_entries
    ADD CONSTRAINT dnc_entries_sealed_number_has_index CHECK (phone_sealed IS NULL OR phone_index IS NOT NULL);
`;
