import type { EventEnvelope } from './event.envelope.js';

export interface DeadLetter {
  /** UUID of the dead-letter record (not of the event). */
  readonly id: string;
  readonly group: string;
  readonly event: EventEnvelope;
  readonly error: string;
  readonly errorCode: string | undefined;
  readonly deliveries: number;
  readonly failedAt: Date;
  readonly replayedAt: Date | undefined;
  readonly replayCount: number;
}

/** Whose dead letters: one tenant's (the HTTP API), or all (the operator's CLI). */
export type DeadLetterScope = { readonly tenantId: string } | 'all';

export interface DeadLetterFilter {
  readonly group?: string | undefined;
  readonly type?: string | undefined;
  /** Include letters already replayed (default: only those waiting). */
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
   * same event id so inbox de-duplication still holds; marks the letter replayed.
   */
  replay(scope: DeadLetterScope, id: string): Promise<DeadLetter | undefined>;
  /** Letters waiting per group, for the metric and the CLI summary. */
  countByGroup(): Promise<Map<string, number>>;
}
