import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformErrors } from '../errors.js';
import { consolePlugin } from './console.plugin.js';
import { sendProblem } from './problem.js';

async function appServing(distDir: string, firstRun = false): Promise<FastifyInstance> {
  const app = Fastify();
  // As the platform's app answers anything unmatched.
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, PlatformErrors.notFound(request.url)),
  );
  app.get('/api/v1/tenant', () => ({ name: 'Acme' }));
  await app.register(consolePlugin({ distDir, firstRun: () => Promise.resolve(firstRun) }));
  return app;
}

describe('console plugin', () => {
  let dist: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dist = await mkdtemp(path.join(os.tmpdir(), 'console-dist-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(
      path.join(dist, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script>',
    );
    await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
    await writeFile(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await appServing(dist, true);
  });
  afterAll(async () => {
    await app.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('serves the app at / and at any deep link, revalidated on every visit', async () => {
    for (const url of ['/', '/admin/users', '/admin/audit?action=auth.']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year, and other files revalidated', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing file or an unknown API path with a problem, never with the app', async () => {
    for (const url of [
      '/assets/index-old999.js',
      '/api/v1/nothing-here',
      '/ext/v1/x',
      '/objects/a/b',
      '/.well-known/nope',
      '/docs/missing',
      '/metrics/x',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/application\/problem\+json/);
      expect(res.json<{ code: string }>().code).toBe('NOT_FOUND');
    }
  });

  it('leaves the API routes alone', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/tenant' });
    expect(res.json()).toEqual({ name: 'Acme' });
  });

  it('tells the sign-in page whether this is a first run', async () => {
    const res = await app.inject({ method: 'GET', url: '/console/setup.json' });
    expect(res.json()).toEqual({ firstRun: true });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves a build made while the platform runs', async () => {
    await writeFile(path.join(dist, 'assets', 'index-new456.js'), 'console.log("new")');
    expect((await app.inject({ method: 'GET', url: '/assets/index-new456.js' })).body).toBe(
      'console.log("new")',
    );
  });

  it('says how to build the console when it has not been built, and still serves the API', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'console-unbuilt-'));
    const unbuilt = await appServing(empty);
    try {
      const page = await unbuilt.inject({ method: 'GET', url: '/admin/users' });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('npm run build:console');
      expect((await unbuilt.inject({ method: 'GET', url: '/api/v1/tenant' })).statusCode).toBe(200);
      expect((await unbuilt.inject({ method: 'GET', url: '/console/setup.json' })).json()).toEqual({
        firstRun: false,
      });
    } finally {
      await unbuilt.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
