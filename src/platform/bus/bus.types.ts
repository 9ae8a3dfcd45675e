import type { RawBuilder, Transaction } from 'kysely';
import type { RequestContext } from '../context.js';
import type { DeadLetters } from './dead-letters.types.js';
import type { EventEnvelope, NewEvent } from './event.envelope.js';
import type { RetryPolicy } from './retry.policy.js';

/** Anything Kysely can run a query on: a Kysely instance or a transaction, of any table set. */
export type SqlExecutor = Parameters<RawBuilder<unknown>['execute']>[0];

/** What a handler gets besides the event: the tenant context and an exactly-once helper. */
export interface EventContext extends RequestContext {
  readonly group: string;
  /** The event's id: what the group's inbox records (`claimIn`, `claimInboxes`). */
  readonly eventId: string;
  /** 1 for the first delivery of this event to this group. */
  readonly delivery: number;
  /**
   * Runs `fn` in a withTenant transaction of the event's tenant and records the event in the
   * group's inbox in the same transaction. A redelivered event whose effects already committed
   * is skipped (`{ done: false }`), so effects written through `once` happen exactly once.
   */
  once<DB, T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<{ done: true; value: T } | { done: false }>;
  /**
   * The inbox half of `once`, for a handler that commits the effects of several events in one
   * transaction of its own (a withTenant transaction of the event's tenant): records the event in
   * the group's inbox in `trx`, or answers false when a delivery before this one committed its
   * effects (then this event's writes must be left out). Its effects commit with the row or not at all.
   */
  claimIn(trx: SqlExecutor): Promise<boolean>;
}

/** Throw to retry (or dead-letter, see AppError.transient); return to acknowledge. */
export type EventHandler<D = unknown> = (ctx: EventContext, event: EventEnvelope<D>) => Promise<void>;

export interface SubscribeOptions<D = unknown> {
  /** Consumer group: every group receives every event of its topics; its consumers share the work. */
  readonly group: string;
  /** Event types or prefixes ending in `.*`. */
  readonly topics: readonly string[];
  readonly handler: EventHandler<D>;
  readonly retry?: Partial<RetryPolicy>;
}

export interface Subscription {
  readonly group: string;
  /** Finishes the events in hand, acknowledges them, and stops consuming. */
  stop(): Promise<void>;
}

export interface Bus {
  readonly kind: 'postgres' | 'nats';
  /**
   * Writes the events to the outbox inside the caller's transaction (usually a withTenant
   * transaction): they are delivered if and only if that transaction commits.
   */
  publish(trx: SqlExecutor, events: readonly NewEvent[]): Promise<EventEnvelope[]>;
  /**
   * For callers without a transaction: the events are written with others waiting at the same
   * moment in one commit (group commit); resolves once they are durable.
   */
  publishNow(events: readonly NewEvent[]): Promise<EventEnvelope[]>;
  /** Starts a consumer of the group in this process. */
  subscribe<D = unknown>(options: SubscribeOptions<D>): Promise<Subscription>;
  /**
   * Creates the group, if it does not exist yet, without consuming. A new group starts at the end
   * of the log, so a process that publishes for a group (an API accepting payloads) declares it
   * first: events published before any consumer ever ran are then delivered, not skipped.
   */
  declareGroup(options: Omit<SubscribeOptions<never>, 'handler'>): Promise<void>;
  /**
   * Starts moving committed outbox rows to the log (PostgreSQL) or JetStream (NATS). Safe to run
   * in every worker: relays take turns under an advisory lock. Stopped by close().
   */
  startRelay(): void;
  readonly deadLetters: DeadLetters;
  /**
   * Answers once the transport is reachable (NATS: a round trip to the server; PostgreSQL: a query
   * on the bus's pool); what a worker's readiness probe asks.
   */
  ping(): Promise<void>;
  /** Stops the relay and every subscription, then closes connections. Idempotent. */
  close(): Promise<void>;
}
