import { sqlMigration } from '../../../../platform/db/index.js';

/*
 * The months whose partitions' indexes were rebuilt after the month closed
 * (store/partition-compaction.ts): one row per partition, with the index bytes before and after.
 * Only the owner reads and writes it (the daily partitions job); it holds no tenant data.
 */
export const partitionCompactionsMigration = sqlMigration(
  '0023_partition_compactions',
  `
  CREATE TABLE calls.partition_compactions (
    partition text PRIMARY KEY,
    month date NOT NULL,
    index_bytes_before bigint NOT NULL,
    index_bytes_after bigint NOT NULL,
    compacted_at timestamptz NOT NULL DEFAULT now()
  );
  `,
);
