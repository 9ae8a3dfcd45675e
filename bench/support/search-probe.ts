/**
 * A measurement script (not a test): the product search (src/modules/catalog/products/product.search.ts)
 * over N products of one tenant beside 5,000 of another. Each query kind runs through the repo's own
 * `search()` under the application role with row-level security; every statement it issues is then
 * EXPLAIN (ANALYZE, BUFFERS)-ed in the same tenant transaction. Prints, per kind: the wall time of the
 * whole search (median of 5, one client), the p95 of 10 concurrent clients, the summed execution
 * time of its statements and the slowest statement.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<empty database> node --import tsx bench/support/search-probe.ts [--products 300000] [--skip-seed] [--plans]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CompiledQuery, sql, type KyselyPlugin, type RootOperationNode, type QueryId } from 'kysely';
import {
  platformMigrations,
  type Database,
  type TenantScope,
  type TenantTransaction,
} from '../../src/platform/db/index.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import { systemContext } from '../../src/platform/context.js';
/* eslint-disable switchboard/module-boundaries -- the probe measures the module's own search. */
import { catalogMigrations } from '../../src/modules/catalog/db/migrations/index.js';
import { createProductSearch, type SearchQuery } from '../../src/modules/catalog/products/product.search.js';
import { toPublicId } from '../../src/platform/ids.js';
/* eslint-enable switchboard/module-boundaries */
import { openBenchDatabase } from './bench-database.js';
import { loadAverage, printTable } from './figures.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '300000' },
    'skip-seed': { type: 'boolean', default: false },
    plans: { type: 'boolean', default: false },
    only: { type: 'string' },
    clients: { type: 'string', default: '10' },
  },
});
const total = Number(values.products);
const logger = createLogger({ level: 'fatal' });
const bench = await openBenchDatabase({
  prefix: 'switchboard-search-probe-',
  poolMax: 12,
  logger,
  migrations: [platformMigrations, catalogMigrations],
});
const owner = bench.database.owner;

const NOUNS = `speaker cable charger headphones keyboard mouse monitor lamp chair desk kettle toaster blender
router camera tripod backpack bottle jacket shirt trousers sneaker boot watch wallet belt umbrella pillow blanket
towel mug plate bowl knife pan pot drill hammer saw screwdriver wrench ladder hose rake shovel tent stove lantern`.split(
  /\s+/,
);
const ADJECTIVES =
  `blue red green black white grey silver golden compact portable wireless bluetooth smart classic
premium deluxe mini large small heavy light rugged slim ergonomic vintage modern organic steel wooden leather`.split(
    /\s+/,
  );
const BRANDS = `acme zenith orion nimbus vertex polar summit aurora titan lumen`.split(/\s+/);

async function seed(tenantId: string, n: number): Promise<void> {
  const nouns = sql`(${NOUNS}::text[])`;
  const adjectives = sql`(${ADJECTIVES}::text[])`;
  const brands = sql`(${BRANDS}::text[])`;
  await sql`
    insert into catalog.categories (id, tenant_id, name)
    select gen_random_uuid(), ${tenantId}::uuid, 'Category ' || g from generate_series(1, 60) g`.execute(
    owner,
  );
  await sql`
    insert into catalog.categories (id, tenant_id, parent_id, name)
    select gen_random_uuid(), c.tenant_id, c.id, c.name || ' / sub ' || g
      from catalog.categories c, generate_series(1, 3) g where c.tenant_id = ${tenantId}::uuid`.execute(
    owner,
  );
  await sql`
    insert into catalog.locations (id, tenant_id, code, name)
    values (gen_random_uuid(), ${tenantId}::uuid, 'main', 'Main'), (gen_random_uuid(), ${tenantId}::uuid, 'north', 'North')`.execute(
    owner,
  );
  const step = 50_000;
  for (let from = 1; from <= n; from += step) {
    const to = Math.min(n, from + step - 1);
    await sql`
      with cats as (select array_agg(id order by id) as ids from catalog.categories where tenant_id = ${tenantId}::uuid)
      insert into catalog.products (id, tenant_id, sku, name, description, status, category_id, attributes, created_at)
      select gen_random_uuid(), ${tenantId}::uuid, 'SKU-' || lpad(g::text, 7, '0'),
             initcap(${brands}[1 + g % array_length(${brands}, 1)] || ' ' || ${adjectives}[1 + (g / 7) % array_length(${adjectives}, 1)] || ' '
                     || ${nouns}[1 + (g * 31 / 11) % array_length(${nouns}, 1)]) || ' ' || (g % 997),
             'A ' || ${adjectives}[1 + (g / 3) % array_length(${adjectives}, 1)] || ' ' || ${nouns}[1 + (g * 7) % array_length(${nouns}, 1)] || ' for every day',
             (array['active','active','active','draft','archived'])[1 + g % 5],
             cats.ids[1 + (g * 13) % array_length(cats.ids, 1)],
             jsonb_build_object('colour', ${adjectives}[1 + g % 9], 'size', (array['S','M','L','XL'])[1 + g % 4]),
             now() - make_interval(secs => g * 37)
        from generate_series(${from}::int, ${to}::int) g, cats`.execute(owner);
  }
  await sql`
    insert into catalog.product_prices (tenant_id, product_id, currency, amount_minor)
    select tenant_id, id, 'EUR', 100 + (hashtext(id::text) & 2147483647) % 150000
      from catalog.products where tenant_id = ${tenantId}::uuid`.execute(owner);
  await sql`
    insert into catalog.inventory_levels (tenant_id, product_id, location_id, on_hand, reserved)
    select p.tenant_id, p.id, l.id, (hashtext(p.id::text || l.code) & 2147483647) % 20, 0
      from catalog.products p join catalog.locations l on l.tenant_id = p.tenant_id
     where p.tenant_id = ${tenantId}::uuid and (hashtext(p.id::text) & 3) <> 0`.execute(owner);
}

const existing = await sql<{ tenantId: string; n: string }>`
  select tenant_id, count(*) as n from catalog.products group by 1 order by 2 desc`.execute(owner);
let tenant = existing.rows[0]?.tenantId;
if (!values['skip-seed'] || !tenant) {
  tenant = randomUUID();
  const started = performance.now();
  await seed(tenant, total);
  await seed(randomUUID(), 5000);
  await sql`analyze catalog.products, catalog.product_prices, catalog.inventory_levels, catalog.categories`.execute(
    owner,
  );
  console.log(`seeded ${total} + 5000 products in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const count = await sql<{
  n: string;
}>`select count(*) as n from catalog.products where tenant_id = ${tenant}::uuid`.execute(owner);
const category = await sql<{ id: string }>`
  select id from catalog.categories where tenant_id = ${tenant}::uuid and parent_id is null order by name limit 1 offset 7`.execute(
  owner,
);
const categoryId = toPublicId('cat', category.rows[0]?.id ?? '');

/** Records each statement the search issues, to EXPLAIN them afterwards in the same transaction. */
function recording(into: { node: RootOperationNode; queryId: QueryId }[]): KyselyPlugin {
  return {
    transformQuery(args) {
      into.push({ node: args.node, queryId: args.queryId });
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
}

interface Explained {
  sql: string;
  ms: number;
  plan: string;
}
let explained: Explained[] | undefined;
const probing: Database = {
  ...bench.database,
  withTenant: ((scope: TenantScope, body: (trx: TenantTransaction) => Promise<unknown>) =>
    bench.database.withTenant(scope, async (trx) => {
      const fn = body;
      if (!explained) return fn(trx);
      const seen: { node: RootOperationNode; queryId: QueryId }[] = [];
      const result = await fn(trx.withPlugin(recording(seen)));
      for (const { node, queryId } of seen) {
        const compiled = trx.getExecutor().compileQuery(node, queryId);
        if (/^\s*explain/i.test(compiled.sql)) continue;
        const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]),
        );
        const text = rows.map((r) => r['QUERY PLAN']).join('\n');
        const ms = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? Number.NaN);
        explained.push({ sql: compiled.sql, ms, plan: text });
      }
      return result;
    })) as unknown as Database['withTenant'],
};
const search = createProductSearch({ database: probing });
const ctx = systemContext(tenant, 'probe');

const cases: [string, SearchQuery][] = [
  ['q: common word (speaker)', { q: 'speaker' }],
  ['q: rare word (lantern acme)', { q: 'lantern acme 12' }],
  ['q: two words (wireless speaker)', { q: 'wireless speaker', currency: 'EUR' }],
  ['q: typo (wireles speakr)', { q: 'wireles speakr' }],
  ['q: typo one word (hedphones)', { q: 'hedphones' }],
  ['q: SKU (SKU-0123456)', { q: `SKU-${String(Math.min(123456, total - 1)).padStart(7, '0')}` }],
  ['q + category facet', { q: 'speaker', categoryId, currency: 'EUR' }],
  ['q + price range', { q: 'lamp', currency: 'EUR', priceMin: 1000, priceMax: 5000 }],
  ['q + in stock', { q: 'lamp', availability: 'in_stock' }],
  ['browse: newest', {}],
  ['browse: active by name', { status: 'active', sort: 'name' }],
  ['browse: category', { categoryId, status: 'active' }],
  ['browse: price range', { currency: 'EUR', priceMin: 1000, priceMax: 2000, status: 'active' }],
  ['browse: by price', { currency: 'EUR', sort: 'price' }],
  ['browse: in stock', { availability: 'in_stock', status: 'active' }],
  ['external: q active only', { q: 'speaker', activeOnly: true }],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] ?? Number.NaN;
const rows: string[][] = [];
for (const [name, query] of cases) {
  if (values.only && !name.includes(values.only)) continue;
  explained = undefined;
  let first;
  try {
    first = await search.search(ctx, query);
  } catch (error) {
    rows.push([name, `failed: ${String(error).slice(0, 80)}`]);
    continue;
  }
  const walls: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await search.search(ctx, query);
    walls.push(performance.now() - t0);
  }
  const concurrent: number[] = [];
  await Promise.all(
    Array.from({ length: Number(values.clients) }, async () => {
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await search.search(ctx, query);
        concurrent.push(performance.now() - t0);
      }
    }),
  );
  explained = [];
  await search.search(ctx, query);
  const statements = explained;
  explained = undefined;
  const slowest = statements.reduce<Explained | undefined>((a, b) => (!a || b.ms > a.ms ? b : a), undefined);
  const summed = statements.reduce((s, e) => s + e.ms, 0);
  if (values.plans && slowest) console.log(`--- ${name}\n${slowest.sql}\n${slowest.plan}\n`);
  rows.push([
    name,
    median(walls).toFixed(1),
    p95(concurrent).toFixed(1),
    summed.toFixed(1),
    (slowest?.ms ?? 0).toFixed(1),
    `${first.total.exact ? '' : '≥'}${first.total.count}`,
  ]);
}
printTable(
  [
    'query kind',
    'wall ms (median, 1 client)',
    'p95 ms (10 clients)',
    'EXPLAIN ms (sum)',
    'slowest stmt ms',
    'total',
  ],
  rows,
);
console.log(`${count.rows[0]?.n ?? '?'} products in the tenant; load average ${loadAverage()}`);
await bench.close();
