import type { RequestContext } from '../../../platform/context.js';
import { jsonb, type Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { OrdersTables } from '../db/orders.tables.js';

/*
 * Saved views of the order list: a user's named filters (the query keys of GET /orders), kept per
 * actor id — one user never sees or removes another's.
 */

export interface SavedView {
  /** `view_…` */
  readonly id: string;
  readonly name: string;
  readonly filters: Readonly<Record<string, string>>;
  readonly createdAt: Date;
}

export interface SavedViewsService {
  list(ctx: RequestContext): Promise<SavedView[]>;
  create(
    ctx: RequestContext,
    input: { readonly name: string; readonly filters: Readonly<Record<string, string>> },
  ): Promise<SavedView>;
  remove(ctx: RequestContext, viewId: string): Promise<void>;
}

export const MAX_VIEWS_PER_USER = 100;

const notFound = () => new AppError('ORDERS_VIEW_NOT_FOUND', 'not_found', 'The saved view was not found.');

export function createSavedViews(database: Database): SavedViewsService {
  const toView = (row: {
    id: string;
    name: string;
    filters: Record<string, string>;
    createdAt: Date;
  }): SavedView => ({
    id: toPublicId('view', row.id),
    name: row.name,
    filters: row.filters,
    createdAt: row.createdAt,
  });
  return {
    list: (ctx) =>
      database.withTenant<OrdersTables, SavedView[]>(ctx, async (trx) =>
        (
          await trx
            .selectFrom('orders.saved_views')
            .select(['id', 'name', 'filters', 'createdAt'])
            .where('userId', '=', ctx.actor.id)
            .orderBy('name')
            .orderBy('id')
            .execute()
        ).map(toView),
      ),
    create: (ctx, input) =>
      database.withTenant<OrdersTables, SavedView>(ctx, async (trx) => {
        const { count } = await trx
          .selectFrom('orders.saved_views')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('userId', '=', ctx.actor.id)
          .executeTakeFirstOrThrow();
        if (count >= MAX_VIEWS_PER_USER)
          throw new AppError(
            'ORDERS_VIEW_LIMIT',
            'conflict',
            `A user keeps at most ${MAX_VIEWS_PER_USER} saved views.`,
          );
        const row = await trx
          .insertInto('orders.saved_views')
          .values({
            id: newUuid(),
            tenantId: ctx.tenantId,
            userId: ctx.actor.id,
            name: input.name,
            filters: jsonb(input.filters),
          })
          .onConflict((oc) => oc.columns(['tenantId', 'userId', 'name']).doNothing())
          .returning(['id', 'name', 'filters', 'createdAt'])
          .executeTakeFirst();
        if (!row)
          throw new AppError('ORDERS_VIEW_NAME_TAKEN', 'conflict', 'You have a saved view of this name.', {
            fields: [{ field: 'body.name', message: 'is taken' }],
          });
        return toView(row);
      }),
    async remove(ctx, viewId) {
      const uuid = fromPublicId('view', viewId);
      if (!uuid) throw notFound();
      const result = await database.withTenant<OrdersTables, { numDeletedRows: bigint }>(ctx, (trx) =>
        trx
          .deleteFrom('orders.saved_views')
          .where('id', '=', uuid)
          .where('userId', '=', ctx.actor.id)
          .executeTakeFirstOrThrow(),
      );
      if (Number(result.numDeletedRows) === 0) throw notFound();
    },
  };
}
