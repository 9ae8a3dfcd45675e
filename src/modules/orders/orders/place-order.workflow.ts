import { systemContext, type RequestContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { WorkflowContext, WorkflowRef, Workflows } from '../../../platform/jobs/index.js';
import type { InventoryService } from '../../catalog/index.js';
import type { PaymentsService } from '../../payments/index.js';
import type { Order, OrderStatus } from '../contract.js';
import type { PlacePlan } from './orders.service.js';

export const PLACE_ORDER_WORKFLOW = 'orders.place-order';

export interface PlaceOrderInput {
  readonly tenantId: string;
  readonly orderUuid: string;
}

export type PlaceOrderOutcome =
  | { readonly outcome: 'confirmed'; readonly paymentId: string }
  | { readonly outcome: 'cancelled'; readonly reason: string }
  | { readonly outcome: 'skipped'; readonly status: string };

/** The message the payments handler sends when an authorisation that needed the customer settled. */
export interface PaymentSettled {
  readonly status: 'authorized' | 'failed';
  readonly failureCode: string | null;
}

export interface PlaceOrderSteps {
  plan(ctx: RequestContext, orderUuid: string): Promise<PlacePlan | undefined>;
  inventory(): InventoryService;
  payments(): PaymentsService;
  transition(
    ctx: RequestContext,
    orderId: string,
    to: OrderStatus,
    input: { readonly reason: string; readonly force?: boolean },
  ): Promise<Order>;
  /** Test hook: called between steps with the name of the step that just completed. */
  afterStep?(name: string): void;
}

type StepResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** A step's own failure (declined, out of stock) becomes a value, recorded once; a transient one is retried by the step. */
async function outcome<T>(fn: () => Promise<T>): Promise<StepResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (error instanceof AppError && !error.transient)
      return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

const retries = { retries: 4, initialBackoffMs: 500, backoffFactor: 2 };

/**
 * The place-order workflow: reserve → authorise (waiting for 3-D Secure / approval when asked) →
 * confirm → capture (captureMode automatic). A failure undoes what was done, in reverse: void the
 * authorisation, release the reservation, cancel the order with the reason. Every step is
 * idempotent on its own (reserve per order, payments per key, the transition a no-op when done),
 * so a step replayed after a crash does its work once.
 */
export function definePlaceOrder(
  workflows: Workflows,
  steps: PlaceOrderSteps,
): WorkflowRef<PlaceOrderInput, PlaceOrderOutcome> {
  async function compensate(
    wf: WorkflowContext,
    ctx: RequestContext,
    plan: PlacePlan,
    paymentId: string | null,
    reason: string,
  ): Promise<PlaceOrderOutcome> {
    if (paymentId) {
      const id = paymentId;
      await wf.step(
        'compensate-void',
        () =>
          outcome(() => steps.payments().void(ctx, id, { idempotencyKey: `${wf.workflowId}:void` })).then(
            () => true,
          ),
        retries,
      );
    }
    await wf.step('compensate-release', () => steps.inventory().release(ctx, plan.orderId, reason), retries);
    await wf.step(
      'compensate-cancel',
      () =>
        outcome(() => steps.transition(ctx, plan.orderId, 'CANCELLED', { reason, force: true })).then(
          () => true,
        ),
      retries,
    );
    return { outcome: 'cancelled', reason };
  }

  return workflows.define<PlaceOrderInput, PlaceOrderOutcome>(PLACE_ORDER_WORKFLOW, async (wf, input) => {
    const ctx = systemContext(input.tenantId, wf.workflowId, 'orders.place-order');
    const plan = await wf.step('load', () => steps.plan(ctx, input.orderUuid), retries);
    if (!plan || plan.status !== 'PENDING') return { outcome: 'skipped', status: plan?.status ?? 'missing' };

    const reserved = await wf.step(
      'reserve',
      () =>
        outcome(() =>
          steps
            .inventory()
            .reserve(ctx, { orderId: plan.orderId, lines: plan.lines })
            .then((r) => r.length),
        ),
      retries,
    );
    steps.afterStep?.('reserve');
    if (!reserved.ok) return compensate(wf, ctx, plan, null, 'out_of_stock');

    const authorised = await wf.step(
      'authorize',
      () =>
        outcome(async () => {
          const payment = await steps.payments().authorize(ctx, {
            orderId: plan.orderId,
            amount: plan.amount,
            ...(plan.gateway ? { gateway: plan.gateway } : {}),
            method: plan.method,
            idempotencyKey: wf.workflowId,
          });
          return { paymentId: payment.id, status: payment.status, failureCode: payment.failureCode };
        }),
      retries,
    );
    steps.afterStep?.('authorize');
    if (!authorised.ok) return compensate(wf, ctx, plan, null, 'payment_failed');
    const payment = authorised.value;
    let status: string = payment.status;
    if (status === 'requires_action' || status === 'pending') {
      const settled = await wf.waitForMessage<PaymentSettled>('payment', plan.actionTimeoutMs);
      if (!settled) return compensate(wf, ctx, plan, payment.paymentId, 'payment_timeout');
      status = settled.status;
    }
    if (status !== 'authorized') return compensate(wf, ctx, plan, payment.paymentId, 'payment_failed');

    const confirmed = await wf.step(
      'confirm',
      () =>
        outcome(() =>
          steps.transition(ctx, plan.orderId, 'CONFIRMED', {
            reason: 'stock reserved and payment authorised',
          }),
        ).then((r) => (r.ok ? ({ ok: true } as const) : r)),
      retries,
    );
    steps.afterStep?.('confirm');
    if (!confirmed.ok) return compensate(wf, ctx, plan, payment.paymentId, 'cancelled_before_confirmation');

    if (plan.captureMode === 'automatic') {
      const captured = await wf.step(
        'capture',
        () =>
          outcome(() =>
            steps.payments().capture(ctx, payment.paymentId, { idempotencyKey: `${wf.workflowId}:capture` }),
          ).then((r) => (r.ok ? ({ ok: true } as const) : r)),
        retries,
      );
      steps.afterStep?.('capture');
      if (!captured.ok) return compensate(wf, ctx, plan, payment.paymentId, 'capture_failed');
    }
    return { outcome: 'confirmed', paymentId: payment.paymentId };
  });
}
