import { describe, expect, it } from 'vitest';
import { toEnvelope } from './event.envelope.js';
import { createGroupCommitter } from './group-commit.js';
import { partitionOf } from './partition.js';
import { backoffMs, backoffSchedule, defaultRetryPolicy } from './retry.policy.js';
import { assertTopic, matchesTopic, toLikePattern } from './topic.pattern.js';

describe('topics', () => {
  it('matches exact types and prefixes ending in .*', () => {
    expect(matchesTopic('calls.record.ingested.v1', 'calls.record.ingested.v1')).toBe(true);
    expect(matchesTopic('calls.record.ingested.v1', 'calls.record.ingested.v2')).toBe(false);
    expect(matchesTopic('calls.*', 'calls.record.ingested.v1')).toBe(true);
    expect(matchesTopic('calls.*', 'callsx.record.v1')).toBe(false);
    expect(() => assertTopic('*')).toThrow();
    expect(() => assertTopic('Calls.X')).toThrow();
  });

  it('escapes LIKE wildcards so an underscore in a type matches only itself', () => {
    expect(toLikePattern('crm_sync.done.v1')).toBe('crm\\_sync.done.v1');
    expect(toLikePattern('crm_sync.*')).toBe('crm\\_sync.%');
  });
});

describe('partitions', () => {
  it('sends one key always to the same partition and spreads keys over all of them', () => {
    expect(partitionOf('call-42', 16)).toBe(partitionOf('call-42', 16));
    const used = new Set(Array.from({ length: 500 }, (_, i) => partitionOf(`key-${i}`, 16)));
    expect(used.size).toBe(16);
  });
});

describe('retry policy', () => {
  it('backs off exponentially up to the cap, one wait between each pair of deliveries', () => {
    const policy = { maxDeliveries: 4, initialBackoffMs: 100, backoffFactor: 3, maxBackoffMs: 500 };
    expect(backoffSchedule(policy)).toEqual([100, 300, 500]);
    expect(backoffMs(defaultRetryPolicy, 1)).toBe(1_000);
  });
});

describe('envelopes', () => {
  it('fills in id and time and rejects malformed types and tenants', () => {
    const tenantId = '0190d6a0-0000-7000-8000-000000000001';
    const envelope = toEnvelope({ type: 'calls.record.ingested.v1', tenantId, data: { id: 'x' } });
    expect(envelope.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(envelope.occurredAt)).not.toBeNaN();
    expect(() => toEnvelope({ type: 'Calls Ingested', tenantId, data: {} })).toThrow(/invalid event type/);
    expect(() => toEnvelope({ type: 'calls.x.v1', tenantId: 'acme', data: {} })).toThrow(/invalid tenant id/);
  });
});

describe('group commit', () => {
  it('writes callers that arrive during a write together in the next one', async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    let first = true;
    const committer = createGroupCommitter<number>(async (items) => {
      writes.push(items);
      if (first) {
        first = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
    });
    const a = committer.add([1]);
    const b = committer.add([2, 3]);
    const c = committer.add([4]);
    release();
    await Promise.all([a, b, c]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects every caller of a failed write, and only those', async () => {
    let calls = 0;
    const committer = createGroupCommitter<number>((items) => {
      calls++;
      return items.includes(13) ? Promise.reject(new Error('unlucky')) : Promise.resolve();
    });
    await expect(committer.add([13])).rejects.toThrow('unlucky');
    await expect(committer.add([14])).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
