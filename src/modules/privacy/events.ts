import { z } from 'zod';

/**
 * The events privacy publishes: name and payload schema, versioned. Consumers import them from
 * the door and parse the data with the schema. Events carry ids and key facts, not whole objects.
 */
export const itemCreatedV1 = {
  type: 'privacy.item.created.v1',
  schema: z.object({ itemId: z.string() }),
} as const;

export type ItemCreated = z.infer<typeof itemCreatedV1.schema>;
