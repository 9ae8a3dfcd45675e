/**
 * `fn` over `items`, at most `limit` calls in flight, results in the items' order. The first
 * failure rejects the whole (calls already started run to their end). Written here rather than
 * taken from p-limit/p-map: the loop is a few lines and every caller wants exactly this.
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++)
      results[index] = await fn(items[index] as T, index);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
