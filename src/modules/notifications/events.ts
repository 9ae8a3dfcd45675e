import { z } from 'zod';

/**
 * The events notifications publishes: name and payload schema, versioned. Consumers import them from
 * the door and parse the data with the schema. Events carry ids and key facts, not whole objects.
 */
export const notificationCreatedV1 = {
  type: 'notifications.notification.created.v1',
  schema: z.object({ notificationId: z.string(), userId: z.string(), type: z.string() }),
} as const;

export type NotificationCreated = z.infer<typeof notificationCreatedV1.schema>;
