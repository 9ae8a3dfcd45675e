import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../../app/platform.js';
import { loadConfig } from '../../../platform/config/index.js';
import type { RequestContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import { multipartForm } from '../../../platform/http/testing/multipart-body.js';
import { createLogger } from '../../../platform/telemetry/index.js';
import { createTenant } from '../../../../test/support/identity.js';
import { testHeaderAuthenticator } from '../../../../test/support/test-authenticator.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { Product } from '../contract.js';
import { productKey } from './catalog.cache.js';

/*
 * Products on real PostgreSQL through the routes: CRUD and validation, hostile input, the category
 * tree, search (ranking, typos, facets, paging), images, the CSV import, tenant isolation, the
 * external surface, and the cache dropped on a second platform of the same database.
 */

const RW = ['products:read', 'products:write'];
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);

interface Problem {
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
}

describe('catalog products', () => {
  let t: TestPlatform;
  let a: RequestContext;
  let b: RequestContext;

  const api = (
    ctx: RequestContext,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    permissions = RW,
  ) =>
    t.inject({
      method,
      url: `/api/v1/catalog${url}`,
      as: { tenant: ctx.tenantId, permissions },
      ...(payload ? { payload } : {}),
    });

  const create = async (ctx: RequestContext, body: object) => {
    const response = await api(ctx, 'POST', '/products', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Product>();
  };

  const fields = (body: string) => (JSON.parse(body) as Problem).errors?.map((f) => f.field) ?? [];

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ ctx: a } = await createTenant(t.platform));
    ({ ctx: b } = await createTenant(t.platform));
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates, reads, updates with a version and archives a product', async () => {
    const product = await create(a, {
      sku: 'TSHIRT-1',
      name: 'Organic T-Shirt',
      description: 'Soft cotton',
      status: 'active',
      attributes: { colour: 'blue', size_cm: 42, organic: true },
      prices: [
        { amountMinor: 1999, currency: 'EUR' },
        { amountMinor: 2199, currency: 'USD' },
      ],
    });
    expect(product).toMatchObject({ sku: 'TSHIRT-1', status: 'active', version: 1, available: 0 });
    expect(product.id).toMatch(/^prod_/);
    expect(product.prices).toHaveLength(2);

    const taken = await api(a, 'POST', '/products', { sku: 'TSHIRT-1', name: 'Dup', prices: [] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<Problem>().code).toBe('CATALOG_SKU_TAKEN');
    expect(fields(taken.body)).toContain('body.sku');

    const patched = await api(a, 'PATCH', `/products/${product.id}`, { version: 1, name: 'Organic Tee' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<Product>()).toMatchObject({ name: 'Organic Tee', version: 2 });
    const stale = await api(a, 'PATCH', `/products/${product.id}`, { version: 1, name: 'Lost update' });
    expect(stale.statusCode).toBe(409);
    expect(fields(stale.body)).toContain('body.version');

    const archived = await api(a, 'DELETE', `/products/${product.id}`);
    expect(archived.json<Product>().status).toBe('archived');
    // Another tenant sees nothing of it.
    expect((await api(b, 'GET', `/products/${product.id}`)).statusCode).toBe(404);
    expect((await api(b, 'PATCH', `/products/${product.id}`, { version: 3, name: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('refuses bad and hostile input with the field named', async () => {
    const cases: [object, string][] = [
      [{ sku: 'X1', name: 'n', prices: [{ amountMinor: 1, currency: 'XXX' }] }, 'body.prices.0.currency'],
      [
        { sku: 'X1', name: 'n', prices: [{ amountMinor: 1.5, currency: 'EUR' }] },
        'body.prices.0.amountMinor',
      ],
      [{ sku: 'X1', name: 'n\u0000', prices: [] }, 'body.name'],
      [{ sku: 'X1', name: 'x'.repeat(10_000), prices: [] }, 'body.name'],
      [{ sku: 'bad sku!', name: 'n', prices: [] }, 'body.sku'],
      [{ sku: 'X1', name: 'n', prices: [], attributes: { 'Bad Key': 1 } }, 'body.attributes.Bad Key'],
      [{ sku: 'X1', name: 'n', prices: [], attributes: { a: { nested: true } } }, 'body.attributes.a'],
    ];
    for (const [body, field] of cases) {
      const response = await api(a, 'POST', '/products', body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(fields(response.body).join(' ')).toContain(field.split('.').slice(0, 2).join('.'));
    }
    // Emoji and right-to-left text are names like any other.
    const rtl = await create(a, { sku: 'RTL-1', name: 'قميص 👕 ‮test', prices: [] });
    expect(rtl.name).toBe('قميص 👕 ‮test');
  });

  it('keeps a category tree: paths, no cycles, no delete while used', async () => {
    const post = async (name: string, parentId?: string) => {
      const response = await api(a, 'POST', '/categories', { name, ...(parentId ? { parentId } : {}) });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ id: string; path: string[] }>();
    };
    const clothing = await post('Clothing');
    const shirts = await post('Shirts', clothing.id);
    const polo = await post('Polo', shirts.id);
    expect(polo.path).toEqual(['Clothing', 'Shirts', 'Polo']);
    const cycle = await api(a, 'PATCH', `/categories/${clothing.id}`, { parentId: polo.id });
    expect(cycle.statusCode).toBe(422);
    expect(fields(cycle.body)).toContain('body.parentId');
    expect((await api(a, 'DELETE', `/categories/${shirts.id}`)).statusCode).toBe(409);
    await create(a, { sku: 'POLO-1', name: 'Polo', categoryId: polo.id, prices: [] });
    expect((await api(a, 'DELETE', `/categories/${polo.id}`)).statusCode).toBe(409);
    const list = await api(a, 'GET', '/categories');
    expect(
      list.json<{ items: { id: string; productCount: number }[] }>().items.find((c) => c.id === polo.id)
        ?.productCount,
    ).toBe(1);
    expect((await api(b, 'GET', '/categories')).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('searches with ranking, typo tolerance, facets and keyset paging', async () => {
    const cat = (await api(a, 'POST', '/categories', { name: 'Audio' })).json<{ id: string }>();
    await create(a, {
      sku: 'SPK-100',
      name: 'Bluetooth Speaker',
      status: 'active',
      categoryId: cat.id,
      prices: [{ amountMinor: 4999, currency: 'EUR' }],
    });
    await create(a, {
      sku: 'SPK-200',
      name: 'Speaker Stand',
      status: 'active',
      prices: [{ amountMinor: 1500, currency: 'EUR' }],
    });
    await create(a, {
      sku: 'CAB-1',
      name: 'Cable',
      description: 'for any speaker',
      status: 'active',
      prices: [{ amountMinor: 500, currency: 'EUR' }],
    });
    await create(a, { sku: 'SPEAKER', name: 'Mystery box', status: 'draft', prices: [] });
    const search = async (query: string) => {
      const response = await api(a, 'GET', `/products?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{
        items: Product[];
        nextCursor: string | null;
        facets: {
          categories: { id: string; count: number }[];
          priceBands: { count: number }[];
          availability: { outOfStock: number };
        };
      }>();
    };
    const hits = await search('q=speaker&currency=EUR');
    // The exact SKU first, then name matches (A) before the description match (C).
    expect(hits.items.map((p) => p.sku)).toEqual([
      'SPEAKER',
      expect.stringMatching(/^SPK-/),
      expect.stringMatching(/^SPK-/),
      'CAB-1',
    ]);
    expect(hits.facets.categories).toEqual([{ id: cat.id, name: 'Audio', count: 1 }]);
    expect(hits.facets.priceBands.reduce((sum, band) => sum + band.count, 0)).toBe(3);
    expect(hits.facets.availability.outOfStock).toBe(4);
    const typo = await search('q=blutooth%20speakr');
    expect(typo.items[0]?.sku).toBe('SPK-100');
    const first = await search('q=speaker&limit=2');
    expect(first.items).toHaveLength(2);
    const second = await search(`q=speaker&limit=2&cursor=${first.nextCursor ?? ''}`);
    expect([...first.items, ...second.items].map((p) => p.sku)).toEqual(hits.items.map((p) => p.sku));
    const byPrice = await search('sort=price&currency=EUR&limit=2&status=active');
    const more = await search(
      `sort=price&currency=EUR&limit=2&status=active&cursor=${byPrice.nextCursor ?? ''}`,
    );
    const prices = [...byPrice.items, ...more.items].map((p) => p.prices[0]?.amountMinor ?? 0);
    expect(prices).toEqual([...prices].sort((x, y) => x - y));
    expect(
      (await search('priceMin=1000&priceMax=2000&currency=EUR&status=active')).items.map((p) => p.sku),
    ).toEqual(['SPK-200']);
    expect((await api(a, 'GET', '/products?cursor=garbage')).statusCode).toBe(400);
    expect((await api(b, 'GET', '/products?q=speaker')).json<{ items: unknown[] }>().items).toEqual([]);
    // The external surface: active products only.
    const ext = await t.inject({
      method: 'GET',
      url: '/ext/v1/catalog/products?q=speaker',
      as: { tenant: a.tenantId, permissions: ['portal:read'] },
    });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json<{ items: Product[] }>().items.every((p) => p.status === 'active')).toBe(true);
    const draft = hits.items.find((p) => p.sku === 'SPEAKER');
    const hidden = await t.inject({
      method: 'GET',
      url: `/ext/v1/catalog/products/${draft?.id ?? ''}`,
      as: { tenant: a.tenantId, permissions: ['portal:read'] },
    });
    expect(hidden.statusCode).toBe(404);
  });

  it('stores images by their sniffed type and refuses others', async () => {
    const product = await create(a, { sku: 'IMG-1', name: 'Pictured', prices: [] });
    const upload = (body: Buffer, name = 'x.png') =>
      t.inject({
        method: 'POST',
        url: `/api/v1/catalog/products/${product.id}/images`,
        as: { tenant: a.tenantId, permissions: RW },
        ...(() => {
          const form = multipartForm([
            { name: 'alt', body: 'front' },
            { name: 'file', filename: name, contentType: 'image/png', body },
          ]);
          return { payload: form.payload, headers: form.headers };
        })(),
      });
    const ok = await upload(PNG);
    expect(ok.statusCode, ok.body).toBe(201);
    const image = ok.json<{ id: string; contentType: string }>();
    expect(image.contentType).toBe('image/png');
    expect((await upload(Buffer.from('<svg onload=alert(1)>'), 'x.svg')).statusCode).toBe(415);
    const bytes = await api(a, 'GET', `/products/${product.id}/images/${image.id}`);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.rawPayload.equals(PNG)).toBe(true);
    expect((await api(b, 'GET', `/products/${product.id}/images/${image.id}`)).statusCode).toBe(404);
    expect((await api(a, 'DELETE', `/products/${product.id}/images/${image.id}`)).statusCode).toBe(204);
  });

  it('imports a CSV in the background with progress and rejections', async () => {
    const csv = [
      'sku,name,description,status,category,price_EUR,attr_colour',
      'IMP-1,Imported one,,active,Home > Kitchen,9.99,red',
      'IMP-2,"Imported, two",desc,draft,Home > Kitchen,12.5,',
      'IMP-3,Bad price,,active,,12.345,',
      ',No sku,,,,1,',
      'IMP-4,"=HYPERLINK(""x"")",,weird,,1,',
      'IMP-1,Imported one,,active,Home > Kitchen,9.99,red',
    ].join('\n');
    const form = multipartForm([{ name: 'file', filename: 'p.csv', contentType: 'text/csv', body: csv }]);
    const started = await t.inject({
      method: 'POST',
      url: '/api/v1/catalog/products/imports',
      as: { tenant: a.tenantId, permissions: RW },
      payload: form.payload,
      headers: form.headers,
    });
    expect(started.statusCode, started.body).toBe(202);
    const { id } = started.json<{ id: string }>();
    expect(id).toMatch(/^imp_/);
    await t.platform.modules.catalog.products.imports.idle();
    const done = (await api(a, 'GET', `/products/imports/${id}`)).json<{
      state: string;
      rowsTotal: number;
      rowsDone: number;
      created: number;
      unchanged: number;
      rejected: number;
      rejections: { row: number; field: string }[];
    }>();
    expect(done).toMatchObject({
      state: 'completed',
      rowsTotal: 6,
      rowsDone: 6,
      created: 2,
      unchanged: 1,
      rejected: 3,
    });
    expect(done.rejections.map((r) => `${r.row}:${r.field}`)).toEqual(['4:price_EUR', '5:sku', '6:status']);
    const cats = (await api(a, 'GET', '/categories'))
      .json<{ items: { path: string[] }[] }>()
      .items.map((c) => c.path.join(' > '));
    expect(cats).toContain('Home > Kitchen');
    expect((await api(b, 'GET', `/products/imports/${id}`)).statusCode).toBe(404);
    const bad = multipartForm([{ name: 'file', filename: 'p.csv', body: 'nothing,useful\n1,2' }]);
    const refused = await t.inject({
      method: 'POST',
      url: '/api/v1/catalog/products/imports',
      as: { tenant: a.tenantId, permissions: RW },
      payload: bad.payload,
      headers: bad.headers,
    });
    expect(refused.statusCode).toBe(422);
  });

  it('drops a cached product on another platform of the same database', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-catalog-second-'));
    let second: Platform | undefined;
    try {
      second = await createPlatform(
        loadConfig({
          DATABASE_URL: t.database.url,
          SWITCHBOARD_DATA_DIR: dataDir,
          // One installation, one master key (a data dir of its own would generate another).
          SWITCHBOARD_MASTER_KEY: await readFile(path.join(t.platform.config.dataDir, 'master.key'), 'utf8'),
          LOG_LEVEL: 'silent',
          DATABASE_POOL_MAX: '3',
        }),
        {
          role: 'api',
          migrate: false,
          logger: createLogger({ level: 'silent' }),
          authenticators: [testHeaderAuthenticator],
        },
      );
      const mine = t.platform.modules.catalog.products;
      const theirs = second.modules.catalog.products;
      await theirs.cache.ready();
      const product = await mine.create(a, {
        sku: 'CACHE-1',
        name: 'Cached',
        prices: [{ amountMinor: 100, currency: 'EUR' }],
      });
      expect((await theirs.get(a, product.id)).name).toBe('Cached');
      const cached = await theirs.cache.get<Product>(
        a.tenantId,
        productKey(fromPublicId('prod', product.id) ?? ''),
      );
      expect(cached?.name).toBe('Cached');
      expect((await theirs.sellable(a, ['CACHE-1'], 'EUR')).get('CACHE-1')?.unitPrice?.amountMinor).toBe(100);
      await mine.update(a, product.id, {
        version: 1,
        name: 'Renamed',
        prices: [{ amountMinor: 200, currency: 'EUR' }],
      });
      await expect
        .poll(async () => (await theirs.get(a, product.id)).name, { timeout: 10_000 })
        .toBe('Renamed');
      expect((await theirs.sellable(a, ['CACHE-1'], 'EUR')).get('CACHE-1')?.unitPrice?.amountMinor).toBe(200);
    } finally {
      await second?.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
