import { sql } from 'kysely';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { CatalogTables, CatalogTransaction } from '../db/catalog.tables.js';
import { ProductsErrors } from './products.errors.js';
import { isUniqueViolation } from './products.repo.js';

/*
 * The category tree: an adjacency list (parent_id). Paths root→self and the cycle check are
 * recursive CTEs; a tree is at most MAX_DEPTH deep, which bounds both.
 */

export const MAX_DEPTH = 20;

export interface Category {
  /** `cat_…` */
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  /** Names from the root to this category. */
  readonly path: readonly string[];
  readonly productCount: number;
}

interface PathRow {
  id: string;
  name: string;
  parentId: string | null;
  path: string[];
  productCount: number;
}

export function createCategories(deps: { readonly database: Database; readonly audit: AuditLog }) {
  const { database, audit } = deps;

  const view = (row: PathRow): Category => ({
    id: toPublicId('cat', row.id),
    name: row.name,
    parentId: row.parentId ? toPublicId('cat', row.parentId) : null,
    path: row.path,
    productCount: row.productCount,
  });

  /** Every category with its path; `activeOnly` counts active products only (the external surface). */
  async function list(ctx: RequestContext, options: { activeOnly?: boolean } = {}): Promise<Category[]> {
    const rows = await database.withTenant<CatalogTables, PathRow[]>(ctx, async (trx) => {
      const { rows } = await sql<PathRow>`
        with recursive tree as (
          select id, name, parent_id, array[name] as path, 1 as depth
            from catalog.categories where parent_id is null
          union all
          select c.id, c.name, c.parent_id, tree.path || c.name, tree.depth + 1
            from catalog.categories c join tree on c.parent_id = tree.id
           where tree.depth < ${MAX_DEPTH}
        )
        select tree.id, tree.name, tree.parent_id as "parentId", tree.path,
               coalesce(counts.n, 0)::int as "productCount"
          from tree
          left join (
            select category_id, count(*) as n from catalog.products
             where category_id is not null
               and (${options.activeOnly ?? false} = false or status = 'active')
             group by category_id
          ) counts on counts.category_id = tree.id
         order by tree.path`.execute(trx);
      return rows;
    });
    return rows.map(view);
  }

  async function one(trx: CatalogTransaction, id: string): Promise<Category> {
    const { rows } = await sql<PathRow>`
      with recursive up as (
        select id, name, parent_id, 1 as depth from catalog.categories where id = ${id}
        union all
        select c.id, c.name, c.parent_id, up.depth + 1 from catalog.categories c join up on c.id = up.parent_id
         where up.depth < ${MAX_DEPTH}
      )
      select ${id}::uuid as id,
             (select name from catalog.categories where id = ${id}) as name,
             (select parent_id from catalog.categories where id = ${id}) as "parentId",
             array(select name from up order by depth desc) as path,
             (select count(*)::int from catalog.products where category_id = ${id}) as "productCount"`.execute(
      trx,
    );
    const row = rows[0];
    if (!row?.name) throw ProductsErrors.categoryNotFound();
    return view(row);
  }

  const uuidOf = (categoryId: string, field = 'params.categoryId') => {
    const uuid = fromPublicId('cat', categoryId);
    if (!uuid) throw ProductsErrors.categoryNotFound(field);
    return uuid;
  };

  async function depthOf(trx: CatalogTransaction, id: string): Promise<number> {
    const { rows } = await sql<{ depth: number }>`
      with recursive up as (
        select id, parent_id, 1 as depth from catalog.categories where id = ${id}
        union all
        select c.id, c.parent_id, up.depth + 1 from catalog.categories c join up on c.id = up.parent_id
         where up.depth <= ${MAX_DEPTH}
      ) select coalesce(max(depth), 0)::int as depth from up`.execute(trx);
    return rows[0]?.depth ?? 0;
  }

  async function parentUuid(trx: CatalogTransaction, parentId: string | null | undefined) {
    if (parentId === null || parentId === undefined) return parentId;
    const uuid = fromPublicId('cat', parentId);
    const found = uuid
      ? await trx.selectFrom('catalog.categories').select('id').where('id', '=', uuid).executeTakeFirst()
      : undefined;
    if (!found)
      throw ProductsErrors.invalid([{ field: 'body.parentId', message: 'is not a category of this tenant' }]);
    if ((await depthOf(trx, found.id)) >= MAX_DEPTH)
      throw ProductsErrors.invalid([
        { field: 'body.parentId', message: `the tree may be at most ${MAX_DEPTH} deep` },
      ]);
    return found.id;
  }

  async function create(
    ctx: RequestContext,
    input: { name: string; parentId?: string | null },
  ): Promise<Category> {
    try {
      return await database.withTenant<CatalogTables, Category>(ctx, async (trx) => {
        const parent = await parentUuid(trx, input.parentId);
        const id = newUuid();
        await trx
          .insertInto('catalog.categories')
          .values({ id, tenantId: ctx.tenantId, parentId: parent ?? null, name: input.name })
          .execute();
        await audit.append(trx, ctx, {
          action: 'catalog.category.created',
          target: { type: 'category', id: toPublicId('cat', id) },
          details: { name: input.name },
        });
        return one(trx, id);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw ProductsErrors.categoryNameTaken();
      throw error;
    }
  }

  async function update(
    ctx: RequestContext,
    categoryId: string,
    input: { name?: string; parentId?: string | null },
  ): Promise<Category> {
    const uuid = uuidOf(categoryId);
    try {
      return await database.withTenant<CatalogTables, Category>(ctx, async (trx) => {
        // One writer at a time moves categories of a tenant: two concurrent moves cannot make a cycle together.
        await sql`select pg_advisory_xact_lock(hashtextextended('catalog.categories:' || ${ctx.tenantId}, 0))`.execute(
          trx,
        );
        const current = await trx
          .selectFrom('catalog.categories')
          .select('id')
          .where('id', '=', uuid)
          .executeTakeFirst();
        if (!current) throw ProductsErrors.categoryNotFound();
        const parent = await parentUuid(trx, input.parentId);
        if (parent) {
          const { rows } = await sql<{ hit: boolean }>`
            with recursive up as (
              select id, parent_id, 1 as depth from catalog.categories where id = ${parent}
              union all
              select c.id, c.parent_id, up.depth + 1 from catalog.categories c join up on c.id = up.parent_id
               where up.depth <= ${MAX_DEPTH}
            ) select exists (select 1 from up where id = ${uuid}) as hit`.execute(trx);
          if (rows[0]?.hit) throw ProductsErrors.categoryCycle();
        }
        await trx
          .updateTable('catalog.categories')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(parent !== undefined ? { parentId: parent } : {}),
            updatedAt: new Date(),
          })
          .where('id', '=', uuid)
          .execute();
        await audit.append(trx, ctx, {
          action: 'catalog.category.updated',
          target: { type: 'category', id: categoryId },
          details: { fields: Object.keys(input) },
        });
        return one(trx, uuid);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw ProductsErrors.categoryNameTaken();
      throw error;
    }
  }

  async function remove(ctx: RequestContext, categoryId: string): Promise<void> {
    const uuid = uuidOf(categoryId);
    await database.withTenant<CatalogTables, void>(ctx, async (trx) => {
      const found = await trx
        .selectFrom('catalog.categories')
        .select('id')
        .where('id', '=', uuid)
        .forUpdate()
        .executeTakeFirst();
      if (!found) throw ProductsErrors.categoryNotFound();
      const { rows } = await sql<{ children: number; products: number }>`
        select (select count(*)::int from catalog.categories where parent_id = ${uuid}) as children,
               (select count(*)::int from catalog.products where category_id = ${uuid}) as products`.execute(
        trx,
      );
      const counts = rows[0] ?? { children: 0, products: 0 };
      if (counts.children > 0 || counts.products > 0)
        throw ProductsErrors.categoryInUse(counts.children, counts.products);
      await trx.deleteFrom('catalog.categories').where('id', '=', uuid).execute();
      await audit.append(trx, ctx, {
        action: 'catalog.category.deleted',
        target: { type: 'category', id: categoryId },
        details: {},
      });
    });
  }

  /** The import's "A > B > C": each level found by name under its parent or created. Returns the leaf's uuid. */
  async function ensurePath(
    trx: CatalogTransaction,
    ctx: RequestContext,
    names: readonly string[],
  ): Promise<string> {
    let parent: string | null = null;
    for (const name of names.slice(0, MAX_DEPTH)) {
      const query = trx
        .selectFrom('catalog.categories')
        .select('id')
        .where(sql<boolean>`lower(name) = lower(${name})`);
      const found: { id: string } | undefined = await (
        parent === null ? query.where('parentId', 'is', null) : query.where('parentId', '=', parent)
      ).executeTakeFirst();
      if (found) {
        parent = found.id;
        continue;
      }
      const id = newUuid();
      await trx
        .insertInto('catalog.categories')
        .values({ id, tenantId: ctx.tenantId, parentId: parent, name })
        .execute();
      await audit.append(trx, ctx, {
        action: 'catalog.category.created',
        target: { type: 'category', id: toPublicId('cat', id) },
        details: { name, via: 'import' },
      });
      parent = id;
    }
    if (parent === null) throw new Error('ensurePath needs at least one name');
    return parent;
  }

  return {
    list,
    get: (ctx: RequestContext, id: string) =>
      database.withTenant<CatalogTables, Category>(ctx, (trx) => one(trx, uuidOf(id))),
    create,
    update,
    remove,
    ensurePath,
  };
}

export type Categories = ReturnType<typeof createCategories>;
