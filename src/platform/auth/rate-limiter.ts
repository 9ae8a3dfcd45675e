import type { Redis } from 'ioredis';

/**
 * Sliding-window rate limiting (the "sliding window counter" approximation: the previous fixed
 * window's count, weighted by how much of it still overlaps the sliding window, plus the current
 * window's count). @fastify/rate-limit counts fixed windows only, which let a client send twice
 * the limit across a window boundary; this is the small piece it lacks, shared by both stores.
 */
export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until a request would be allowed again (0 when allowed). */
  readonly retryAfterSeconds: number;
}

export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

function decide(
  previous: number,
  current: number,
  limit: number,
  windowMs: number,
  now: number,
): RateLimitDecision {
  const elapsed = (now % windowMs) / windowMs;
  const weighted = previous * (1 - elapsed) + current;
  if (weighted <= limit) {
    return {
      allowed: true,
      limit,
      remaining: Math.max(0, Math.floor(limit - weighted)),
      retryAfterSeconds: 0,
    };
  }
  // When will the previous window's weight have shrunk enough? Past the boundary it is all current.
  const excess = weighted - limit;
  const msUntil =
    previous > 0
      ? Math.min(windowMs - (now % windowMs), (excess / previous) * windowMs)
      : windowMs - (now % windowMs);
  return { allowed: false, limit, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(msUntil / 1000)) };
}

/** Counts in this process: correct for one replica, and the default when REDIS_URL is unset. */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const counts = new Map<string, number>();
  let lastSweep = now();
  return {
    hit(key, limit, windowMs) {
      const at = now();
      const window = Math.floor(at / windowMs);
      if (at - lastSweep > windowMs) {
        // Forget windows that can no longer matter, so memory stays bounded by active callers.
        for (const stored of counts.keys()) {
          const storedWindow = Number(stored.slice(stored.lastIndexOf('|') + 1));
          if (storedWindow < window - 1) counts.delete(stored);
        }
        lastSweep = at;
      }
      const currentKey = `${key}|${window}`;
      const current = (counts.get(currentKey) ?? 0) + 1;
      const previous = counts.get(`${key}|${window - 1}`) ?? 0;
      const decision = decide(previous, current, limit, windowMs, at);
      // A refused request does not count, so a client that backs off gets through again.
      if (decision.allowed) counts.set(currentKey, current);
      return Promise.resolve(decision);
    },
    close: () => Promise.resolve(),
  };
}

// Increment the current window (only when allowed) and read the previous one atomically.
const script = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local limit = tonumber(ARGV[1])
local weight = tonumber(ARGV[2])
if previous * weight + current + 1 <= limit then
  current = redis.call('INCR', KEYS[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {current, previous, 1}
end
return {current + 1, previous, 0}
`;

/** Counts in Redis, so every replica sees the same totals. */
export function createRedisRateLimiter(redis: Redis, now: () => number = Date.now): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      const at = now();
      const window = Math.floor(at / windowMs);
      const weight = 1 - (at % windowMs) / windowMs;
      const result = (await redis.eval(
        script,
        2,
        `rl:${key}:${window}`,
        `rl:${key}:${window - 1}`,
        limit,
        weight,
        windowMs * 2,
      )) as [number, number, number];
      const [current, previous] = result;
      return decide(previous, current, limit, windowMs, at);
    },
    async close() {
      await redis.quit();
    },
  };
}
