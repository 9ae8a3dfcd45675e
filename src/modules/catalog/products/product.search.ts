import { sql, type RawBuilder } from 'kysely';
import type { RequestContext } from '../../../platform/context.js';
import { countUpTo, type ListTotal } from '../../../platform/db/list-pages.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import { currencyExponent } from '../../../platform/money.js';
import type { Product, ProductStatus } from '../contract.js';
import type { CatalogTables, CatalogTransaction } from '../db/catalog.tables.js';
import { ProductsErrors } from './products.errors.js';
import { loadProducts } from './products.repo.js';

/*
 * Product search and lists. With `q`: the full-text query (prefix terms over the weighted tsvector,
 * GIN) plus the exact SKU, at most MATCH_CAP matches taken from the index and ranked (exact SKU
 * first, then ts_rank_cd); when that finds fewer than FEW, trigram similarity on the name (GIN
 * pg_trgm) adds the near misses of a typo. Ranking, facets and paging then work on those ≤ CAP rows,
 * so a broad word never ranks a million. Without `q`: keyset pages over an index of the sort key,
 * and facets over the first FACET_CAP rows of the filter. Responses say what facets are based on.
 */

export const MATCH_CAP = 1000;
export const FACET_CAP = 1000;
const FEW = 5;
/** Price bands in major units of the currency; the last is open. */
const BANDS = [0, 10, 25, 50, 100, 250, 500, 1000];

export type SearchSort = 'relevance' | 'name' | 'newest' | 'price';

export interface SearchQuery {
  readonly q?: string | undefined;
  readonly categoryId?: string | undefined;
  readonly status?: ProductStatus | undefined;
  readonly currency?: string | undefined;
  readonly priceMin?: number | undefined;
  readonly priceMax?: number | undefined;
  readonly availability?: 'in_stock' | 'out_of_stock' | undefined;
  readonly sort?: SearchSort | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
  /** The external surface: active products only, whatever `status` says. */
  readonly activeOnly?: boolean;
}

export interface SearchFacets {
  readonly categories: { id: string; name: string; count: number }[];
  readonly priceBands: { fromMinor: number; toMinor: number | null; count: number }[];
  readonly availability: { inStock: number; outOfStock: number };
  /** Facets count at most this many matching rows (the best ranked with `q`); capped: there were more. */
  readonly basedOn: { rows: number; capped: boolean };
}

export interface SearchResult {
  readonly items: Product[];
  readonly facets: SearchFacets;
  readonly nextCursor: string | null;
  readonly total: ListTotal;
}

interface Candidate {
  id: string;
  rank: number;
  nameKey: string;
  createdAt: Date;
  categoryId: string | null;
  amountMinor: number | null;
  available: number;
}

/** `blue shirt` → `blue:* & shirt:*`: letters and digits only, so the text cannot be tsquery syntax. */
export function toPrefixQuery(q: string): string | undefined {
  const words =
    q
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = words.slice(0, 8).map((w) => `${w.slice(0, 60)}:*`);
  return terms.length ? terms.join(' & ') : undefined;
}

const encode = (values: unknown[]) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
function decode(cursor: string): unknown[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value)) return value;
  } catch {
    // falls through
  }
  throw ProductsErrors.invalidUpload([{ field: 'query.cursor', message: 'is not a cursor of this list' }]);
}

export function createProductSearch(deps: { readonly database: Database }) {
  async function search(ctx: RequestContext, query: SearchQuery): Promise<SearchResult> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const q = query.q?.trim().slice(0, 200) ?? '';
    const sort: SearchSort = query.sort ?? (q ? 'relevance' : 'newest');
    if (sort === 'price' && !query.currency)
      throw ProductsErrors.invalidUpload([
        { field: 'query.currency', message: 'is required to sort by price' },
      ]);
    if ((query.priceMin !== undefined || query.priceMax !== undefined) && !query.currency)
      throw ProductsErrors.invalidUpload([
        { field: 'query.currency', message: 'is required with priceMin or priceMax' },
      ]);
    const categoryUuid = query.categoryId ? fromPublicId('cat', query.categoryId) : undefined;
    if (query.categoryId && !categoryUuid)
      throw ProductsErrors.invalidUpload([{ field: 'query.categoryId', message: 'is not a category id' }]);

    return deps.database.withTenant<CatalogTables, SearchResult>(ctx, async (trx) => {
      const status = query.activeOnly ? 'active' : (query.status ?? null);
      const categories = categoryUuid ? await subtreeOf(trx, categoryUuid) : null;
      const filters: RawBuilder<unknown>[] = [];
      if (status) filters.push(sql`p.status = ${status}`);
      if (categories) filters.push(sql`p.category_id = any(${categories}::uuid[])`);
      if (query.priceMin !== undefined) filters.push(sql`pp.amount_minor >= ${query.priceMin}`);
      if (query.priceMax !== undefined) filters.push(sql`pp.amount_minor <= ${query.priceMax}`);
      if (query.availability === 'in_stock') filters.push(sql`catalog.product_available(p.id) > 0`);
      if (query.availability === 'out_of_stock') filters.push(sql`catalog.product_available(p.id) <= 0`);
      const priceJoin = query.currency
        ? sql`${sql.raw(query.priceMin !== undefined || query.priceMax !== undefined || sort === 'price' ? 'join' : 'left join')} catalog.product_prices pp on pp.product_id = p.id and pp.currency = ${query.currency}`
        : sql`left join (select null::bigint as amount_minor) pp on false`;
      const where = (extra: RawBuilder<unknown>) => sql.join([extra, ...filters], sql` and `);
      const columns = sql`p.id, lower(p.name) as "nameKey", p.created_at as "createdAt", p.category_id as "categoryId",
        pp.amount_minor as "amountMinor", catalog.product_available(p.id) as available`;

      if (q)
        return ranked(trx, {
          q,
          narrow: {
            status,
            categories,
            priceMin: query.priceMin ?? null,
            priceMax: query.priceMax ?? null,
          },
          sort,
          limit,
          cursor: query.cursor,
          where,
          columns,
          priceJoin,
          currency: query.currency,
        });
      return listed(trx, {
        sort,
        limit,
        cursor: query.cursor,
        where,
        columns,
        priceJoin,
        currency: query.currency,
      });
    });
  }

  interface Parts {
    sort: SearchSort;
    limit: number;
    cursor: string | undefined;
    where: (extra: RawBuilder<unknown>) => RawBuilder<unknown>;
    columns: RawBuilder<unknown>;
    priceJoin: RawBuilder<unknown>;
    currency: string | undefined;
  }

  /** The category and its descendants (the tree is small; at most 20 levels). */
  async function subtreeOf(trx: CatalogTransaction, id: string): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`
      with recursive sub as (select id, 1 as depth from catalog.categories where id = ${id}
        union all select c.id, sub.depth + 1 from catalog.categories c join sub on c.parent_id = sub.id where sub.depth < 20)
      select id from sub`.execute(trx);
    return rows.map((r) => r.id);
  }

  interface Narrow {
    status: string | null;
    categories: string[] | null;
    priceMin: number | null;
    priceMax: number | null;
  }

  async function ranked(
    trx: CatalogTransaction,
    parts: Parts & { q: string; narrow: Narrow },
  ): Promise<SearchResult> {
    const { q, where, columns, priceJoin, narrow } = parts;
    const tsq = toPrefixQuery(q);
    // Each look-up answers ids from an index (see the functions in 0001-products); the rows are
    // then read, filtered and ranked under row-level security: at most MATCH_CAP of them.
    const candidatesOf = async (hits: RawBuilder<unknown>) =>
      (
        await sql<Candidate>`
          select ${columns}, h.rank::float8 as rank
            from (${hits}) h join catalog.products p on p.id = h.id ${priceJoin}
           where ${where(sql`true`)}`.execute(trx)
      ).rows;
    const categories = narrow.categories ? sql`${narrow.categories}::uuid[]` : sql`null::uuid[]`;
    const exact = await candidatesOf(
      sql`select s.id, 1000::real as rank from catalog.product_sku_hits(${q}) as s(id)`,
    );
    const seen = new Set(exact.map((m) => m.id));
    let candidates = exact;
    // A SKU-shaped query (a digit, no space) that found its SKU needs no text search: its parts
    // (`sku`, `0123456`) are prefixes of half the catalogue's SKUs.
    const skuShaped = /\d/.test(q) && !/\s/.test(q);
    if (tsq && !(skuShaped && exact.length > 0)) {
      const matched = await candidatesOf(sql`
        select id, 1 + rank as rank from catalog.product_text_hits(${tsq}, ${narrow.status}::text, ${categories},
          ${parts.currency ?? null}::text, ${narrow.priceMin}::bigint, ${narrow.priceMax}::bigint, ${MATCH_CAP}::int)`);
      candidates = [...candidates, ...matched.filter((m) => !seen.has(m.id))];
    }
    if (candidates.length < FEW && q.length >= 3) {
      const known = new Set(candidates.map((m) => m.id));
      const near = await candidatesOf(sql`
        select id, rank from catalog.product_name_near(${q}, ${narrow.status}::text, ${categories}, ${MATCH_CAP}::int)`);
      candidates = [...candidates, ...near.filter((n) => !known.has(n.id))];
    }
    candidates = candidates.map((c) => ({
      ...c,
      rank: c.rank,
      amountMinor: c.amountMinor,
      available: c.available,
    }));
    const key = sortKey(parts.sort);
    candidates.sort(
      (a, b) => compare(key(a), key(b)) * (parts.sort === 'relevance' || parts.sort === 'newest' ? -1 : 1),
    );
    let start = 0;
    if (parts.cursor) {
      const after = decode(parts.cursor);
      const descending = parts.sort === 'relevance' || parts.sort === 'newest';
      start = candidates.findIndex((c) => compare(key(c), revive(after)) * (descending ? -1 : 1) > 0);
      if (start < 0) start = candidates.length;
    }
    const page = candidates.slice(start, start + parts.limit);
    const more = start + parts.limit < candidates.length;
    const last = page.at(-1);
    const items = await loadProducts(
      trx,
      page.map((c) => c.id),
    );
    return {
      items,
      facets: await facetsOf(trx, candidates, parts.currency, candidates.length >= MATCH_CAP),
      nextCursor: more && last ? encode(cursorValues(key(last))) : null,
      total: { count: candidates.length, exact: candidates.length < MATCH_CAP },
    };
  }

  async function listed(trx: CatalogTransaction, parts: Parts): Promise<SearchResult> {
    const { where, columns, priceJoin } = parts;
    const order =
      parts.sort === 'name'
        ? { keys: [sql`lower(p.name)`, sql`p.id`], dir: 'asc' as const }
        : parts.sort === 'price'
          ? { keys: [sql`pp.amount_minor`, sql`p.id`], dir: 'asc' as const }
          : { keys: [sql`p.created_at`, sql`p.id`], dir: 'desc' as const };
    let after: RawBuilder<unknown> = sql`true`;
    if (parts.cursor) {
      const values = decode(parts.cursor);
      if (values.length !== 2 || typeof values[1] !== 'string' || !/^[0-9a-f-]{36}$/.test(values[1]))
        throw ProductsErrors.invalidUpload([
          { field: 'query.cursor', message: 'is not a cursor of this list' },
        ]);
      const first =
        parts.sort === 'name'
          ? sql`${String(values[0])}::text`
          : parts.sort === 'price'
            ? sql`${Number(values[0])}::bigint`
            : sql`${String(values[0])}::timestamptz`;
      const cmp = sql.raw(order.dir === 'asc' ? '>' : '<');
      after = sql`(${sql.join(order.keys)}) ${cmp} (${first}, ${values[1]}::uuid)`;
    }
    const dir = sql.raw(order.dir);
    const { rows } = await sql<Candidate & { sortValue: unknown }>`
      select ${columns}, 0::float8 as rank
        from catalog.products p ${priceJoin}
       where ${where(after)}
       order by ${sql.join(order.keys.map((k) => sql`${k} ${dir}`))}
       limit ${parts.limit + 1}`.execute(trx);
    const page = rows.slice(0, parts.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > parts.limit && last
        ? encode([
            parts.sort === 'name'
              ? last.nameKey
              : parts.sort === 'price'
                ? Number(last.amountMinor)
                : new Date(last.createdAt).toISOString(),
            last.id,
          ])
        : null;
    const sample = sql`select ${columns}, 0::float8 as rank from catalog.products p ${priceJoin} where ${where(sql`true`)}`;
    const { rows: sampled } = await sql<Candidate>`${sample} limit ${FACET_CAP + 1}`.execute(trx);
    const capped = sampled.length > FACET_CAP;
    const facetRows = sampled.slice(0, FACET_CAP).map((c) => ({
      ...c,
      amountMinor: c.amountMinor,
      available: c.available,
    }));
    return {
      items: await loadProducts(
        trx,
        page.map((r) => r.id),
      ),
      facets: await facetsOf(trx, facetRows, parts.currency, capped),
      nextCursor,
      // Past the sample, the planner's estimate (counting 10,000 rows of a broad filter costs more
      // than the page).
      total: capped
        ? estimated(
            await countUpTo(
              trx,
              sql`select 1 from catalog.products p ${priceJoin} where ${where(sql`true`)}`,
              0,
            ),
          )
        : { count: facetRows.length, exact: true },
    };
  }

  const estimated = (total: ListTotal): ListTotal => ({
    count: Math.max(total.count, FACET_CAP + 1),
    exact: false,
  });

  async function facetsOf(
    trx: CatalogTransaction,
    rows: readonly Candidate[],
    currency: string | undefined,
    capped: boolean,
  ): Promise<SearchFacets> {
    const byCategory = new Map<string, number>();
    for (const row of rows)
      if (row.categoryId) byCategory.set(row.categoryId, (byCategory.get(row.categoryId) ?? 0) + 1);
    const top = [...byCategory].sort((a, b) => b[1] - a[1]).slice(0, 30);
    const names = top.length
      ? await trx
          .selectFrom('catalog.categories')
          .select(['id', 'name'])
          .where(
            'id',
            'in',
            top.map(([id]) => id),
          )
          .execute()
      : [];
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const priceBands: SearchFacets['priceBands'] = [];
    if (currency) {
      const unit = 10 ** currencyExponent(currency);
      BANDS.forEach((from, i) => {
        const to = BANDS[i + 1];
        const fromMinor = from * unit;
        const toMinor = to === undefined ? null : to * unit;
        const count = rows.filter(
          (r) =>
            r.amountMinor !== null &&
            r.amountMinor >= fromMinor &&
            (toMinor === null || r.amountMinor < toMinor),
        ).length;
        priceBands.push({ fromMinor, toMinor, count });
      });
    }
    const inStock = rows.filter((r) => r.available > 0).length;
    return {
      categories: top.map(([id, count]) => ({
        id: toPublicId('cat', id),
        name: nameOf.get(id) ?? '',
        count,
      })),
      priceBands,
      availability: { inStock, outOfStock: rows.length - inStock },
      basedOn: { rows: rows.length, capped },
    };
  }

  return { search };
}

type SortValue = (string | number)[];

function sortKey(sort: SearchSort): (c: Candidate) => SortValue {
  switch (sort) {
    case 'relevance':
      return (c) => [c.rank, c.id];
    case 'name':
      return (c) => [c.nameKey, c.id];
    case 'newest':
      return (c) => [new Date(c.createdAt).getTime(), c.id];
    case 'price':
      return (c) => [c.amountMinor ?? Number.MAX_SAFE_INTEGER, c.id];
  }
}

function compare(a: SortValue, b: SortValue): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

const cursorValues = (value: SortValue): unknown[] => value;
function revive(values: unknown[]): SortValue {
  return values.map((v) => (typeof v === 'number' || typeof v === 'string' ? v : String(v)));
}
