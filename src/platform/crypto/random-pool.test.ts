import { describe, expect, it } from 'vitest';

import { randomBytesPooled } from './random-pool.js';

describe('randomBytesPooled', () => {
  it('hands out buffers of the size asked, never the same bytes twice', () => {
    const seen = new Set<string>();
    // Enough draws to refill the pool several times.
    for (let i = 0; i < 5_000; i++) {
      const bytes = randomBytesPooled(12);
      expect(bytes.length).toBe(12);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(5_000);
  });

  it('serves large requests directly', () => {
    const bytes = randomBytesPooled(4_096);
    expect(bytes.length).toBe(4_096);
    expect(bytes.equals(Buffer.alloc(4_096))).toBe(false);
  });
});
