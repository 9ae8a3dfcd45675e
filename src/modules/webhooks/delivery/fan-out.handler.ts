import type { EventTrigger } from '../../../platform/jobs/index.js';
import type { WebhooksTransaction } from '../db/webhooks.tables.js';
import { subscribedEndpoints } from '../webhooks.repo.js';
import type { DeliveriesService } from './deliveries.service.js';

/**
 * Consumes every event type the modules offer to webhooks and queues one delivery per enabled
 * endpoint of the event's tenant that subscribed to it (an event nobody subscribed to is only
 * looked at: no inbox row, no write). `once` records the event in the group's
 * inbox with the rows, and the (endpoint, event) pair is unique, so a redelivered event queues
 * nothing twice. Sending is the sender timer's work: a slow receiver never holds the bus back.
 */
export function fanOutHandler(topics: readonly string[], deliveries: DeliveriesService): EventTrigger {
  return {
    group: 'webhooks-fan-out',
    topics,
    async handle(ctx, event) {
      if (!(await deliveries.anySubscribed(event.tenantId, event.type))) return;
      await ctx.once(async (trx: WebhooksTransaction) => {
        const endpoints = await subscribedEndpoints(trx, event.type);
        if (endpoints.length === 0) return;
        await deliveries.enqueueWithin(
          trx,
          event.tenantId,
          { id: event.id, type: event.type, occurredAt: new Date(event.occurredAt), data: event.data },
          endpoints.map((endpoint) => endpoint.id),
        );
      });
    },
  };
}
