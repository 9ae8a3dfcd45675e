import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiLimitsPath,
  apiTypesPath,
  renderApiLimits,
  renderApiTypes,
} from '../../web/console/tools/api-types.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

/**
 * The console is typed with types generated from the server's OpenAPI document and committed. When
 * a route or schema changes, this fails until they are regenerated (`npm run api-types:generate`),
 * and then the console's typecheck shows what the change broke.
 */
describe('console API types', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform();
  });
  afterAll(() => t.close());

  it('match the internal OpenAPI document the server serves', async () => {
    const res = await t.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const expected = await renderApiTypes(res.json());
    const committed = await readFile(apiTypesPath, 'utf8');
    expect(
      committed === expected,
      'web/console/src/api/schema.gen.ts is out of date: run npm run api-types:generate',
    ).toBe(true);
  });

  it('and the field limits the forms check match it too', async () => {
    const res = await t.inject({ method: 'GET', url: '/openapi.json' });
    const committed = await readFile(apiLimitsPath, 'utf8');
    expect(
      committed === renderApiLimits(res.json()),
      'web/console/src/api/limits.gen.ts is out of date: run npm run api-types:generate',
    ).toBe(true);
  });

  it('come from a document whose references all resolve', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/openapi.json' })).json<{
      components?: { schemas?: Record<string, unknown> };
    }>();
    const refs = new Set(
      [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!),
    );
    const missing = [...refs].filter((name) => !doc.components?.schemas?.[name]);
    expect(missing).toEqual([]);
  });
});
