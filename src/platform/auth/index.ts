export { authenticationHook, type Authenticator, type Principal, type Surface } from './authenticator.js';
export {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  type RateLimiter,
  type RateLimitDecision,
} from './rate-limiter.js';
