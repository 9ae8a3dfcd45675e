import type { Span } from '@opentelemetry/api';
import { systemContext } from '../context.js';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';
import { isTracingEnabled, recordFailure, type Logger } from '../telemetry/index.js';
import type { EventContext, EventHandler } from './bus.types.js';
import type { BusMetrics } from './bus.metrics.js';
import type { EventEnvelope } from './event.envelope.js';
import { applyOnce, claimInbox } from './inbox.js';
import { backoffMs, type RetryPolicy } from './retry.policy.js';
import { classifyFailure, type DeadLetterCategory } from './dead-letter-category.js';
import { inConsumerSpan, type MessagingSystem } from './consumer.span.js';

/** What to do with a delivery after the handler ran. */
export type Outcome =
  | { readonly kind: 'ack' }
  | { readonly kind: 'retry'; readonly delayMs: number; readonly error: FailureInfo }
  | { readonly kind: 'dead'; readonly error: FailureInfo };

export interface FailureInfo {
  readonly message: string;
  readonly code: string | undefined;
  /** Why, in a word the console explains; `handler_error` when not given. */
  readonly category?: DeadLetterCategory | undefined;
}

export interface HandlerRunnerDeps {
  readonly database: Database;
  readonly logger: Logger;
  readonly metrics: BusMetrics;
  /** The bus delivering, named on consumer spans. */
  readonly messagingSystem?: MessagingSystem | undefined;
}

function describe(error: unknown): FailureInfo {
  const category = classifyFailure(error);
  if (error instanceof AppError)
    return { message: `${error.code}: ${error.message}`, code: error.code, category };
  if (error instanceof Error) return { message: error.stack ?? error.message, code: undefined, category };
  return { message: String(error), code: undefined, category };
}

/**
 * Runs one delivery of an event through a group's handler and decides its fate: a terminal
 * AppError (not transient) goes to the dead letters at once; anything else is retried with
 * backoff until the group's maxDeliveries, then dead-lettered. Unknown errors count as
 * transient because most are (a dropped connection, a timeout).
 */
export async function runHandler(
  deps: HandlerRunnerDeps,
  group: string,
  handler: EventHandler,
  policy: RetryPolicy,
  event: EventEnvelope,
  delivery: number,
): Promise<Outcome> {
  if (!isTracingEnabled()) return deliver(deps, group, handler, policy, event, delivery, undefined);
  return inConsumerSpan(deps.messagingSystem, group, event, delivery, (span) =>
    deliver(deps, group, handler, policy, event, delivery, span),
  );
}

async function deliver(
  deps: HandlerRunnerDeps,
  group: string,
  handler: EventHandler,
  policy: RetryPolicy,
  event: EventEnvelope,
  delivery: number,
  span: Span | undefined,
): Promise<Outcome> {
  const base = systemContext(event.tenantId, event.id, `bus:${group}`);
  const ctx: EventContext = {
    ...base,
    group,
    eventId: event.id,
    delivery,
    once: (fn) => applyOnce(deps.database, group, event, fn),
    claimIn: (trx) => claimInbox(trx, group, event),
  };
  try {
    await handler(ctx, event);
    deps.metrics.handled.inc({ group });
    return { kind: 'ack' };
  } catch (error) {
    deps.metrics.failed.inc({ group });
    const info = describe(error);
    const terminal = error instanceof AppError && !error.transient;
    const dead = terminal || delivery >= policy.maxDeliveries;
    if (span) {
      recordFailure(span, error);
      span.setAttribute('switchboard.bus.outcome', dead ? 'dead_letter' : 'retry');
    }
    if (dead) {
      deps.logger.warn(
        { group, eventId: event.id, type: event.type, delivery, err: error },
        'event dead-lettered',
      );
      return { kind: 'dead', error: info };
    }
    const delayMs = backoffMs(policy, delivery);
    deps.logger.info(
      { group, eventId: event.id, type: event.type, delivery, delayMs, err: error },
      'event handler failed; will retry',
    );
    return { kind: 'retry', delayMs, error: info };
  }
}
