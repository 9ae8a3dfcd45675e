import type { DeadLetterCategory } from './dead-letter-category.js';
import type { EventEnvelope } from './event.envelope.js';

export interface DeadLetter {
  /** UUID of the dead-letter record (not of the event). */
  readonly id: string;
  readonly group: string;
  readonly event: EventEnvelope;
  readonly error: string;
  readonly errorCode: string | undefined;
  /** Why, in a word the console explains (timeout, db_unavailable, schema_rejected...). */
  readonly category: DeadLetterCategory;
  readonly deliveries: number;
  readonly failedAt: Date;
  readonly replayedAt: Date | undefined;
  readonly replayCount: number;
  /** Set aside for good by a person: no longer waiting, never replayed. */
  readonly discardedAt: Date | undefined;
  /** Who discarded it: the actor id (`usr_…`), or `cli` for the operator's command line. */
  readonly discardedBy: string | undefined;
}

/** Waiting: neither replayed nor discarded; only waiting letters count as needing attention. */
export type DeadLetterStatus = 'waiting' | 'replayed' | 'discarded';

export function deadLetterStatus(letter: DeadLetter): DeadLetterStatus {
  if (letter.discardedAt) return 'discarded';
  return letter.replayedAt ? 'replayed' : 'waiting';
}

/** Whose dead letters: one tenant's (the HTTP API), or all (the operator's CLI). */
export type DeadLetterScope = { readonly tenantId: string } | 'all';

export interface DeadLetterFilter {
  readonly group?: string | undefined;
  readonly type?: string | undefined;
  readonly category?: DeadLetterCategory | undefined;
  /** Include letters already dealt with, replayed or discarded (default: only those waiting). */
  readonly includeReplayed?: boolean | undefined;
  readonly limit?: number | undefined;
  /** Failed strictly before this time (keyset paging, newest first). */
  readonly before?: Date | undefined;
}

export interface DeadLetters {
  list(scope: DeadLetterScope, filter?: DeadLetterFilter): Promise<DeadLetter[]>;
  get(scope: DeadLetterScope, id: string): Promise<DeadLetter | undefined>;
  /**
   * Publishes the event again to the group that failed it (and to no other group), with the
   * same event id so inbox de-duplication still holds; marks the letter replayed. A discarded
   * letter is not replayed (`BUS_DEAD_LETTER_DISCARDED`, conflict).
   */
  replay(scope: DeadLetterScope, id: string): Promise<DeadLetter | undefined>;
  /**
   * Sets a waiting letter aside for good, recording who did it; the row stays. Discarding a
   * discarded letter again changes nothing; a replayed one is refused
   * (`BUS_DEAD_LETTER_REPLAYED`, conflict): its event was already delivered again.
   */
  discard(scope: DeadLetterScope, id: string, by: string): Promise<DeadLetter | undefined>;
  /**
   * Letters waiting per group, across tenants, for the metric and the CLI summary. Groups with
   * nothing waiting are listed with 0 (those in `bus.consumer_groups`, which the PostgreSQL
   * adapter keeps, and those that ever had a letter), so a metric series exists before a
   * group's next letter and an alert on its increase sees it.
   */
  countByGroup(): Promise<Map<string, number>>;
  /** Waiting letters of the scope per category, largest first; categories without any are left out. */
  countByCategory(
    scope: DeadLetterScope,
  ): Promise<readonly { readonly category: DeadLetterCategory; readonly count: number }[]>;
  /** Letters ever written per group (replayed and discarded ones included): never goes down. */
  totalByGroup(): Promise<Map<string, number>>;
}
