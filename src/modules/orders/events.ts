import { z } from 'zod';

/**
 * The events orders publishes through the outbox, with the write they describe: one per status an
 * order enters (created = placed, PENDING). Consumers are idempotent (the bus's inbox).
 */
const orderFacts = {
  orderId: z.string(),
  number: z.string(),
  status: z.string(),
  totalMinor: z.number().int(),
  currency: z.string(),
  customerId: z.string().nullable(),
};

export const orderCreatedV1 = { type: 'orders.order.created.v1', schema: z.object(orderFacts) } as const;
export const orderConfirmedV1 = { type: 'orders.order.confirmed.v1', schema: z.object(orderFacts) } as const;
export const orderProcessingV1 = {
  type: 'orders.order.processing.v1',
  schema: z.object(orderFacts),
} as const;
export const orderShippedV1 = {
  type: 'orders.order.shipped.v1',
  schema: z.object({ ...orderFacts, shipmentId: z.string().nullable(), trackingCode: z.string().nullable() }),
} as const;
export const orderDeliveredV1 = { type: 'orders.order.delivered.v1', schema: z.object(orderFacts) } as const;
export const orderCancelledV1 = {
  type: 'orders.order.cancelled.v1',
  schema: z.object({ ...orderFacts, reason: z.string() }),
} as const;
export const orderRefundedV1 = {
  type: 'orders.order.refunded.v1',
  schema: z.object({ ...orderFacts, refundedMinor: z.number().int(), full: z.boolean() }),
} as const;

export type OrderEventData = z.infer<typeof orderCreatedV1.schema>;

/** Every order event, for the webhook declarations and the console's event list. */
export const orderEvents = [
  orderCreatedV1,
  orderConfirmedV1,
  orderProcessingV1,
  orderShippedV1,
  orderDeliveredV1,
  orderCancelledV1,
  orderRefundedV1,
] as const;
