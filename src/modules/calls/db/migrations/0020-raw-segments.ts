import { sqlMigration } from '../../../../platform/db/index.js';

/*
 * The segments layout of the raw archive (SWITCHBOARD_ARCHIVE_LAYOUT=segments, docs/objects.md):
 * a record's stored bytes sit inside one segment object of its batch, so its index row names the
 * segment and the record's byte range in it beside its logical key (raw_object_key, unchanged)
 * and the SHA-256 of its stored bytes (raw_sha256). Null in the object-per-record layout.
 */
export const rawSegmentsMigration = sqlMigration(
  '0020_raw_segments',
  `
  ALTER TABLE calls.call_records
    ADD COLUMN raw_segment_key text,
    ADD COLUMN raw_segment_offset integer,
    ADD COLUMN raw_segment_length integer,
    ADD CONSTRAINT call_records_raw_segment_check CHECK (
      (raw_segment_key IS NULL AND raw_segment_offset IS NULL AND raw_segment_length IS NULL)
      OR (raw_segment_key IS NOT NULL AND raw_segment_offset >= 0 AND raw_segment_length >= 0)
    );
  `,
);
