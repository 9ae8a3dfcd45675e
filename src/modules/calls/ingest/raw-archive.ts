import type { ObjectStore } from '../../../platform/objects/index.js';

/** One record's raw source data, ready to be archived. */
export interface ArchiveEntry {
  readonly tenantId: string;
  readonly source: string;
  /** `call_...` public id of the record this version belongs to. */
  readonly callId: string;
  /** When the call started (UTC): it dates the archive folder. */
  readonly startedAt: string;
  /** What the source sent for this record (rows with their original lines, or the document). */
  readonly raw: unknown;
}

export interface ArchivedObject {
  readonly key: string;
  readonly sha256: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `<tenant>/<source>/<yyyy>/<mm>/<dd>/<call_id>_<timestamp>.json`: one object per version of a
 * record, never overwritten (the store is write-once). The timestamp is the ingestion instant, so
 * a later version of the same call gets an object of its own beside the earlier one.
 */
export function archiveKey(entry: Pick<ArchiveEntry, 'tenantId' | 'source' | 'callId' | 'startedAt'>, ingestedAt: Date): string {
  const day = new Date(entry.startedAt);
  const date = Number.isNaN(day.getTime()) ? ingestedAt : day;
  return [
    entry.tenantId,
    entry.source,
    String(date.getUTCFullYear()),
    pad(date.getUTCMonth() + 1),
    pad(date.getUTCDate()),
    `${entry.callId}_${ingestedAt.getTime()}.json`,
  ].join('/');
}

/** Archives a batch in one putMany (synced together); resolves when every object is durable. */
export async function archiveBatch(objects: ObjectStore, entries: readonly ArchiveEntry[], ingestedAt: Date): Promise<ArchivedObject[]> {
  if (entries.length === 0) return [];
  const results = await objects.putMany(
    entries.map((entry) => ({
      key: archiveKey(entry, ingestedAt),
      body: Buffer.from(JSON.stringify({ source: entry.source, callId: entry.callId, raw: entry.raw }), 'utf8'),
      options: { contentType: 'application/json', tenantId: entry.tenantId },
    })),
  );
  return results.map(({ key, sha256 }) => ({ key, sha256 }));
}
