import type { EventTrigger } from '../../../platform/jobs/index.js';
import { orderConfirmedV1, orderCreatedV1, orderDeliveredV1, orderShippedV1 } from '../../orders/index.js';
import { paymentAuthorizedV1 } from '../../payments/index.js';
import { userSignedUpV1 } from '../../identity/index.js';
import { requestReceivedV1 as privacyRequestReceivedV1 } from '../../privacy/index.js';
import type { Recipient, RecipientDirectory } from '../sending/directory.js';
import type { Sender } from '../sending/send.service.js';

const money = (minor: number, currency: string) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
};

/**
 * Event → notifications. Each is idempotent: the notification's source key is the event id and the
 * recipient, so a redelivered event adds nothing. A failure throws: the bus retries (transient) or
 * dead-letters it.
 */
export function triggerHandlers(deps: {
  readonly sender: Sender;
  readonly directory: RecipientDirectory;
}): EventTrigger[] {
  const { sender, directory } = deps;
  const clientOrder = (kind: 'confirmed' | 'shipped' | 'delivered'): EventTrigger => ({
    group: `notifications-order-${kind}`,
    topics: [
      { confirmed: orderConfirmedV1, shipped: orderShippedV1, delivered: orderDeliveredV1 }[kind].type,
    ],
    async handle(ctx, event) {
      const data = orderShippedV1.schema.partial({ shipmentId: true, trackingCode: true }).parse(event.data);
      if (!data.customerId?.startsWith('usr_')) return;
      const client = await directory.user(ctx, data.customerId);
      if (!client) return;
      await sender.sendTo(ctx, [client], {
        type: `order.${kind}`,
        variables: {
          orderNumber: data.number,
          orderId: data.orderId,
          total: money(data.totalMinor, data.currency),
          trackingLine: data.trackingCode ? ` Tracking: ${data.trackingCode}.` : '',
        },
        sourceKey: event.id,
      });
    },
  });

  const toHolders = async (
    ctx: Parameters<EventTrigger['handle']>[0],
    permission: string,
    send: (recipients: Recipient[]) => Promise<unknown>,
  ) => {
    const recipients = await directory.withPermission(ctx, permission);
    if (recipients.length > 0) await send(recipients);
  };

  return [
    clientOrder('confirmed'),
    clientOrder('shipped'),
    clientOrder('delivered'),
    {
      group: 'notifications-order-created',
      topics: [orderCreatedV1.type],
      async handle(ctx, event) {
        const data = orderCreatedV1.schema.parse(event.data);
        await toHolders(ctx, 'orders:write', (recipients) =>
          sender.sendTo(ctx, recipients, {
            type: 'order.created',
            variables: {
              orderNumber: data.number,
              orderId: data.orderId,
              total: money(data.totalMinor, data.currency),
            },
            channels: ['in_app', 'email'],
            sourceKey: event.id,
          }),
        );
      },
    },
    {
      group: 'notifications-payment-failed',
      topics: [paymentAuthorizedV1.type],
      async handle(ctx, event) {
        const data = paymentAuthorizedV1.schema.parse(event.data);
        if (data.status !== 'failed') return;
        await toHolders(ctx, 'orders:write', (recipients) =>
          sender.sendTo(ctx, recipients, {
            type: 'payment.failed',
            variables: {
              orderNumber: data.orderId,
              orderId: data.orderId,
              amount: money(data.amountMinor, data.currency),
              failureCode: data.failureCode ?? 'declined',
            },
            channels: ['in_app', 'email'],
            sourceKey: event.id,
          }),
        );
      },
    },
    {
      group: 'notifications-privacy-request',
      topics: [privacyRequestReceivedV1.type],
      async handle(ctx, event) {
        const data = privacyRequestReceivedV1.schema.parse(event.data);
        await toHolders(ctx, 'privacy:requests', (recipients) =>
          sender.sendTo(ctx, recipients, {
            type: 'privacy.request.received',
            variables: { requestId: data.requestId, kind: data.kind, dueAt: data.dueAt.slice(0, 10) },
            channels: ['in_app', 'email'],
            sourceKey: event.id,
          }),
        );
      },
    },
    {
      group: 'notifications-verify-email',
      topics: [userSignedUpV1.type],
      async handle(ctx, event) {
        const { userId } = userSignedUpV1.schema.parse(event.data);
        const { url, email } = await directory.issueEmailVerification(ctx, userId);
        await sender.sendTo(ctx, [{ userId, email, kind: 'client' }], {
          type: 'account.verify_email',
          variables: { url },
          channels: ['email'],
          sourceKey: event.id,
        });
      },
    },
  ];
}
