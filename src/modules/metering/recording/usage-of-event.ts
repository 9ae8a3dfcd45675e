import type { EventEnvelope } from '../../../platform/bus/index.js';
import { callRecordIngestedV1 } from '../../calls/index.js';
import { callCompletedV1 } from '../../campaigns/index.js';
import { analysisCompletedV1, recordingReceivedV1, transcriptReadyV1 } from '../../conversations/index.js';
import { orderCreatedV1 } from '../../orders/index.js';
import type { MeterName } from '../meters.js';

/** What one event adds to its tenant's day: a quantity, in the meter's base unit, per meter. */
export interface UsageIncrement {
  readonly meter: MeterName;
  /** A whole, non-negative number of base units. */
  readonly quantity: number;
}

/** The events metering counts (its handler's topics). */
export const meteredEventTypes = [
  callRecordIngestedV1.type,
  recordingReceivedV1.type,
  transcriptReadyV1.type,
  analysisCompletedV1.type,
  callCompletedV1.type,
  orderCreatedV1.type,
] as const;

/** A measured amount as a whole number of base units: rounded, and nothing below zero or beyond reason. */
function whole(value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(Math.round(value), Number.MAX_SAFE_INTEGER);
}

function nonZero(increments: readonly UsageIncrement[]): UsageIncrement[] {
  return increments.filter((increment) => increment.quantity > 0);
}

/**
 * The usage an event stands for; empty when it counts nothing (a newer version of a known call).
 * The data is parsed with the producer's schema from its door, so a malformed event fails here
 * (and the bus retries, then dead-letters it) rather than counting a guess.
 */
export function usageOfEvent(event: EventEnvelope): UsageIncrement[] {
  switch (event.type) {
    case callRecordIngestedV1.type: {
      const data = callRecordIngestedV1.schema.parse(event.data);
      return data.change === 'created' ? [{ meter: 'call_records', quantity: 1 }] : [];
    }
    case recordingReceivedV1.type:
      recordingReceivedV1.schema.parse(event.data);
      return [{ meter: 'recordings', quantity: 1 }];
    case transcriptReadyV1.type: {
      const data = transcriptReadyV1.schema.parse(event.data);
      return nonZero([{ meter: 'audio_minutes', quantity: whole(data.durationMs) }]);
    }
    case analysisCompletedV1.type: {
      const data = analysisCompletedV1.schema.parse(event.data);
      return nonZero([
        { meter: 'analyses', quantity: 1 },
        { meter: 'analysis_minutes', quantity: whole(data.durationMs) },
        { meter: 'llm_input_tokens', quantity: whole(data.llm?.inputTokens) },
        { meter: 'llm_output_tokens', quantity: whole(data.llm?.outputTokens) },
      ]);
    }
    case callCompletedV1.type: {
      const data = callCompletedV1.schema.parse(event.data);
      return nonZero([
        { meter: 'dialer_attempts', quantity: 1 },
        { meter: 'dialer_talk_minutes', quantity: whole((data.talkSeconds ?? 0) * 1000) },
      ]);
    }
    case orderCreatedV1.type:
      orderCreatedV1.schema.parse(event.data);
      return [{ meter: 'orders', quantity: 1 }];
    default:
      return [];
  }
}

/** The UTC day an event's fact happened on (not the day it was delivered): `2024-05-01`. */
export function usageDay(occurredAt: string): string {
  const at = new Date(occurredAt);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a time: ${occurredAt}`);
  return at.toISOString().slice(0, 10);
}
