import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { SavedView, SavedViewsService } from '../contract.js';
import type { IdentityTables } from '../db/identity.tables.js';
import { IdentityErrors } from '../errors.js';
import {
  deleteSavedView,
  insertSavedView,
  listSavedViews,
  updateSavedView,
  type SavedViewRow,
} from './saved-views.repo.js';

function toSavedView(row: SavedViewRow): SavedView {
  return {
    id: toPublicId('view', row.id),
    list: row.list,
    name: row.name,
    state: row.state,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Views belong to people; a machine (API key) has no console lists to keep. */
function ownerOf(ctx: RequestContext): string {
  if (ctx.actor.type !== 'user') throw IdentityErrors.viewsNeedUser();
  return ctx.actor.id;
}

const nameTaken = (error: unknown) => (error as { code?: string }).code === '23505';

export function createSavedViewsService(deps: { database: Database; audit: AuditLog }): SavedViewsService {
  const { database, audit } = deps;
  const uuidOf = (viewId: string) => {
    const id = fromPublicId('view', viewId);
    if (!id) throw IdentityErrors.viewNotFound();
    return id;
  };
  return {
    async list(ctx, list) {
      const owner = ownerOf(ctx);
      const rows = await database.withTenant<IdentityTables, SavedViewRow[]>(ctx, (trx) =>
        listSavedViews(trx, owner, list),
      );
      return rows.map(toSavedView);
    },

    async create(ctx, input) {
      const owner = ownerOf(ctx);
      try {
        const row = await database.withTenant<IdentityTables, SavedViewRow>(ctx, async (trx) => {
          const inserted = await insertSavedView(trx, {
            id: newUuid(),
            tenantId: ctx.tenantId,
            owner,
            list: input.list,
            name: input.name,
            state: input.state,
          });
          await audit.append(trx, ctx, {
            action: 'view.saved',
            target: { type: 'view', id: toPublicId('view', inserted.id) },
            details: { list: input.list, name: input.name },
          });
          return inserted;
        });
        return toSavedView(row);
      } catch (error) {
        if (nameTaken(error)) throw IdentityErrors.viewNameTaken();
        throw error;
      }
    },

    async update(ctx, viewId, input) {
      const owner = ownerOf(ctx);
      const id = uuidOf(viewId);
      try {
        const row = await database.withTenant<IdentityTables, SavedViewRow | undefined>(ctx, async (trx) => {
          const updated = await updateSavedView(trx, owner, id, input);
          if (updated)
            await audit.append(trx, ctx, {
              action: 'view.updated',
              target: { type: 'view', id: viewId },
              details: { list: updated.list, name: updated.name },
            });
          return updated;
        });
        if (!row) throw IdentityErrors.viewNotFound();
        return toSavedView(row);
      } catch (error) {
        if (nameTaken(error)) throw IdentityErrors.viewNameTaken();
        throw error;
      }
    },

    async remove(ctx, viewId) {
      const owner = ownerOf(ctx);
      const id = uuidOf(viewId);
      const row = await database.withTenant<IdentityTables, SavedViewRow | undefined>(ctx, async (trx) => {
        const deleted = await deleteSavedView(trx, owner, id);
        if (deleted)
          await audit.append(trx, ctx, {
            action: 'view.deleted',
            target: { type: 'view', id: viewId },
            details: { list: deleted.list, name: deleted.name },
          });
        return deleted;
      });
      if (!row) throw IdentityErrors.viewNotFound();
    },
  };
}
