import { describe, expect, it } from 'vitest';

import { mapLimited } from './concurrency.js';

describe('mapLimited', () => {
  it('keeps the order, and never more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapLimited([5, 1, 4, 2, 3], 2, async (n, index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight--;
      return `${index}:${n}`;
    });
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3']);
    expect(most).toBe(2);
  });

  it('rejects with the first failure, and answers [] for no items', async () => {
    await expect(
      mapLimited([1, 2], 4, (n) => (n === 2 ? Promise.reject(new Error('two')) : Promise.resolve(n))),
    ).rejects.toThrow('two');
    expect(await mapLimited([], 4, () => Promise.resolve(1))).toEqual([]);
  });
});
