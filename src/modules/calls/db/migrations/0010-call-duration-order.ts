import { sqlMigration } from '../../../../platform/db/index.js';

/*
 * The call list sorted by duration reads this index in order (longest or shortest first) and
 * stops after a page, as the newest-first list reads the primary key. A call without a duration
 * sorts as -1, so the keyset of the list never compares a NULL. Ties go by start time and id.
 */
const durationOrder = `
  CREATE INDEX call_records_by_duration ON calls.call_records (tenant_id, (coalesce(total_seconds, -1)), started_at, id);
`;

export const callDurationOrderMigration = sqlMigration('0010_call_duration_order', durationOrder);
