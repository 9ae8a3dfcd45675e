import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPublicId } from '../../src/platform/ids.js';
import { createTenant, createUser } from '../support/identity.js';
import { createTestPlatform, type As, type TestPlatform } from '../support/test-platform.js';

/**
 * The hostile-input sweep of the commerce routes (issue 17), the pattern of
 * test/platform/hostile-input.int.test.ts carried further: every POST, PUT and PATCH with a JSON
 * body under /api/v1/catalog, /api/v1/orders, /api/v1/payments, /ext/v1/catalog and /ext/v1/orders,
 * read from the two OpenAPI documents, and every property of the body down to three levels
 * (`lines.0.quantity`, `payment.method.number`), sent what a client should never send: a NUL, 100 kB
 * of text, the wrong type, an array where an object belongs, a number past 2^53, negative money
 * and a fraction of a minor unit. Nothing may answer 500; every refusal is a 4xx problem+json, and
 * a 400 names the field.
 */

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minimum?: number;
  exclusiveMinimum?: number | boolean;
  $ref?: string;
}
interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface Attack {
  /** `POST /api/v1/orders body.lines.0.quantity float` */
  readonly label: string;
  readonly method: string;
  readonly url: string;
  readonly as: As;
  readonly payload: string;
  /** The field a 400 must name (it, or a field inside it). */
  readonly field: string;
}

const COMMERCE = /^\/(api\/v1\/(catalog|orders|payments)|ext\/v1\/(catalog|orders))(\/|$)/;
const WITH_BODY = ['post', 'put', 'patch'] as const;
/**
 * Taken on purpose: a saved view's filters are the list's query parameters, where a number is
 * text ("totalMin=12"), so the view accepts both.
 */
const LENIENT: readonly RegExp[] = [/^POST \/api\/v1\/orders\/views body\.filters\.\w+ text for a number$/];

/** A well-formed public id for each path parameter, by the collection it follows. */
const ID_PREFIX: Readonly<Record<string, string>> = {
  products: 'prod',
  categories: 'cat',
  locations: 'loc',
  images: 'img',
  imports: 'imp',
  syncs: 'erpsync',
  orders: 'ord',
  lines: 'line',
  shipments: 'shp',
  returns: 'ret',
  views: 'view',
  payments: 'pay',
  reservations: 'res',
  reconciliations: 'rec',
};

function fillPath(template: string, tenantId: string): string {
  const segments = template.split('/');
  return segments
    .map((segment, i) => {
      const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
      if (!name) return segment;
      if (/tenant/i.test(name)) return tenantId;
      if (name === 'productId') return toPublicId('prod', randomUUID());
      if (name === 'locationId') return toPublicId('loc', randomUUID());
      if (name === 'lineId') return toPublicId('line', randomUUID());
      if (name === 'code') return 'SUMMER10';
      if (name === 'name') return 'simulator';
      const prefix = ID_PREFIX[segments[i - 1] ?? ''];
      return prefix ? toPublicId(prefix, randomUUID()) : 'x';
    })
    .join('/');
}

function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 10; hops++)
    current = doc.components?.schemas?.[current.$ref.replace('#/components/schemas/', '')];
  return current;
}

function typesOf(doc: OpenApiDocument, raw: JsonSchema | undefined): Set<string> {
  const schema = resolve(doc, raw);
  const types = new Set<string>();
  if (!schema) return types;
  for (const t of Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []) types.add(t);
  if (schema.enum?.some((v) => typeof v === 'string')) types.add('string');
  if (schema.properties) types.add('object');
  for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    for (const t of typesOf(doc, part)) types.add(t);
  return types;
}

const isUnion = (doc: OpenApiDocument, raw: JsonSchema | undefined) => {
  const schema = resolve(doc, raw);
  return (schema?.anyOf?.length ?? 0) + (schema?.oneOf?.length ?? 0) > 1;
};

/** The properties of an object schema, its allOf parts merged. */
function propertiesOf(doc: OpenApiDocument, raw: JsonSchema | undefined): Record<string, JsonSchema> {
  const schema = resolve(doc, raw);
  if (!schema) return {};
  return Object.assign(
    {},
    ...(schema.allOf ?? []).map((part) => propertiesOf(doc, part)),
    schema.properties ?? {},
  ) as Record<string, JsonSchema>;
}

/** Money in minor units: named so, or an integer that must not be negative. */
function refusesNegative(doc: OpenApiDocument, name: string, raw: JsonSchema): boolean {
  if (/^adjustBy$/.test(name)) return false;
  if (/Minor$/.test(name)) return true;
  const schema = resolve(doc, raw);
  return (
    (typeof schema?.minimum === 'number' && schema.minimum >= 0) ||
    (typeof schema?.exclusiveMinimum === 'number' && schema.exclusiveMinimum >= 0)
  );
}

interface Leaf {
  readonly path: readonly (string | number)[];
  readonly name: string;
  readonly schema: JsonSchema;
}

/** Every property reachable from the body, through objects and arrays of objects, three levels deep. */
function leaves(
  doc: OpenApiDocument,
  body: JsonSchema | undefined,
  depth = 0,
  at: (string | number)[] = [],
): Leaf[] {
  if (depth > 2) return [];
  const found: Leaf[] = [];
  for (const [name, schema] of Object.entries(propertiesOf(doc, body))) {
    const path = [...at, name];
    found.push({ path, name, schema });
    if (isUnion(doc, schema)) continue;
    const resolved = resolve(doc, schema);
    const types = typesOf(doc, schema);
    if (types.has('object')) found.push(...leaves(doc, resolved, depth + 1, path));
    if (types.has('array')) {
      const items = resolve(doc, resolved?.items);
      if (typesOf(doc, items).has('object')) found.push(...leaves(doc, items, depth + 1, [...path, 0]));
    }
  }
  return found;
}

/** `{ lines: [{ quantity: value }] }` for the path lines.0.quantity. */
function nest(path: readonly (string | number)[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const inner = nest(rest, value);
  return typeof head === 'number' ? [inner] : { [head]: inner };
}

/** The hostile values for a property of these types: [name, JSON value]. */
function hostileValues(doc: OpenApiDocument, leaf: Leaf): [string, unknown][] {
  const types = typesOf(doc, leaf.schema);
  const values: [string, unknown][] = [];
  if (types.has('string')) {
    values.push(['NUL', 'alpha\u0000beta'], ['100 kB', 'a'.repeat(100_000)]);
    if (!types.has('number') && !types.has('integer')) values.push(['number for text', 12345]);
  }
  if (types.has('integer')) {
    values.push(['float', 12.5], ['2^70', 2 ** 70]);
    if (!types.has('string')) values.push(['text for a number', '12']);
    if (refusesNegative(doc, leaf.name, leaf.schema)) values.push(['negative', -100]);
  } else if (types.has('number')) {
    values.push(['1e400', '1e400'], ['text for a number', '12']);
    if (refusesNegative(doc, leaf.name, leaf.schema)) values.push(['negative', -100]);
  }
  if (types.has('boolean') && !types.has('string')) values.push(['text for a boolean', 'yes']);
  if (types.has('object') && !types.has('array'))
    values.push(['array for an object', [{}]], ['text for an object', 'x']);
  if (types.has('array') && !types.has('object')) values.push(['object for an array', { '0': 'x' }]);
  return values;
}

describe('commerce routes refuse hostile input with a 4xx naming the field', () => {
  let t: TestPlatform;
  const attacks: Attack[] = [];

  beforeAll(async () => {
    t = await createTestPlatform({
      env: { SWITCHBOARD_RATE_LIMIT_INTERNAL: '1000000', SWITCHBOARD_RATE_LIMIT_EXTERNAL: '1000000' },
    });
    const { tenant } = await createTenant(t.platform);
    const client = await createUser(t.platform, tenant, { roles: ['client'], kind: 'client' });
    const employee: As = {
      tenant: tenant.uuid,
      actor: 'usr_hostile',
      permissions: [
        'products:read',
        'products:write',
        'inventory:write',
        'orders:read',
        'orders:write',
        'payments:refund',
        'commerce:configure',
      ],
    };
    const customer: As = {
      tenant: tenant.uuid,
      actor: client.user.id,
      permissions: ['portal:read', 'portal:orders:write'],
    };
    for (const [url, as] of [
      ['/openapi.json', employee],
      ['/ext/openapi.json', customer],
    ] as const) {
      const doc = (await t.inject({ method: 'GET', url })).json<OpenApiDocument>();
      for (const [template, item] of Object.entries(doc.paths)) {
        if (!COMMERCE.test(template)) continue;
        for (const method of WITH_BODY) {
          const body = item[method]?.requestBody?.content?.['application/json']?.schema;
          if (!body) continue;
          for (const leaf of leaves(doc, body)) {
            for (const [name, value] of hostileValues(doc, leaf)) {
              const json = value === '1e400' ? '1e400' : JSON.stringify(value);
              attacks.push({
                label: `${method.toUpperCase()} ${template} body.${leaf.path.join('.')} ${name}`,
                method: method.toUpperCase(),
                url: fillPath(template, tenant.uuid),
                as,
                payload: JSON.stringify(nest(leaf.path, '@@')).replace('"@@"', json),
                field: `body.${leaf.path.join('.')}`,
              });
            }
          }
        }
      }
    }
  }, 120_000);
  afterAll(() => t.close());

  it('walks every commerce operation that takes a body, money and nested lines included', () => {
    const labels = attacks.map((a) => a.label);
    for (const expected of [
      'POST /api/v1/catalog/products body.sku NUL',
      'POST /api/v1/catalog/products body.prices.0.amountMinor float',
      'POST /api/v1/catalog/products body.prices.0.amountMinor negative',
      'PATCH /api/v1/catalog/products/{productId} body.version text for a number',
      'POST /api/v1/catalog/categories body.name 100 kB',
      'POST /api/v1/catalog/locations body.code NUL',
      'PUT /api/v1/catalog/inventory/{productId}/{locationId} body.onHand float',
      'PUT /api/v1/catalog/erp/connection body.locationMap array for an object',
      'POST /api/v1/orders body.lines.0.quantity float',
      'POST /api/v1/orders body.lines.0.sku NUL',
      'POST /api/v1/orders body.shippingAddress array for an object',
      'POST /api/v1/orders body.shippingAddress.postalCode 100 kB',
      'POST /api/v1/orders/{orderId}/refunds body.amountMinor negative',
      'POST /api/v1/orders/{orderId}/refunds body.amountMinor 2^70',
      'PUT /api/v1/orders/settings body.shippingOptions.0.price.amountMinor float',
      'POST /api/v1/payments/{id}/refunds body.amountMinor float',
      'POST /api/v1/payments/{id}/captures body.amountMinor negative',
      'POST /ext/v1/orders body.lines.0.quantity text for a number',
      'POST /ext/v1/orders body.email NUL',
    ])
      expect(labels, expected).toContain(expected);
  });

  it('never answers 500; a refusal is problem+json, a 400 names the field', async () => {
    const failures: string[] = [];
    for (const attack of attacks) {
      let res: LightMyRequestResponse;
      try {
        res = await t.inject({
          method: attack.method,
          url: attack.url,
          as: attack.as,
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          payload: attack.payload,
        });
      } catch (error) {
        failures.push(`${attack.label}: ${(error as Error).message}`);
        continue;
      }
      const problem = String(res.headers['content-type'] ?? '').startsWith('application/problem+json');
      if (LENIENT.some((pattern) => pattern.test(attack.label))) continue;
      if (res.statusCode < 400 || res.statusCode >= 500) {
        failures.push(`${attack.label}: ${res.statusCode} ${res.body.slice(0, 160)}`);
        continue;
      }
      if (!problem) {
        failures.push(`${attack.label}: ${res.statusCode} as ${String(res.headers['content-type'])}`);
        continue;
      }
      if (res.statusCode !== 400) {
        // 413 for a body past the limit; anything else (404, 409, 422) means the edge let it through.
        if (res.statusCode !== 413)
          failures.push(`${attack.label}: ${res.statusCode}, not refused at the edge`);
        continue;
      }
      const body = res.json<{ fields?: { field: string }[]; errors?: { field: string }[] }>();
      const named = [...(body.fields ?? []), ...(body.errors ?? [])].map((f) => f.field);
      if (!named.some((f) => f === attack.field || f.startsWith(`${attack.field}.`)))
        failures.push(`${attack.label}: 400 naming ${named.join(', ') || 'no field'}, not ${attack.field}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
