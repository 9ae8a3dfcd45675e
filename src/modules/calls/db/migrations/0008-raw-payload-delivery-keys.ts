import { sqlMigration } from '../../../../platform/db/index.js';

/*
 * delivery_key: for sources that send the same request again (Twilio retries a callback it got no
 * answer to, with the same signature and body), a keyed digest of what identifies one delivery
 * (HMAC under the tenant's blind-index key, purpose `calls.delivery`: the signature and body are
 * not stored through it). A delivery whose key was stored within the replay window is answered as
 * the first was and not stored again. The database, not a process, remembers, so a replay that
 * reaches another replica is recognised too. NULL for sources without replays to recognise.
 */
const deliveryKeys = `
  ALTER TABLE calls.raw_payloads ADD COLUMN delivery_key bytea;
  CREATE INDEX raw_payloads_by_delivery ON calls.raw_payloads (tenant_id, source, delivery_key, received_at)
    WHERE delivery_key IS NOT NULL;
`;

export const rawPayloadDeliveryKeysMigration = sqlMigration('0008_raw_payload_delivery_keys', deliveryKeys);
