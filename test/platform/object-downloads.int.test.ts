import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUuid } from '../../src/platform/ids.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

describe('object store in the platform', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform();
  });
  afterAll(() => t.close());

  it('serves a signed download link of an encrypted object, and refuses a tampered or expired one', async () => {
    const tenantId = newUuid();
    const key = `${tenantId}/teams/2026/11/22/call_x_1.json`;
    await t.platform.objects.put(key, Buffer.from('{"raw":true}'), {
      contentType: 'application/json',
      tenantId,
    });
    const url = new URL(await t.platform.objects.signedUrl(key, { expiresInSeconds: 60 }));
    const ok = await t.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('{"raw":true}');
    expect(ok.headers['content-type']).toBe('application/json');

    const tampered = await t.inject({
      method: 'GET',
      url: `${url.pathname.replace('call_x_1', 'call_x_2')}${url.search}`,
    });
    expect(tampered.statusCode).toBe(403);
    expect(tampered.json()).toMatchObject({ code: 'OBJECTS_LINK_INVALID' });
    const expired = await t.inject({
      method: 'GET',
      url: `${url.pathname}?expires=1000&sig=${url.searchParams.get('sig') ?? ''}`,
    });
    expect(expired.statusCode).toBe(403);
  });

  it('serves a signed link of a key that holds escapes, spaces and unicode of its own (archive keys of ids like 2022-06-21T17:53:26Z#2)', async () => {
    const tenantId = newUuid();
    const key = `${tenantId}/vcon/2022/06/21/019f_v2022-06-21T17%3A53%3A26Z%23000005_ab cd é.json`;
    await t.platform.objects.put(key, Buffer.from('{"raw":1}'), {
      contentType: 'application/json',
      tenantId,
    });
    const url = new URL(await t.platform.objects.signedUrl(key, { expiresInSeconds: 60 }));
    const ok = await t.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('{"raw":1}');
  });

  it('announces each new tenant object on the bus (the blob trigger), once', async () => {
    const seen: { key: string; size: number }[] = [];
    const subscription = await t.platform.bus.subscribe<{ key: string; size: number }>({
      group: 'test-object-trigger',
      topics: ['objects.object.created.v1'],
      handler: (_ctx, event) => {
        seen.push(event.data);
        return Promise.resolve();
      },
    });
    t.platform.bus.startRelay();
    const tenantId = newUuid();
    const key = `${tenantId}/recordings/rec_1.wav`;
    await t.platform.objects.put(key, Buffer.alloc(1000, 1), { contentType: 'audio/wav', tenantId });
    await t.platform.objects.put(key, Buffer.alloc(1000, 1), { contentType: 'audio/wav', tenantId }); // identical: not new
    const mine = () => seen.filter((object) => object.key === key);
    await expect.poll(() => mine().length, { timeout: 15_000 }).toBe(1);
    expect(mine()[0]).toMatchObject({ key, size: 1000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(mine()).toHaveLength(1);
    await subscription.stop();
  });

  it('reports the object store in readiness', async () => {
    const ready = await t.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json<{ checks: { name: string; ok: boolean }[] }>().checks).toContainEqual(
      expect.objectContaining({ name: 'object-store', ok: true }),
    );
  });
});
