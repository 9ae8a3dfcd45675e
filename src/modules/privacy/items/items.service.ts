import type { Bus } from '../../../platform/bus/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { Item, ItemsService } from '../contract.js';
import type { PrivacyTables } from '../db/privacy.tables.js';
import { PrivacyErrors } from '../errors.js';
import { itemCreatedV1, type ItemCreated } from '../events.js';
import { findItem, insertItem, listItems, type ItemRow } from './items.repo.js';

function toItem(row: ItemRow): Item {
  return {
    id: toPublicId('item', row.id),
    name: row.name,
    createdAt: row.createdAt,
    announcedAt: row.announcedAt,
  };
}

export function createItemsService(deps: { readonly database: Database; readonly bus: Bus }): ItemsService {
  const { database, bus } = deps;
  return {
    async create(ctx, input) {
      const row = await database.withTenant<PrivacyTables, ItemRow>(ctx, async (trx) => {
        const inserted = await insertItem(trx, {
          id: newUuid(),
          tenantId: ctx.tenantId,
          name: input.name,
          announcedAt: null,
        });
        // Through the outbox: the event is delivered if and only if the row commits.
        const data: ItemCreated = { itemId: toPublicId('item', inserted.id) };
        await bus.publish(trx, [
          { type: itemCreatedV1.type, tenantId: ctx.tenantId, key: inserted.id, data },
        ]);
        return inserted;
      });
      return toItem(row);
    },
    async list(ctx) {
      return (await database.withTenant<PrivacyTables, ItemRow[]>(ctx, listItems)).map(toItem);
    },
    async get(ctx, itemId) {
      const uuid = fromPublicId('item', itemId);
      const row = uuid
        ? await database.withTenant<PrivacyTables, ItemRow | undefined>(ctx, (trx) => findItem(trx, uuid))
        : undefined;
      if (!row) throw PrivacyErrors.itemNotFound();
      return toItem(row);
    },
  };
}
