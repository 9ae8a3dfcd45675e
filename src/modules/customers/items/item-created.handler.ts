import { fromPublicId } from '../../../platform/ids.js';
import type { EventTrigger } from '../../../platform/jobs/index.js';
import type { CustomersTransaction } from '../db/customers.tables.js';
import { itemCreatedV1 } from '../events.js';
import { markAnnounced } from './items.repo.js';

/**
 * The example consumer: notes when an item's created event was handled. A real handler reacts to
 * another module's event, imported from that module's door. `once` records the event in the
 * group's inbox in the same transaction as the write, so a redelivery changes nothing.
 */
export function itemCreatedHandler(): EventTrigger {
  return {
    group: 'customers-item-created',
    topics: [itemCreatedV1.type],
    async handle(ctx, event) {
      const { itemId } = itemCreatedV1.schema.parse(event.data);
      const id = fromPublicId('item', itemId);
      if (!id) return;
      await ctx.once((trx: CustomersTransaction) => markAnnounced(trx, id));
    },
  };
}
