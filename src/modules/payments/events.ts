import { z } from 'zod';

/**
 * The events payments publishes (through the outbox, with the write they describe). The order's
 * public id travels with each, so orders' consumers find their order without asking.
 */
const paymentFacts = {
  paymentId: z.string(),
  orderId: z.string(),
  gateway: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
};

/** An authorisation settled: authorised, or failed (declined, 3-D Secure not completed). */
export const paymentAuthorizedV1 = {
  type: 'payments.payment.authorized.v1',
  schema: z.object({
    ...paymentFacts,
    status: z.enum(['authorized', 'failed']),
    failureCode: z.string().nullable(),
  }),
} as const;
export type PaymentAuthorized = z.infer<typeof paymentAuthorizedV1.schema>;

/** Money was captured (amountMinor: this capture; capturedMinor: the total so far). */
export const paymentCapturedV1 = {
  type: 'payments.payment.captured.v1',
  schema: z.object({ ...paymentFacts, capturedMinor: z.number().int() }),
} as const;
export type PaymentCaptured = z.infer<typeof paymentCapturedV1.schema>;

/** Money was refunded (amountMinor: this refund; refundedMinor: the total so far). */
export const paymentRefundedV1 = {
  type: 'payments.payment.refunded.v1',
  schema: z.object({ ...paymentFacts, refundedMinor: z.number().int(), reason: z.string() }),
} as const;
export type PaymentRefunded = z.infer<typeof paymentRefundedV1.schema>;

/** An authorisation was voided (nothing captured). */
export const paymentVoidedV1 = {
  type: 'payments.payment.voided.v1',
  schema: z.object(paymentFacts),
} as const;
export type PaymentVoided = z.infer<typeof paymentVoidedV1.schema>;
