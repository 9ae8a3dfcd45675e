import { sqlMigration } from '../../../../platform/db/index.js';

/*
 * The orders of the recordings list beyond newest received (recordings_by_created): by the call's
 * start, a recording without one at the time it was received (the same expression the list's
 * from/to filters use), and by the audio's length, a recording not yet decoded as -1. Each ends
 * in the keys of its keyset, so a page is an index walk that stops after `limit` rows.
 */
export const recordingListOrder = sqlMigration(
  '0005_recording_list_order',
  `
  CREATE INDEX recordings_by_start_or_received
    ON conversations.recordings (tenant_id, (coalesce(started_at, created_at)) DESC, id DESC);
  CREATE INDEX recordings_by_duration
    ON conversations.recordings (tenant_id, (coalesce(duration_ms, -1)) DESC, created_at DESC, id DESC);
`,
);
