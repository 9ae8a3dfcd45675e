import { mapLimited } from '../concurrency.js';
import { InvalidObjectKeyError } from './object-store.errors.js';
import type { PutManyItem, PutObjectResult } from './object-store.types.js';

/** Requests in flight for stores whose puts are independent network calls (S3, Azure). */
export const defaultPutConcurrency = 32;

/** putMany for stores without a cheaper batch: the puts, `concurrency` at a time, results in order. */
export async function putEach(
  put: (item: PutManyItem) => Promise<PutObjectResult>,
  items: readonly PutManyItem[],
  concurrency = defaultPutConcurrency,
): Promise<PutObjectResult[]> {
  assertDistinctKeys(items);
  return mapLimited(items, concurrency, put);
}

export function assertDistinctKeys(items: readonly PutManyItem[]): void {
  const seen = new Set<string>();
  for (const { key } of items) {
    if (seen.has(key)) throw new InvalidObjectKeyError(key, 'appears twice in one putMany call');
    seen.add(key);
  }
}
