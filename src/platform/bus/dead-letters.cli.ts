import { fromPublicId, toPublicId } from '../ids.js';
import type { DeadLetter, DeadLetterFilter, DeadLetters } from './dead-letters.types.js';

/** One line of `switchboard bus dead-letters list`. */
export interface DeadLetterRow {
  readonly id: string;
  readonly group: string;
  readonly type: string;
  readonly tenantId: string;
  readonly eventId: string;
  readonly deliveries: number;
  readonly failedAt: string;
  readonly replayed: string;
  readonly discarded: string;
  readonly error: string;
}

export interface DeadLetterCommands {
  /** Across all tenants (operator view). */
  list(filter?: DeadLetterFilter): Promise<DeadLetterRow[]>;
  /** Accepts `dlq_...` or the raw UUID. */
  show(id: string): Promise<DeadLetter | undefined>;
  replay(id: string): Promise<DeadLetter | undefined>;
  /** Recorded as discarded by `cli`. */
  discard(id: string): Promise<DeadLetter | undefined>;
}

function toUuid(id: string): string {
  return fromPublicId('dlq', id) ?? id;
}

/** Functions behind `switchboard bus dead-letters list|show|replay|discard`. */
export function deadLetterCommands(deadLetters: DeadLetters): DeadLetterCommands {
  return {
    async list(filter) {
      const letters = await deadLetters.list('all', filter);
      return letters.map((l) => ({
        id: toPublicId('dlq', l.id),
        group: l.group,
        type: l.event.type,
        tenantId: l.event.tenantId,
        eventId: l.event.id,
        deliveries: l.deliveries,
        failedAt: l.failedAt.toISOString(),
        replayed: l.replayedAt ? `${l.replayCount}x, last ${l.replayedAt.toISOString()}` : 'no',
        discarded: l.discardedAt ? `${l.discardedAt.toISOString()} by ${l.discardedBy ?? '?'}` : 'no',
        error: (l.error.split('\n')[0] ?? '').slice(0, 120),
      }));
    },
    show: (id) => deadLetters.get('all', toUuid(id)),
    replay: (id) => deadLetters.replay('all', toUuid(id)),
    discard: (id) => deadLetters.discard('all', toUuid(id), 'cli'),
  };
}
