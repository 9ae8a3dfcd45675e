import { z } from 'zod';

/**
 * The events customers publishes: name and payload schema, versioned. Consumers import them from
 * the door and parse the data with the schema. Events carry ids, never the personal fields.
 */
export const customerCreatedV1 = {
  type: 'customers.customer.created.v1',
  schema: z.object({ customerId: z.string() }),
} as const;

/** A profile changed (rectification, a new e-mail, language, restriction). */
export const customerUpdatedV1 = {
  type: 'customers.customer.updated.v1',
  schema: z.object({ customerId: z.string() }),
} as const;

/** A profile was anonymised (erasure, or seven years without activity). */
export const customerAnonymisedV1 = {
  type: 'customers.customer.anonymised.v1',
  schema: z.object({ customerId: z.string() }),
} as const;

export type CustomerEvent = z.infer<typeof customerCreatedV1.schema>;

export const customerEvents = [customerCreatedV1, customerUpdatedV1, customerAnonymisedV1] as const;
