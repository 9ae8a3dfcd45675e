import { describe, expect, it } from 'vitest';
import type { CallStatsQuery } from '../contract.js';
import { createStatsCoalescer, statsQueryKey } from './stats-coalescing.js';

const day: CallStatsQuery = {
  filters: { from: new Date('2026-09-30T00:00:00Z'), to: new Date('2026-10-01T00:00:00Z') },
  interval: 'hour',
  comparePrevious: true,
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A source of changes the test fires by hand. */
function changeFeed() {
  const listeners = new Map<string, () => void>();
  return {
    source: (tenantId: string, changed: () => void) => {
      listeners.set(tenantId, changed);
      return Promise.resolve(() => listeners.delete(tenantId));
    },
    fire: (tenantId: string) => listeners.get(tenantId)?.(),
    listening: () => listeners.size,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('statistics requests coalesced', () => {
  it('gives identical requests in flight one computation, and others their own', async () => {
    const coalescer = createStatsCoalescer<number>({ cacheMs: 1_000 });
    let computed = 0;
    const pending = deferred<number>();
    const compute = () => {
      computed += 1;
      return pending.promise;
    };
    const same = Array.from({ length: 50 }, () => coalescer.answer('t1', day, compute));
    const reordered = coalescer.answer(
      't1',
      { ...day, filters: { ...day.filters, sources: ['teams', 'connect', 'teams'] } },
      () => Promise.resolve(2),
    );
    const otherTenant = coalescer.answer('t2', day, () => Promise.resolve(3));
    pending.resolve(1);
    expect(await Promise.all(same)).toEqual(Array(50).fill(1));
    expect(computed).toBe(1);
    expect(await reordered).toBe(2);
    expect(await otherTenant).toBe(3);
    expect(
      statsQueryKey({ ...day, filters: { ...day.filters, sources: ['teams', 'connect', 'teams'] } }),
    ).toBe(statsQueryKey({ ...day, filters: { ...day.filters, sources: ['connect', 'teams'] } }));
  });

  it('keeps nothing once answered while it hears no changes', async () => {
    const coalescer = createStatsCoalescer<number>({ cacheMs: 1_000 });
    let computed = 0;
    const compute = () => Promise.resolve((computed += 1));
    expect(await coalescer.answer('t1', day, compute)).toBe(1);
    expect(await coalescer.answer('t1', day, compute)).toBe(2);
  });

  it('keeps an answer for its time while the calls do not change, and drops it when they do', async () => {
    let clock = 0;
    const coalescer = createStatsCoalescer<number>({ cacheMs: 1_000, now: () => clock });
    const feed = changeFeed();
    coalescer.watch(feed.source);
    let computed = 0;
    const compute = () => Promise.resolve((computed += 1));
    expect(await coalescer.answer('t1', day, compute)).toBe(1);
    await settle();
    expect(feed.listening()).toBe(1);
    // Answers from before the subscription was made were dropped; from now on they are kept.
    expect(await coalescer.answer('t1', day, compute)).toBe(2);
    clock += 500;
    expect(await coalescer.answer('t1', day, compute)).toBe(2);
    feed.fire('t1');
    expect(await coalescer.answer('t1', day, compute)).toBe(3);
    clock += 1_000;
    expect(await coalescer.answer('t1', day, compute)).toBe(4);
  });

  it('starts a new computation after a change even while the old one is in flight', async () => {
    const coalescer = createStatsCoalescer<string>({ cacheMs: 1_000 });
    const feed = changeFeed();
    coalescer.watch(feed.source);
    await coalescer.answer('t1', day, () => Promise.resolve('warm-up'));
    await settle();
    const before = deferred<string>();
    const first = coalescer.answer('t1', day, () => before.promise);
    feed.fire('t1');
    const second = coalescer.answer('t1', day, () => Promise.resolve('after the change'));
    before.resolve('before the change');
    expect(await first).toBe('before the change');
    expect(await second).toBe('after the change');
  });

  it('shares a failure with those waiting, but does not keep it', async () => {
    const coalescer = createStatsCoalescer<number>({ cacheMs: 1_000 });
    const feed = changeFeed();
    coalescer.watch(feed.source);
    await coalescer.answer('t1', day, () => Promise.resolve(0));
    await settle();
    const failing = deferred<number>();
    const a = coalescer.answer('t1', day, () => failing.promise);
    const b = coalescer.answer('t1', day, () => Promise.resolve(9));
    failing.reject(new Error('database went away'));
    await expect(a).rejects.toThrow('database went away');
    await expect(b).rejects.toThrow('database went away');
    expect(await coalescer.answer('t1', day, () => Promise.resolve(5))).toBe(5);
  });

  it('stops keeping answers when its source of changes is detached', async () => {
    const coalescer = createStatsCoalescer<number>({ cacheMs: 1_000 });
    const feed = changeFeed();
    const detach = coalescer.watch(feed.source);
    let computed = 0;
    const compute = () => Promise.resolve((computed += 1));
    await coalescer.answer('t1', day, compute);
    await settle();
    await coalescer.answer('t1', day, compute);
    expect(await coalescer.answer('t1', day, compute)).toBe(2);
    detach();
    expect(feed.listening()).toBe(0);
    expect(await coalescer.answer('t1', day, compute)).toBe(3);
  });
});
