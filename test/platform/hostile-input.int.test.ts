import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, login } from '../support/identity.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

/**
 * The attack matrix: every operation of both OpenAPI documents, every string parameter and every
 * top-level string property of a JSON body, sent text PostgreSQL cannot store (a NUL, a lone UTF-16
 * surrogate) and text far too long, signed in as someone allowed to call it. Nothing may answer
 * 500; what the edge refuses is a 400 naming the field.
 */

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  $ref?: string;
}
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface Attack {
  /** What the report calls it: `GET /api/v1/calls querystring.queue NUL`. */
  readonly label: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string;
  /** The field a 400 must name, when the edge is expected to refuse the value. */
  readonly field?: string;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** A harmless value for the path parameters not under attack. */
const filler = 'x';

function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    current = doc.components?.schemas?.[current.$ref.replace('#/components/schemas/', '')];
  }
  return current;
}

function takesString(doc: OpenApiDocument, raw: JsonSchema | undefined): boolean {
  const schema = resolve(doc, raw);
  if (!schema) return false;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes('string')) return true;
  if (schema.enum?.some((value) => typeof value === 'string')) return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].some((part) =>
    takesString(doc, part),
  );
}

function bodyStringProperties(doc: OpenApiDocument, operation: Operation): string[] {
  const body = resolve(doc, operation.requestBody?.content?.['application/json']?.schema);
  const shapes = [body, ...(body?.allOf ?? []).map((part) => resolve(doc, part))];
  return [
    ...new Set(
      shapes.flatMap((shape) =>
        Object.entries(shape?.properties ?? {})
          .filter(([, s]) => takesString(doc, s))
          .map(([name]) => name),
      ),
    ),
  ];
}

const isProblem = (res: LightMyRequestResponse) =>
  String(res.headers['content-type'] ?? '').startsWith('application/problem+json');

function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_whole, name: string) => values[name] ?? filler);
}

/** Every attack on one document. `encoded` is how a value is written into a URL. */
function attacksOn(
  doc: OpenApiDocument,
  auth: Record<string, string>,
  values: { name: string; encoded: string; json: string; refused: boolean }[],
): Attack[] {
  const attacks: Attack[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      const verb = method.toUpperCase();
      const withBody = verb === 'POST' || verb === 'PUT' || verb === 'PATCH';
      const jsonHeaders = withBody ? { ...auth, 'content-type': 'application/json' } : auth;
      const emptyBody = withBody ? { payload: '{}' } : {};
      for (const parameter of operation.parameters ?? []) {
        if (!takesString(doc, parameter.schema)) continue;
        for (const value of values) {
          const label = `${verb} ${template} ${parameter.in}.${parameter.name} ${value.name}`;
          if (parameter.in === 'query') {
            attacks.push({
              label,
              method: verb,
              url: `${fillPath(template, {})}?${encodeURIComponent(parameter.name)}=${value.encoded}`,
              headers: jsonHeaders,
              ...emptyBody,
              ...(value.refused ? { field: `querystring.${parameter.name}` } : {}),
            });
          } else if (parameter.in === 'path') {
            attacks.push({
              label,
              method: verb,
              url: fillPath(template, { [parameter.name]: value.encoded }),
              headers: jsonHeaders,
              ...emptyBody,
              ...(value.refused ? { field: `params.${parameter.name}` } : {}),
            });
          } else if (parameter.in === 'header') {
            attacks.push({
              label,
              method: verb,
              url: fillPath(template, {}),
              headers: { ...jsonHeaders, [parameter.name]: JSON.parse(value.json) as string },
              ...emptyBody,
              ...(value.refused ? { field: `headers.${parameter.name.toLowerCase()}` } : {}),
            });
          }
        }
      }
      if (!withBody) continue;
      for (const property of bodyStringProperties(doc, operation)) {
        for (const value of values) {
          attacks.push({
            label: `${verb} ${template} body.${property} ${value.name}`,
            method: verb,
            url: fillPath(template, {}),
            headers: jsonHeaders,
            payload: `{${JSON.stringify(property)}:${value.json}}`,
            field: `body.${property}`,
          });
        }
      }
    }
  }
  return attacks;
}

describe('hostile text in any field of any operation', () => {
  let t: TestPlatform;
  let docs: { name: string; doc: OpenApiDocument; auth: Record<string, string> }[];

  beforeAll(async () => {
    t = await createTestPlatform({
      env: { SWITCHBOARD_RATE_LIMIT_INTERNAL: '1000000', SWITCHBOARD_RATE_LIMIT_EXTERNAL: '1000000' },
    });
    const { tenant } = await createTenant(t.platform, 'alpha');
    const owner = await createUser(t.platform, tenant, { roles: ['owner'] });
    const client = await createUser(t.platform, tenant, { roles: ['client'], kind: 'client' });
    docs = [
      {
        name: 'internal',
        doc: (await t.inject({ method: 'GET', url: '/openapi.json' })).json(),
        auth: bearer((await login(t, owner)).accessToken),
      },
      {
        name: 'external',
        doc: (await t.inject({ method: 'GET', url: '/ext/openapi.json' })).json(),
        auth: bearer((await login(t, client)).accessToken),
      },
    ];
  });
  afterAll(() => t.close());

  async function run(attacks: Attack[]): Promise<string[]> {
    const failures: string[] = [];
    for (const attack of attacks) {
      let res: LightMyRequestResponse;
      try {
        res = await t.inject({
          method: attack.method,
          url: attack.url,
          headers: attack.headers,
          ...(attack.payload === undefined ? {} : { payload: attack.payload }),
        });
      } catch (error) {
        // A response that starts and then breaks off (a streamed export) is as bad as a 500.
        failures.push(`${attack.label}: ${(error as Error).message}`);
        continue;
      }
      if (res.statusCode >= 500) {
        failures.push(`${attack.label}: ${res.statusCode}`);
        continue;
      }
      if (res.statusCode >= 400 && !isProblem(res)) {
        failures.push(
          `${attack.label}: ${res.statusCode} as ${String(res.headers['content-type'])}, not problem+json`,
        );
        continue;
      }
      if (!attack.field) continue;
      const problem = isProblem(res) ? res.json<{ errors?: { field: string }[] }>() : {};
      if (res.statusCode !== 400 || !problem.errors?.some((e) => e.field === attack.field)) {
        failures.push(
          `${attack.label}: ${res.statusCode} without naming ${attack.field} (${res.body.slice(0, 200)})`,
        );
      }
    }
    return failures;
  }

  it('walks a matrix that covers both surfaces', () => {
    const internal = attacksOn(docs[0]!.doc, {}, [
      { name: 'NUL', encoded: '%00', json: '"\\u0000"', refused: true },
    ]);
    const external = attacksOn(docs[1]!.doc, {}, [
      { name: 'NUL', encoded: '%00', json: '"\\u0000"', refused: true },
    ]);
    // Named in the report that found the fault: they must be in the matrix, or it proves nothing.
    for (const label of [
      'GET /api/v1/calls query.queue NUL',
      'GET /api/v1/calls/stats query.queue NUL',
      'GET /api/v1/calls/export query.queue NUL',
      'GET /api/v1/calls/quarantine query.source NUL',
      'GET /api/v1/audit query.actor NUL',
      'GET /api/v1/audit query.action NUL',
      'GET /api/v1/bus/dead-letters query.group NUL',
      'GET /api/v1/auth/providers query.tenant NUL',
      'POST /api/v1/auth/login body.tenant NUL',
    ]) {
      expect(internal.map((a) => a.label)).toContain(label);
    }
    expect(external.map((a) => a.label)).toContain('POST /ext/v1/auth/login body.tenant NUL');
  });

  it('refuses a NUL in any string parameter or body property with 400 naming the field', async () => {
    const failures: string[] = [];
    for (const { doc, auth } of docs) {
      failures.push(
        ...(await run(
          attacksOn(doc, auth, [{ name: 'NUL', encoded: '%00', json: '"alpha\\u0000"', refused: true }]),
        )),
      );
    }
    expect(failures).toEqual([]);
  });

  it('refuses a lone UTF-16 surrogate in a JSON body, and never answers 500 to invalid UTF-8 in a URL', async () => {
    // %ED%A0%80 is U+D800 written as UTF-8, which is not valid UTF-8: the query string keeps it as
    // the literal text "%ED%A0%80", a path segment is refused as a bad URL. In JSON, "\ud800" does
    // decode to a lone surrogate, which PostgreSQL cannot store.
    const failures: string[] = [];
    for (const { doc, auth } of docs) {
      failures.push(
        ...(await run(
          attacksOn(doc, auth, [
            { name: 'lone surrogate', encoded: '%ED%A0%80', json: '"alpha\\ud800"', refused: false },
          ]),
        )),
      );
    }
    const refusedInBodies = docs.flatMap(({ doc, auth }) =>
      attacksOn(doc, auth, [
        { name: 'lone surrogate', encoded: '%ED%A0%80', json: '"\\udc00beta"', refused: true },
      ]).filter((a) => a.field?.startsWith('body.')),
    );
    failures.push(...(await run(refusedInBodies)));
    expect(failures).toEqual([]);
  });

  it('answers a 1 MB string in a body property with a 4xx', async () => {
    const huge = 'a'.repeat(1_000_000);
    const failures: string[] = [];
    for (const { doc, auth } of docs) {
      const attacks = attacksOn(doc, auth, [
        { name: '1 MB', encoded: 'a', json: JSON.stringify(huge), refused: false },
      ]).filter((a) => a.label.includes(' body.'));
      for (const attack of attacks) {
        const res = await t.inject({
          method: attack.method,
          url: attack.url,
          headers: attack.headers,
          payload: attack.payload ?? '',
        });
        if (res.statusCode < 400 || res.statusCode >= 500)
          failures.push(`${attack.label}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers a query parameter as long as a request line can carry with less than 500', async () => {
    const failures: string[] = [];
    for (const { doc, auth } of docs) {
      const attacks = attacksOn(doc, auth, [
        { name: '15 kB', encoded: 'a'.repeat(15_000), json: '""', refused: false },
      ]).filter((a) => a.label.includes(' query.'));
      failures.push(...(await run(attacks)));
    }
    expect(failures).toEqual([]);
  });

  it('answers a 1 MB string in a query parameter with a 4xx over a real connection', async () => {
    const http = t.platform.http!;
    await http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = http.server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: `/api/v1/auth/providers?tenant=${'a'.repeat(1_000_000)}` },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(431);
  });

  it('still takes a NUL inside an ingested CSV body: the payload is bytes, and the parsers judge it', async () => {
    const { auth } = docs[0]!;
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/ingest?format=asterisk-csv',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: Buffer.from(
        '"","1000","2000","default","\u0000","SIP/1000-0001","SIP/2000-0002","Dial","SIP/2000","2024-01-01 10:00:00","2024-01-01 10:00:01","2024-01-01 10:00:31","31","30","ANSWERED","DOCUMENTATION","1704103200.1",""\n',
      ),
    });
    expect(res.statusCode, res.body).toBe(202);
  });
});
