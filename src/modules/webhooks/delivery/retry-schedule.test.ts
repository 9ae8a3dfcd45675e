import { describe, expect, it } from 'vitest';
import { classifyStatus, parseRetryAfter, retryDelayMs } from './retry-schedule.js';

const schedule = { maxAttempts: 8, firstRetryMs: 30_000 };

describe('the retry schedule', () => {
  it('grows ×4 from the first wait, capped at 10 hours, about 21 hours over 8 attempts', () => {
    const mid = () => 0.5; // no jitter
    const waits = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(schedule, n, undefined, mid));
    expect(waits.slice(0, 4)).toEqual([30_000, 120_000, 480_000, 1_920_000]);
    expect(waits[6]).toBe(10 * 3600_000);
    const hours = waits.reduce((a, b) => a + b, 0) / 3600_000;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(24);
  });

  it('jitters by at most a fifth either way', () => {
    expect(retryDelayMs(schedule, 1, undefined, () => 0)).toBe(24_000);
    expect(retryDelayMs(schedule, 1, undefined, () => 0.999_999)).toBe(36_000);
  });

  it('honours a longer Retry-After, capped at a day', () => {
    expect(retryDelayMs(schedule, 1, 600_000, () => 0.5)).toBe(600_000);
    expect(retryDelayMs(schedule, 1, 1_000, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(schedule, 1, 10 * 86_400_000, () => 0.5)).toBe(86_400_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('retries 408, 429 and 5xx; gives up on other 4xx and on redirects', () => {
    expect([200, 204].map((s) => classifyStatus(s).kind)).toEqual(['succeeded', 'succeeded']);
    expect([408, 429, 500, 503].map((s) => classifyStatus(s).kind)).toEqual([
      'retry',
      'retry',
      'retry',
      'retry',
    ]);
    expect([301, 302, 400, 401, 404, 410].map((s) => classifyStatus(s).kind)).toEqual(
      Array(6).fill('failed'),
    );
  });
});
