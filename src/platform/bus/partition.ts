/**
 * Per-key ordering works by partition: every event with the same key lands in the same partition,
 * and each consumer group handles one partition strictly in order. Events without a key are
 * spread by their id. The count is fixed for a deployment: changing it moves keys between
 * partitions, so ordering across the change is not guaranteed.
 */
export const defaultPartitionCount = 16;

/** FNV-1a over UTF-16 code units: stable across processes, versions and adapters. */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
