import { z } from 'zod';

/**
 * The events privacy publishes: name and payload schema, versioned. Consumers import them from
 * the door and parse the data with the schema. Events carry ids and key facts, never identifiers
 * of the data subject.
 */
export const requestReceivedV1 = {
  type: 'privacy.request.received.v1',
  schema: z.object({ requestId: z.string(), kind: z.string(), dueAt: z.string() }),
} as const;

export const requestCompletedV1 = {
  type: 'privacy.request.completed.v1',
  schema: z.object({ requestId: z.string(), kind: z.string() }),
} as const;

/** Published by the daily reminder job 7 days and again 2 days before the (extended) deadline. */
export const requestDueSoonV1 = {
  type: 'privacy.request.due_soon.v1',
  schema: z.object({ requestId: z.string(), dueAt: z.string() }),
} as const;

export type RequestReceived = z.infer<typeof requestReceivedV1.schema>;
export type RequestCompleted = z.infer<typeof requestCompletedV1.schema>;
export type RequestDueSoon = z.infer<typeof requestDueSoonV1.schema>;
