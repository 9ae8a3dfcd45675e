import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../src/platform/errors.js';
import { newUuid } from '../../src/platform/ids.js';
import { defineModule } from '../../src/platform/module.js';
import { withDatabase } from '../support/database-url.js';
import { createTestPlatform, type As, type TestPlatform } from '../support/test-platform.js';

const probeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/echo',
    {
      config: { permission: 'probe:write' },
      schema: {
        body: z.object({
          name: z.string().min(1),
          count: z.number().int().positive(),
          contact: z.object({ email: z.email() }),
        }),
        response: { 200: z.object({ name: z.string(), count: z.number() }) },
      },
    },
    (request) => ({ name: request.body.name, count: request.body.count }),
  );
  app.get(
    '/items/:itemId',
    {
      config: { permission: 'probe:read' },
      schema: {
        params: z.object({ itemId: z.string() }),
        querystring: z.object({ q: z.string().optional() }),
      },
    },
    (request) => ({ itemId: request.params.itemId, q: request.query.q ?? null }),
  );
  app.get('/boom', { config: { permission: 'probe:read' } }, () => {
    throw new Error('duplicate key value violates unique constraint "secret_index" in /srv/app.js');
  });
  app.get('/conflict', { config: { permission: 'probe:read' } }, () => {
    throw new AppError('PROBE_TAKEN', 'conflict', 'That name is taken.', {
      fields: [{ field: 'name', message: 'is taken' }],
    });
  });
  await Promise.resolve();
};

describe('HTTP kernel', () => {
  let t: TestPlatform;
  const as: As = { tenant: newUuid(), permissions: ['probe:read', 'probe:write'] };

  beforeAll(async () => {
    t = await createTestPlatform({
      env: { SWITCHBOARD_BODY_LIMIT_BYTES: '2048' },
      extraModules: [
        defineModule({
          name: 'probe',
          create: () => ({
            api: {},
            routes: [{ surface: 'internal', prefix: '/probe', plugin: probeRoutes }],
          }),
        }),
      ],
    });
  });
  afterAll(() => t.close());

  describe('errors are problem+json', () => {
    it('names each invalid field', async () => {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/probe/echo',
        as,
        payload: { count: 1.5, contact: { email: 'nope' } },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json<{
        code: string;
        errors: { field: string }[];
        requestId: string;
        status: number;
      }>();
      expect(problem).toMatchObject({
        code: 'VALIDATION_FAILED',
        status: 400,
        requestId: res.headers['x-request-id'],
      });
      expect(problem.errors.map((e) => e.field).sort()).toEqual([
        'body.contact.email',
        'body.count',
        'body.name',
      ]);
    });

    it('accepts valid input', async () => {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/probe/echo',
        as,
        payload: { name: 'a', count: 2, contact: { email: 'a@b.co' } },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ name: 'a', count: 2 });
    });

    it('rejects malformed JSON with 400, not 500', async () => {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/probe/echo',
        as,
        headers: { 'content-type': 'application/json' },
        payload: '{"name": "a",',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body' }] });
    });

    it('rejects an oversized body with 413', async () => {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/probe/echo',
        as,
        payload: { name: 'x'.repeat(5000), count: 1, contact: { email: 'a@b.co' } },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });

    it('rejects an unsupported content type with 415', async () => {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/probe/echo',
        as,
        headers: { 'content-type': 'application/x-unknown' },
        payload: 'x',
      });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('answers unknown routes with a 404 problem', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/v1/nothing-here' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    });

    it('maps a module error code to its status and keeps its fields', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/v1/probe/conflict', as });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'PROBE_TAKEN',
        detail: 'That name is taken.',
        errors: [{ field: 'name', message: 'is taken' }],
      });
    });

    it('hides the internals of unexpected errors', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/v1/probe/boom', as });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: 'INTERNAL' });
      expect(res.body).not.toMatch(/secret_index|srv\/app/);
    });
  });

  describe('text PostgreSQL cannot store is refused at the edge, for every route', () => {
    const fieldsOf = (res: LightMyRequestResponse) =>
      res.json<{ errors: { field: string; message: string }[] }>().errors;

    it('names a NUL in the query string or a path parameter, before sign-in is even looked at', async () => {
      const query = await t.inject({ method: 'GET', url: '/api/v1/probe/items/a?q=x%00y' });
      expect(query.statusCode).toBe(400);
      expect(query.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(query.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'querystring.q', message: 'must not contain a NUL character (U+0000)' }],
      });
      const param = await t.inject({ method: 'GET', url: '/api/v1/probe/items/a%00', as });
      expect(fieldsOf(param)).toEqual([
        { field: 'params.itemId', message: 'must not contain a NUL character (U+0000)' },
      ]);
      // A public route of a module, which answered 500 with the tenant look-up.
      const providers = await t.inject({ method: 'GET', url: '/api/v1/auth/providers?tenant=%00' });
      expect(providers.statusCode).toBe(400);
      expect(fieldsOf(providers)).toEqual([
        { field: 'querystring.tenant', message: 'must not contain a NUL character (U+0000)' },
      ]);
    });

    it('names a NUL or a lone surrogate at any depth of a JSON body, and in a header', async () => {
      const body = await t.inject({
        method: 'POST',
        url: '/api/v1/probe/echo',
        as,
        headers: { 'content-type': 'application/json' },
        payload: '{"name":"a\\ud800","count":1,"contact":{"email":"a\\u0000@b.co"}}',
      });
      expect(body.statusCode).toBe(400);
      expect(fieldsOf(body)).toEqual([
        {
          field: 'body.name',
          message: 'must not contain an unpaired UTF-16 surrogate, which is not valid Unicode',
        },
        { field: 'body.contact.email', message: 'must not contain a NUL character (U+0000)' },
      ]);
      const header = await t.inject({
        method: 'GET',
        url: '/api/v1/probe/items/a',
        as,
        headers: { 'x-note': 'a\u0000b' },
      });
      expect(header.statusCode).toBe(400);
      expect(fieldsOf(header)).toEqual([
        { field: 'headers.x-note', message: 'must not contain a NUL character (U+0000)' },
      ]);
    });

    it('lets ordinary text through, astral characters included', async () => {
      const res = await t.inject({
        method: 'GET',
        url: `/api/v1/probe/items/${encodeURIComponent('Zoë 📞')}?q=${encodeURIComponent('☎️ 𝄞')}`,
        as,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ itemId: 'Zoë 📞', q: '☎️ 𝄞' });
    });

    it('answers a path that is not valid percent-encoded UTF-8 with a 400 problem', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/v1/probe/items/%ED%A0%80', as });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'url' }] });
    });
  });

  describe('authentication seam', () => {
    it('answers 401 without credentials and 403 without the route’s permission', async () => {
      expect((await t.inject({ method: 'GET', url: '/api/v1/probe/conflict' })).json()).toMatchObject({
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      const res = await t.inject({
        method: 'GET',
        url: '/api/v1/probe/conflict',
        as: { tenant: as.tenant, permissions: ['other'] },
      });
      expect(res.statusCode).toBe(403);
      const problem = res.json<{ code: string; detail: string }>();
      expect(problem.code).toBe('FORBIDDEN');
      expect(problem.detail).toContain('probe:read');
    });
  });

  describe('request ids', () => {
    it('echoes a sane x-request-id and replaces an unsafe one', async () => {
      const given = await t.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'trace-123.abc' },
      });
      expect(given.headers['x-request-id']).toBe('trace-123.abc');
      const unsafe = await t.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'bad id\nwith newline' },
      });
      expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('documentation', () => {
    it('serves an OpenAPI 3.1 document that includes the routes and their schemas', async () => {
      const res = await t.inject({ method: 'GET', url: '/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json<{
        openapi: string;
        paths: Record<string, Record<string, { requestBody?: unknown }>>;
      }>();
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.paths['/api/v1/probe/echo']?.post?.requestBody).toBeDefined();
      expect(doc.paths['/api/v1/tenant']?.get).toBeDefined();
      expect(Object.keys(doc.paths).some((p) => p.startsWith('/docs'))).toBe(false);
    });

    it('serves interactive docs at /docs', async () => {
      const res = await t.inject({ method: 'GET', url: '/docs/' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('swagger-ui');
    });
  });

  describe('operations', () => {
    it('sets security headers', async () => {
      const res = await t.inject({ method: 'GET', url: '/healthz' });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-frame-options']).toBeDefined();
    });

    it('exposes Prometheus metrics: HTTP latency by route and status, pool and process figures', async () => {
      await t.inject({ method: 'GET', url: '/api/v1/probe/conflict', as });
      const res = await t.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(
        /http_request_duration_seconds_bucket\{.*method="GET".*route="\/api\/v1\/probe\/conflict".*status="409"/,
      );
      expect(res.body).toMatch(/db_pool_connections_total\{pool="app"\} \d+/);
      expect(res.body).toContain('process_cpu_user_seconds_total');
    });

    it('reports liveness and readiness', async () => {
      expect((await t.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
      const ready = await t.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      const body = ready.json<{ status: string; checks: { name: string; ok: boolean }[] }>();
      expect(body.status).toBe('ready');
      expect(body.checks).toContainEqual(expect.objectContaining({ name: 'database', ok: true }));
    });

    it('is not ready while the database refuses connections, and recovers', async () => {
      const admin = new pg.Client({ connectionString: withDatabase(inject('testServerUrl'), 'postgres') });
      await admin.connect();
      const name = t.database.name;
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and usename = 'switchboard_app_user'`,
        [name],
      );
      try {
        const res = await t.inject({ method: 'GET', url: '/readyz' });
        expect(res.statusCode).toBe(503);
        const body = res.json<{ status: string; checks: { name: string; ok: boolean }[] }>();
        expect(body.status).toBe('unavailable');
        expect(body.checks).toContainEqual(expect.objectContaining({ name: 'database', ok: false }));
        // Liveness does not depend on the database.
        expect((await t.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      } finally {
        await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
        await admin.end();
      }
      // Ready again once the database takes connections (each check may take up to its 2 s timeout
      // on a loaded machine, so a few tries): the pool keeps no dead connection.
      let ready = await t.inject({ method: 'GET', url: '/readyz' });
      for (let tries = 1; ready.statusCode !== 200 && tries < 5; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        ready = await t.inject({ method: 'GET', url: '/readyz' });
      }
      expect(ready.statusCode, ready.body).toBe(200);
    });
  });
});
