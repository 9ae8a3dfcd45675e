import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import type { Product } from '../contract.js';
import { productKey, skuKey } from './catalog.cache.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

/*
 * The catalog cache with Redis (REDIS_URL): shared by every replica, so the delete after commit is
 * seen by all. Skipped when no Redis listens on 127.0.0.1:6379.
 */

const redisUp = await new Promise<boolean>((resolve) => {
  const socket = connect(6379, '127.0.0.1');
  socket.once('connect', () => {
    socket.destroy();
    resolve(true);
  });
  socket.once('error', () => resolve(false));
});

describe.skipIf(!redisUp)('catalog cache over Redis', () => {
  let t: TestPlatform;
  let a: RequestContext;

  beforeAll(async () => {
    t = await createTestPlatform({ env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    ({ ctx: a } = await createTenant(t.platform));
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves sellable and get from Redis and drops them on an update', async () => {
    const products = t.platform.modules.catalog.products;
    expect(products.cache.kind).toBe('redis');
    const product = await products.create(a, {
      sku: 'REDIS-1',
      name: 'In Redis',
      prices: [{ amountMinor: 700, currency: 'EUR' }],
    });
    expect((await products.get(a, product.id)).name).toBe('In Redis');
    expect((await products.sellable(a, ['REDIS-1'], 'EUR')).get('REDIS-1')?.unitPrice?.amountMinor).toBe(700);
    const key = productKey(fromPublicId('prod', product.id) ?? '');
    // The entries are in Redis, dates revived ...
    expect((await products.cache.get<Product>(a.tenantId, key))?.createdAt).toBeInstanceOf(Date);
    expect(await products.cache.get(a.tenantId, skuKey('REDIS-1'))).toBeDefined();
    await products.update(a, product.id, {
      version: 1,
      name: 'Changed',
      prices: [{ amountMinor: 800, currency: 'EUR' }],
    });
    // ... and gone after the update.
    expect(await products.cache.get(a.tenantId, key)).toBeUndefined();
    expect(await products.cache.get(a.tenantId, skuKey('REDIS-1'))).toBeUndefined();
    expect((await products.get(a, product.id)).name).toBe('Changed');
    expect((await products.sellable(a, ['REDIS-1'], 'EUR')).get('REDIS-1')?.unitPrice?.amountMinor).toBe(800);
    expect((await products.sellable(a, ['REDIS-1'], 'USD')).get('REDIS-1')?.unitPrice).toBeUndefined();
  });
});
