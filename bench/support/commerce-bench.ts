import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { createPlatform, type Platform } from '../../src/app/platform.js';
import { loadConfig, type Config } from '../../src/platform/config/index.js';
import { systemContext } from '../../src/platform/context.js';
import type { Logger } from '../../src/platform/telemetry/index.js';

/*
 * What bench:orders is made of: the platform listening on a free port (or one already running,
 * by URL), a tenant with an API key, the bulk seed of products by SQL (word lists, several
 * categories, prices in two currencies), a bare Fastify route doing one indexed SELECT (the
 * baseline), clients that hammer operations for a while, and the timing of every query the
 * process sends to PostgreSQL.
 */

export interface CommerceBench {
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  readonly platform: Platform | undefined;
  readonly config: Config | undefined;
  /** Owner connection to the platform's database (seeding, the baseline). */
  readonly owner: pg.Pool;
  readonly poolMax: number;
  close(): Promise<void>;
}

/**
 * Starts the platform with every role (the place-order workflow needs the workers) on an embedded
 * PostgreSQL under `dataDir` (kept when given, a temporary directory otherwise), or, with
 * `url`, uses the platform running there and the database at DATABASE_URL.
 */
export async function startCommerceBench(options: {
  logger: Logger;
  dataDir?: string | undefined;
  url?: string | undefined;
}): Promise<CommerceBench> {
  if (options.url) {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error('--url needs DATABASE_URL (the owner connection) to seed the catalog');
    const owner = new pg.Pool({ connectionString: databaseUrl, max: 20 });
    return {
      baseUrl: options.url.replace(/\/$/, ''),
      platform: undefined,
      config: undefined,
      owner,
      poolMax: 20,
      close: () => owner.end(),
    };
  }
  const keep = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'switchboard-orders-bench-')));
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    SWITCHBOARD_RATE_LIMIT_INTERNAL: '100000000',
    SWITCHBOARD_RATE_LIMIT_EXTERNAL: '100000000',
    SWITCHBOARD_SIMULATOR_SPEED: '1000',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const platform = await createPlatform(config, { role: 'start', logger: options.logger });
  const owner = platform.database.pools.owner;
  try {
    if (!process.env.DATABASE_URL) {
      // A bench server: durability buys nothing, and autovacuum would land inside the timings.
      for (const setting of [
        'fsync = off',
        'full_page_writes = off',
        'synchronous_commit = off',
        "max_wal_size = '16GB'",
        'autovacuum = off',
      ])
        await owner.query(`alter system set ${setting}`);
      await owner.query('select pg_reload_conf()');
    }
    await platform.http?.listen({ host: '127.0.0.1', port: 0 });
    const address = platform.http?.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      platform,
      config,
      owner,
      poolMax: config.database.poolMax,
      async close() {
        await platform.close();
        if (!keep) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await platform.close();
    throw error;
  }
}

/** A tenant (found by slug, else created) and a fresh API key of `scopes`. */
export async function benchTenant(
  platform: Platform,
  slug: string,
  scopes: readonly string[],
): Promise<{ tenantId: string; key: string; created: boolean }> {
  const identity = platform.modules.identity;
  const existing = await identity.tenantAdmin.findBySlugOrId(slug);
  const tenant = existing ?? (await identity.tenantAdmin.create({ name: `Bench ${slug}`, slug }));
  const ctx = systemContext(tenant.uuid, 'bench', 'bench');
  const { key } = await identity.apiKeys.create(ctx, { name: `bench ${Date.now()}`, scopes: [...scopes] });
  return { tenantId: tenant.uuid, key, created: existing === undefined };
}

// --- the catalog seed ------------------------------------------------------------------------------

export const adjectives = [
  'classic',
  'modern',
  'rustic',
  'compact',
  'deluxe',
  'vintage',
  'slim',
  'heavy',
  'portable',
  'premium',
  'eco',
  'smart',
  'wireless',
  'foldable',
  'ergonomic',
  'waterproof',
  'handmade',
  'nordic',
  'urban',
  'outdoor',
];
export const materials = [
  'oak',
  'walnut',
  'steel',
  'aluminium',
  'leather',
  'cotton',
  'linen',
  'wool',
  'ceramic',
  'glass',
  'bamboo',
  'copper',
  'marble',
  'canvas',
  'silicone',
  'brass',
  'cork',
  'felt',
  'granite',
  'rattan',
];
export const nouns = [
  'table',
  'chair',
  'lamp',
  'shelf',
  'desk',
  'stool',
  'mirror',
  'vase',
  'bowl',
  'mug',
  'kettle',
  'blanket',
  'pillow',
  'backpack',
  'wallet',
  'jacket',
  'sneaker',
  'headphones',
  'speaker',
  'charger',
  'bottle',
  'planter',
  'clock',
  'rug',
  'basket',
  'candle',
  'frame',
  'tray',
  'knife',
  'pan',
];
export const colours = ['black', 'white', 'red', 'blue', 'green', 'grey', 'natural', 'yellow'];
export const categoryNames = [
  'Furniture',
  'Lighting',
  'Kitchen',
  'Textiles',
  'Bags',
  'Apparel',
  'Audio',
  'Garden',
  'Decor',
  'Office',
];

const sqlArray = (words: readonly string[]) => `array[${words.map((w) => `'${w}'`).join(',')}]`;

/**
 * Products `first`..`last` (inclusive) of a tenant, straight into catalog.products and
 * catalog.product_prices: SKU `BENCH-0000001`, a name of adjective + material + noun (+ colour), a
 * category of the tenant's bench categories, attributes (colour, size, weight_g), active, and a
 * price in EUR and one in USD (a tenth more). Deterministic in the number, so queries know what
 * they will find.
 */
export async function seedProducts(
  client: pg.PoolClient | pg.Pool,
  tenantId: string,
  categoryIds: readonly string[],
  first: number,
  last: number,
  salt = randomBytes(11).toString('hex'),
): Promise<void> {
  await client.query(
    `with g as (
       select n,
              (${sqlArray(adjectives)})[1 + n % ${adjectives.length}] as adjective,
              (${sqlArray(materials)})[1 + (n / 7) % ${materials.length}] as material,
              (${sqlArray(nouns)})[1 + (n / 3) % ${nouns.length}] as noun,
              (${sqlArray(colours)})[1 + (n / 11) % ${colours.length}] as colour,
              ($4::uuid[])[1 + (n / 3) % cardinality($4::uuid[])] as category_id,
              -- Ordered by the number (the salt keeps two seeds apart): the primary key's B-tree
              -- grows at its end instead of splitting pages all over it.
              (lpad(to_hex(n), 8, '0') || '-' || substr($5, 1, 4) || '-4' || substr($5, 5, 3) || '-8' || substr($5, 8, 3) || '-' || substr($5, 11, 12))::uuid as id
         from generate_series($2::int, $3::int) n
     ), p as (
       insert into catalog.products (id, tenant_id, sku, name, description, status, category_id, attributes, created_at, updated_at)
       select id, $1::uuid, 'BENCH-' || lpad(n::text, 7, '0'),
              initcap(adjective) || ' ' || material || ' ' || noun || case when n % 5 = 0 then ' ' || colour else '' end,
              'A ' || adjective || ' ' || noun || ' made of ' || material || ', in ' || colour || '.',
              'active', category_id,
              jsonb_build_object('colour', colour, 'size', (array['S','M','L','XL'])[1 + n % 4], 'weight_g', 100 + (n * 37) % 5000),
              now() - make_interval(secs => n), now()
         from g
       returning id, sku
     )
     insert into catalog.product_prices (tenant_id, product_id, currency, amount_minor)
     select $1::uuid, p.id, c.currency, case c.currency when 'EUR' then e.minor else e.minor * 11 / 10 end
       from p cross join (values ('EUR'), ('USD')) as c (currency)
       cross join lateral (select 499 + (hashtext(p.sku) & 65535) % 50000 as minor) e`,
    [tenantId, first, last, categoryIds, salt],
  );
}

/** The bench categories of a tenant (created by SQL when missing), in `categoryNames` order. */
export async function seedCategories(owner: pg.Pool, tenantId: string): Promise<string[]> {
  await owner.query(
    `insert into catalog.categories (id, tenant_id, name)
     select gen_random_uuid(), $1::uuid, name from unnest($2::text[]) as name
      where not exists (select from catalog.categories c where c.tenant_id = $1::uuid and c.parent_id is null and lower(c.name) = lower(name))`,
    [tenantId, categoryNames],
  );
  const { rows } = await owner.query<{ id: string; name: string }>(
    'select id, name from catalog.categories where tenant_id = $1 and parent_id is null and name = any($2)',
    [tenantId, categoryNames],
  );
  return categoryNames.map((name) => rows.find((r) => r.name === name)?.id ?? '').filter(Boolean);
}

/**
 * Seeds `count` products in chunks, without the secondary indexes of catalog.products and
 * catalog.product_prices (search indexes would make a million inserts crawl), then rebuilds them
 * and analyses the tables.
 */
export async function bulkSeedProducts(
  owner: pg.Pool,
  tenantId: string,
  categoryIds: readonly string[],
  count: number,
  from = 1,
): Promise<void> {
  const client = await owner.connect();
  try {
    await client.query('set synchronous_commit = off');
    await client.query(`set maintenance_work_mem = '512MB'`);
    const tables = ['catalog.products', 'catalog.product_prices'];
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
        where i.indrelid::regclass::text = any($1)
          and not exists (select from pg_constraint c where c.conindid = i.indexrelid)`,
      [tables],
    );
    for (const index of indexes) await client.query(`drop index ${index.name}`);
    const started = performance.now();
    const chunk = 100_000;
    const salt = randomBytes(11).toString('hex');
    for (let first = from; first < from + count; first += chunk) {
      const last = Math.min(from + count - 1, first + chunk - 1);
      await seedProducts(client, tenantId, categoryIds, first, last, salt);
      if (count > chunk)
        console.log(
          `  ${(last - from + 1).toLocaleString('en')} products, ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
    }
    const indexStarted = performance.now();
    for (const index of indexes) await client.query(index.def);
    if (indexes.length > 0)
      console.log(
        `  rebuilt ${indexes.length} secondary indexes in ${((performance.now() - indexStarted) / 1000).toFixed(0)} s`,
      );
    await client.query(`vacuum (analyze) ${tables.join(', ')}`);
  } finally {
    client.release();
  }
}

// --- load and figures -----------------------------------------------------------------------------

export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export interface OperationFigures extends Percentiles {
  readonly errors: number;
  readonly perSecond: number;
  /** The first few failures, status and body, for the report. */
  readonly firstErrors: readonly string[];
}

/** One request of an operation; throws (or returns false) when it failed. */
export type Operation = (client: number, round: number) => Promise<void>;

/**
 * `clients` clients, each running the operations round-robin (client i starts at operation i) back
 * to back for `seconds`; per operation, the latency percentiles of the successful requests.
 */
export async function hammer(
  clients: number,
  seconds: number,
  operations: Readonly<Record<string, Operation>>,
): Promise<Record<string, OperationFigures>> {
  const names = Object.keys(operations);
  const samples = new Map(names.map((n) => [n, [] as number[]]));
  const errors = new Map(names.map((n) => [n, [] as string[]]));
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let round = 0; performance.now() < until; round++) {
        const name = names[(client + round) % names.length] ?? '';
        const run = operations[name];
        if (!run) continue;
        const t0 = performance.now();
        try {
          await run(client, round);
          samples.get(name)?.push(performance.now() - t0);
        } catch (error) {
          errors.get(name)?.push((error as Error).message.slice(0, 300));
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return Object.fromEntries(
    names.map((name) => {
      const s = samples.get(name) ?? [];
      const e = errors.get(name) ?? [];
      return [
        name,
        { ...percentiles(s), errors: e.length, perSecond: s.length / elapsed, firstErrors: e.slice(0, 3) },
      ];
    }),
  );
}

/** Fails with the status and the start of the body unless the response is `expected`. */
export async function expectStatus(res: Response, expected: number): Promise<string> {
  const body = await res.text();
  if (res.status !== expected) throw new Error(`${res.status} ${body.slice(0, 200)}`);
  return body;
}

/**
 * Times every query this process sends to PostgreSQL through node-postgres (the platform's pools,
 * the baseline's): from the query being handed to a connection to its result, so the wait for a
 * free connection is not in it. `bucket` names where the samples go; undefined stops recording.
 */
export function timeQueries(): { bucket: string | undefined; samples: Map<string, number[]> } {
  const state = { bucket: undefined as string | undefined, samples: new Map<string, number[]>() };
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function timedQuery(this: unknown, ...args: unknown[]) {
    const bucket = state.bucket;
    const result = original.apply(this, args);
    if (bucket === undefined || !(result instanceof Promise)) return result;
    const t0 = performance.now();
    let list = state.samples.get(bucket);
    if (!list) state.samples.set(bucket, (list = []));
    const samples = list;
    return result.then((value: unknown) => {
      samples.push(performance.now() - t0);
      return value;
    });
  };
  return state;
}

/**
 * The baseline: a bare Fastify server (no authentication, no schemas, no tenant transaction) whose
 * one route does one indexed SELECT of a product by SKU on the same database, through a pool of
 * the same size as the platform's.
 */
export async function startBaseline(
  databaseUrl: string,
  poolMax: number,
  tenantId: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
  const app: FastifyInstance = Fastify({ logger: false });
  app.get<{ Params: { sku: string } }>('/products/:sku', async (request, reply) => {
    // connect + query, not pool.query (which passes a callback): timeQueries() sees the query.
    const client = await pool.connect();
    let rows: unknown[];
    try {
      ({ rows } = await client.query(
        'select id, sku, name, status, version from catalog.products where tenant_id = $1 and sku = $2',
        [tenantId, request.params.sku],
      ));
    } finally {
      client.release();
    }
    if (rows.length === 0) return reply.code(404).send({ status: 404 });
    return rows[0];
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}

export const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : 'n/a');
