import type { EventTrigger } from '../../../platform/jobs/index.js';
import type { UsageRecorder } from './usage.recorder.js';
import { meteredEventTypes, usageDay, usageOfEvent } from './usage-of-event.js';

/**
 * The one consumer group of every metered event (one group reads the log once for all of them).
 * Idempotent through the recorder: the event id is recorded with the quantities it added, so a
 * redelivery adds nothing. A failure throws: the bus retries it, then dead-letters it.
 */
export function usageHandler(recorder: UsageRecorder): EventTrigger {
  return {
    group: 'metering-usage',
    topics: meteredEventTypes,
    async handle(_ctx, event) {
      const increments = usageOfEvent(event);
      if (increments.length === 0) return;
      await recorder.record({
        tenantId: event.tenantId,
        eventId: event.id,
        day: usageDay(event.occurredAt),
        increments,
      });
    },
  };
}
