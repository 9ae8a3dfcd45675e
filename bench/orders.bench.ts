/**
 * `npm run bench:orders` (issue 17): the commerce API under load, beside a baseline measured in
 * the same run, and search over a million products.
 *
 * 1. The platform with every role on embedded PostgreSQL (bench settings), a tenant with --products
 *    products seeded by SQL (word-list names, ten categories, prices in EUR and USD), the first
 *    --stocked of them with stock at one location (through the inventory API). Then --clients
 *    clients (default 50) for --seconds (default 60), each running back to back, round-robin:
 *      create-order  POST /api/v1/orders (Idempotency-Key, simulator card 4242…, one or two lines)
 *      get-order     GET  /api/v1/orders/{id} (an order this run created)
 *      list-orders   GET  /api/v1/orders?limit=50 (every other one filtered by status)
 *      search        GET  /api/v1/catalog/products?q=<word>&limit=20
 *    The baseline: a bare Fastify route doing one indexed SELECT (a product by SKU) on the same
 *    database through a pool of the same size, hammered by as many clients for as long.
 *    DB figures: every query the process sends through node-postgres, timed from hand-over to a
 *    connection to its result (so the wait for a free connection is not in it; the place-order
 *    workflow's queries are in it, they run in this process).
 * 2. Search over --search-products products (default 1,000,000) of a tenant of their own, seeded by
 *    generate_series (about 1 to 3 minutes; --data-dir keeps the database, and a run that finds
 *    the tenant seeded reuses it): single word, two words, a typo, a SKU, a category facet, a price
 *    range, each by --search-clients clients (default 10) for --search-seconds (default 10).
 *
 * Targets printed beside the figures (measured, never asserted): API p95 < 50 ms, DB p95 < 100 ms,
 * search p95 < 20 ms.
 *
 *   node --import tsx bench/orders.bench.ts [--clients 50] [--seconds 60] [--products 10000] [--stocked 200]
 *        [--search-products 1000000] [--search-clients 10] [--search-seconds 10] [--skip-search] [--skip-orders]
 *        [--data-dir DIR (kept; reused by the next run)]
 *        [--url http://host:port --api-key KEY --tenant UUID] (a running platform; DATABASE_URL = its owner connection)
 * (or the environment: BENCH_ORDERS_CLIENTS, _SECONDS, _PRODUCTS, _STOCKED, _SEARCH_PRODUCTS, _SEARCH_CLIENTS,
 *  _SEARCH_SECONDS, _DATA_DIR, _URL, _API_KEY, _TENANT)
 *
 * Quick run: node --import tsx bench/orders.bench.ts --clients 10 --seconds 10 --search-products 50000 --search-seconds 3
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { toPublicId } from '../src/platform/ids.js';
import { createLogger } from '../src/platform/telemetry/index.js';
import { loadAverage, printTable } from './support/figures.js';
import {
  benchTenant,
  bulkSeedProducts,
  colours,
  expectStatus,
  fmt,
  hammer,
  materials,
  nouns,
  percentiles,
  seedCategories,
  startBaseline,
  startCommerceBench,
  timeQueries,
  type OperationFigures,
} from './support/commerce-bench.js';

const knob = (name: string, fallback?: string) =>
  process.env[`BENCH_ORDERS_${name.toUpperCase().replaceAll('-', '_')}`] ?? fallback;
const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: knob('clients', '50') },
    seconds: { type: 'string', default: knob('seconds', '60') },
    products: { type: 'string', default: knob('products', '10000') },
    stocked: { type: 'string', default: knob('stocked', '200') },
    'search-products': { type: 'string', default: knob('search-products', '1000000') },
    'search-clients': { type: 'string', default: knob('search-clients', '10') },
    'search-seconds': { type: 'string', default: knob('search-seconds', '10') },
    'skip-search': { type: 'boolean', default: false },
    'skip-orders': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: knob('data-dir') },
    url: { type: 'string', default: knob('url') },
    'api-key': { type: 'string', default: knob('api-key') },
    tenant: { type: 'string', default: knob('tenant') },
  },
});
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const PRODUCTS = Number(args.products);
const STOCKED = Math.min(PRODUCTS, Number(args.stocked));
const SEARCH_PRODUCTS = Number(args['search-products']);
const SEARCH_CLIENTS = Number(args['search-clients']);
const SEARCH_SECONDS = Number(args['search-seconds']);
const TARGET = { api: 50, db: 100, search: 20 };
const SCOPES = [
  'products:read',
  'products:write',
  'inventory:write',
  'orders:read',
  'orders:write',
  'payments:refund',
  'commerce:configure',
];

const logger = createLogger({ level: 'warn' });
const sku = (n: number) => `BENCH-${String(n).padStart(7, '0')}`;
const pick = <T>(list: readonly T[], i: number): T => list[Math.abs(i) % list.length] as T;
const typos = [
  'tabel',
  'chiar',
  'lampp',
  'mirorr',
  'headphnes',
  'bakpack',
  'kettel',
  'blanket',
  'walnutt',
  'sneakr',
];

const address = {
  name: 'Bench Buyer',
  line1: 'Invalidenstraße 116',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

async function main(): Promise<void> {
  const bench = await startCommerceBench({ logger, dataDir: args['data-dir'], url: args.url });
  const queries = timeQueries();
  const closers: (() => Promise<void>)[] = [];
  try {
    console.log(
      `Machine: ${os.cpus().length} cores, load average ${loadAverage()} at start; platform ${bench.baseUrl}, database pool ${bench.poolMax} connections`,
    );
    const tenantOf = async (slug: string) => {
      if (!bench.platform) {
        if (!args['api-key'] || !args.tenant) throw new Error('--url needs --api-key and --tenant');
        return { tenantId: args.tenant, key: args['api-key'], created: false };
      }
      return benchTenant(bench.platform, slug, SCOPES);
    };
    const api =
      (key: string) =>
      (path: string, init: RequestInit = {}) =>
        fetch(`${bench.baseUrl}/api/v1${path}`, {
          ...init,
          headers: {
            'x-api-key': key,
            ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(init.headers as Record<string, string> | undefined),
          },
        });
    const rows: string[][] = [];
    const dbRows: string[][] = [];
    const dbCell = (bucket: string, label: string, target?: number) => {
      const p = percentiles(queries.samples.get(bucket) ?? []);
      dbRows.push([
        label,
        p.count.toLocaleString('en'),
        fmt(p.p50),
        fmt(p.p95),
        fmt(p.p99),
        target === undefined ? '' : `< ${target} ms: ${p.p95 < target ? 'met' : 'MISSED'}`,
      ]);
    };
    const row = (
      name: string,
      f: OperationFigures,
      target: number | undefined,
      baseline?: OperationFigures,
    ) => {
      rows.push([
        name,
        f.count.toLocaleString('en'),
        f.perSecond.toFixed(0),
        fmt(f.p50),
        fmt(f.p95),
        fmt(f.p99),
        String(f.errors),
        baseline ? `${fmt(baseline.p50)} / ${fmt(baseline.p95)} / ${fmt(baseline.p99)}` : '',
        target === undefined
          ? ''
          : f.count === 0
            ? 'no successful request'
            : `< ${target} ms: ${f.p95 < target ? 'met' : 'MISSED'}`,
      ]);
      for (const e of f.firstErrors) console.log(`    ${name} failed: ${e}`);
    };

    if (!args['skip-orders']) {
      // --- 1. the order API under load, and the baseline ---------------------------------------------
      const { tenantId, key } = await tenantOf(`bench-orders-${randomUUID().slice(0, 8)}`);
      const call = api(key);
      const seedStarted = performance.now();
      const categories = await seedCategories(bench.owner, tenantId);
      const { rows: have } = await bench.owner.query<{ n: number }>(
        `select count(*)::int as n from catalog.products where tenant_id = $1 and sku like 'BENCH-%'`,
        [tenantId],
      );
      const existing = have[0]?.n ?? 0;
      if (existing < PRODUCTS)
        await bulkSeedProducts(bench.owner, tenantId, categories, PRODUCTS - existing, existing + 1);
      const { rows: stockedRows } = await bench.owner.query<{ id: string; sku: string }>(
        `select id, sku from catalog.products where tenant_id = $1 and sku = any($2)`,
        [tenantId, Array.from({ length: STOCKED }, (_, i) => sku(i + 1))],
      );
      // Stock through the inventory API: its table is the inventory feature's own.
      const location = await call('/catalog/locations', {
        method: 'POST',
        body: JSON.stringify({ code: `BENCH-${Date.now()}`, name: 'Bench warehouse' }),
      });
      const locationBody = (await location.json()) as { id?: string };
      let stocked = 0;
      if (location.status !== 201 || !locationBody.id) {
        console.log(`  (no location: ${location.status}; orders will find no stock)`);
      } else {
        for (const p of stockedRows) {
          const res = await call(`/catalog/inventory/${toPublicId('prod', p.id)}/${locationBody.id}`, {
            method: 'PUT',
            body: JSON.stringify({ onHand: 10_000_000, reason: 'bench stock' }),
          });
          if (res.status === 200) stocked++;
          else if (stocked === 0) {
            console.log(`  (stock not set: ${res.status} ${(await res.text()).slice(0, 200)})`);
            break;
          }
        }
      }
      const settings = await call('/orders/settings', {
        method: 'PUT',
        body: JSON.stringify({
          taxRates: [{ country: 'DE', rateBasisPoints: 1900 }],
          pricesIncludeTax: false,
          shippingOptions: [
            { id: 'standard', name: 'Standard', price: { amountMinor: 490, currency: 'EUR' } },
          ],
          captureMode: 'automatic',
          defaultGateway: 'simulator',
          defaultCarrier: 'simulator',
          cancellableStatuses: ['PENDING', 'CONFIRMED', 'PROCESSING'],
        }),
      });
      if (settings.status !== 200) console.log(`  (orders settings not set: ${settings.status})`);
      console.log(
        `Orders tenant: ${PRODUCTS.toLocaleString('en')} products (${stocked} with stock) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
      );

      const orderIds: string[] = [];
      const createOrder = async (client: number, round: number) => {
        const lines = [{ sku: sku(1 + ((client * 7919 + round) % Math.max(1, STOCKED))), quantity: 1 }];
        if (round % 3 === 0)
          lines.push({
            sku: sku(1 + ((client * 104_729 + round * 31 + 1) % Math.max(1, STOCKED))),
            quantity: 2,
          });
        const unique = lines.filter((l, i) => lines.findIndex((m) => m.sku === l.sku) === i);
        const res = await call('/orders', {
          method: 'POST',
          headers: { 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            email: `buyer${client}@bench.example`,
            currency: 'EUR',
            lines: unique,
            shippingAddress: address,
            shippingOption: 'standard',
            payment: { gateway: 'simulator', method: { type: 'test_card', number: '4242424242424242' } },
          }),
        });
        const body = await expectStatus(res, 201);
        orderIds.push((JSON.parse(body) as { id: string }).id);
      };
      // A few orders first, so get-order has something to read from its first round.
      for (let i = 0; i < 20; i++)
        await createOrder(0, i).catch((error: unknown) => {
          if (i === 0) console.log(`  (warm-up order failed: ${(error as Error).message})`);
        });

      console.log(`Load: ${CLIENTS} clients for ${SECONDS} s (load average ${loadAverage()})`);
      queries.bucket = 'api';
      const figures = await hammer(CLIENTS, SECONDS, {
        'create-order': createOrder,
        'get-order': async (client, round) => {
          const id = pick(orderIds, client * 31 + round * 17);
          if (!id) throw new Error('no order yet');
          await expectStatus(await call(`/orders/${id}`), 200);
        },
        'list-orders': async (_client, round) => {
          await expectStatus(
            await call(`/orders?limit=50${round % 2 ? '&status=CONFIRMED,PENDING' : ''}`),
            200,
          );
        },
        search: async (client, round) => {
          await expectStatus(
            await call(`/catalog/products?q=${encodeURIComponent(pick(nouns, client + round))}&limit=20`),
            200,
          );
        },
      });
      queries.bucket = undefined;
      console.log(`  done (load average ${loadAverage()})`);

      const { rows: sample } = await bench.owner.query<{ sku: string }>(
        `select sku from catalog.products where tenant_id = $1 and sku like 'BENCH-%' limit 1000`,
        [tenantId],
      );
      const skus = sample.map((r) => r.sku);
      const baselineServer = await startBaseline(
        bench.platform?.database.ownerUrl ?? process.env.DATABASE_URL ?? '',
        bench.poolMax,
        tenantId,
      );
      closers.push(() => baselineServer.close());
      console.log(`Baseline: ${CLIENTS} clients for ${SECONDS} s (load average ${loadAverage()})`);
      queries.bucket = 'baseline';
      const baseline = await hammer(CLIENTS, SECONDS, {
        'indexed select': async (client, round) => {
          await expectStatus(
            await fetch(`${baselineServer.url}/products/${pick(skus, client * 131 + round)}`),
            200,
          );
        },
      });
      queries.bucket = undefined;
      await baselineServer.close();
      closers.pop();
      console.log(`  done (load average ${loadAverage()})`);
      const base = baseline['indexed select'];
      for (const [name, f] of Object.entries(figures)) row(name, f, TARGET.api, base);
      if (base) row('baseline: bare route, one indexed SELECT', base, undefined);
      dbCell('api', `all queries during the API load (${CLIENTS} clients)`, TARGET.db);
      dbCell('baseline', 'the baseline’s SELECT');
      const { rows: statuses } = await bench.owner.query<{ status: string; n: number }>(
        'select status, count(*)::int as n from orders.orders where tenant_id = $1 group by status order by status',
        [tenantId],
      );
      console.log(
        `  orders by status after the load: ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}`,
      );
    }

    if (!args['skip-search']) {
      // --- 2. search over a million products ------------------------------------------------------------
      const { tenantId, key } = await tenantOf('bench-search-1m');
      const call = api(key);
      const categories = await seedCategories(bench.owner, tenantId);
      const { rows: have } = await bench.owner.query<{ n: number }>(
        `select count(*)::int as n from catalog.products where tenant_id = $1 and sku like 'BENCH-%'`,
        [tenantId],
      );
      const existing = have[0]?.n ?? 0;
      if (existing >= SEARCH_PRODUCTS) {
        console.log(`Search tenant: ${existing.toLocaleString('en')} products found seeded (reused)`);
      } else {
        console.log(`Search tenant: seeding ${(SEARCH_PRODUCTS - existing).toLocaleString('en')} products`);
        const started = performance.now();
        await bulkSeedProducts(bench.owner, tenantId, categories, SEARCH_PRODUCTS - existing, existing + 1);
        console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
      const total = Math.max(existing, SEARCH_PRODUCTS);
      const cases: [string, (client: number, round: number) => string][] = [
        ['single word', (c, r) => `q=${pick(nouns, c * 7 + r)}`],
        ['two words', (c, r) => `q=${pick(materials, c + r)}+${pick(nouns, c * 3 + r)}`],
        ['typo', (c, r) => `q=${pick(typos, c + r)}`],
        ['SKU', (c, r) => `q=${sku(1 + ((c * 7_919 + r * 104_729) % total))}`],
        ['category facet', (c, r) => `categoryId=${toPublicId('cat', pick(categories, c + r))}`],
        [
          'price range',
          (c, r) => {
            const from = 1_000 + ((c * 13 + r * 7) % 40) * 1_000;
            return `currency=EUR&priceMin=${from}&priceMax=${from + 2_000}`;
          },
        ],
        [
          'word + colour + price',
          (c, r) => `q=${pick(nouns, c + r)}+${pick(colours, r)}&currency=USD&priceMax=20000`,
        ],
      ];
      console.log(
        `Search: ${SEARCH_CLIENTS} clients for ${SEARCH_SECONDS} s per query kind over ${total.toLocaleString('en')} products`,
      );
      for (const [name, query] of cases) {
        queries.bucket = `search ${name}`;
        const f = await hammer(SEARCH_CLIENTS, SEARCH_SECONDS, {
          [name]: async (client, round) => {
            await expectStatus(await call(`/catalog/products?${query(client, round)}&limit=20`), 200);
          },
        });
        queries.bucket = undefined;
        const figures = f[name];
        const scale = total >= 1_000_000 ? `${total / 1_000_000}M` : `${Math.round(total / 1000)}k`;
        if (figures) row(`search ${scale}: ${name}`, figures, TARGET.search);
        dbCell(`search ${name}`, `search ${scale}: ${name}`);
        console.log(`  ${name}: p95 ${fmt(figures?.p95 ?? NaN)} ms (load average ${loadAverage()})`);
      }
    }

    console.log('');
    printTable(
      [
        'API operation',
        'requests',
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'errors',
        'baseline p50/p95/p99 ms',
        'target',
      ],
      rows,
    );
    console.log('');
    printTable(
      ['DB queries (node-postgres, timed in process)', 'queries', 'p50 ms', 'p95 ms', 'p99 ms', 'target'],
      dbRows,
    );
    console.log(`\nLoad average at the end: ${loadAverage()}`);
  } finally {
    for (const close of closers) await close();
    await bench.close();
  }
}

await main();
