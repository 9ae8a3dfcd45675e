import { z } from 'zod';

/**
 * The events campaigns publishes: name and payload schema, versioned. Consumers import them from
 * the door and parse the data with the schema. Events carry ids and key facts, not whole objects.
 */
export const leadImportFinishedV1 = {
  type: 'campaigns.lead_import.finished.v1',
  schema: z.object({
    importId: z.string(),
    listId: z.string(),
    state: z.enum(['completed', 'failed']),
    rowsAccepted: z.number().int(),
    rowsRejected: z.number().int(),
  }),
} as const;

export type LeadImportFinished = z.infer<typeof leadImportFinishedV1.schema>;
