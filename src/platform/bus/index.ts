export type {
  Bus,
  EventContext,
  EventHandler,
  SubscribeOptions,
  Subscription,
  SqlExecutor,
} from './bus.types.js';
export type { EventEnvelope, NewEvent } from './event.envelope.js';
export type { DeadLetter, DeadLetterFilter, DeadLetters, DeadLetterScope } from './dead-letters.types.js';
export type { RetryPolicy } from './retry.policy.js';
export { createBus, type CreateBusConfig, type CreateBusDeps } from './create-bus.js';
export { defaultNatsPrefix } from './nats/nats.naming.js';
export { busMigrations } from './bus.migrations.js';
export { deadLetterRoutes } from './dead-letters.routes.js';
export { busHandlerDuration } from './bus.metrics.js';
export { createDeadLetters } from './dead-letters.repo.js';
export { deadLetterCommands, type DeadLetterCommands } from './dead-letters.cli.js';
export { claimInboxes } from './inbox.js';
