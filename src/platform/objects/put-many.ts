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
  const results = new Array<PutObjectResult>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      if (item) results[index] = await put(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export function assertDistinctKeys(items: readonly PutManyItem[]): void {
  const seen = new Set<string>();
  for (const { key } of items) {
    if (seen.has(key)) throw new InvalidObjectKeyError(key, 'appears twice in one putMany call');
    seen.add(key);
  }
}
