import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { PlatformErrors } from '../errors.js';
import { sendProblem } from './problem.js';

export interface ConsolePluginOptions {
  /** The built console (index.html and assets/); defaults to web/console/dist of this checkout. */
  readonly distDir?: string;
  /**
   * True while nobody can sign in yet. The sign-in page then names the CLI commands that create
   * the first tenant and owner, instead of leaving a new operator at a form that cannot work.
   */
  readonly firstRun?: () => Promise<boolean>;
}

/** Paths the platform answers itself: never the single-page app, even when nothing matches. */
const platformPaths = [
  '/api',
  '/ext',
  '/docs',
  '/openapi.json',
  '/healthz',
  '/readyz',
  '/metrics',
  '/objects',
  '/.well-known',
  '/console',
];

export function isPlatformPath(pathname: string): boolean {
  return platformPaths.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

const defaultDistDir = fileURLToPath(new URL('../../../web/console/dist/', import.meta.url));

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchboard</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The console has not been built</h1>
<p>The API is running (see <a href="/docs">/docs</a>). To serve the console, build it once:</p>
<pre>npm run build:console</pre>
<p><code>npm install</code> builds it too, unless the build tools were left out (<code>--omit=dev</code>). Then reload this page.</p>
</body></html>`;

/**
 * Serves the web console at `/`: hashed assets from its build, and index.html for every other GET
 * outside the platform's own paths, so deep links (`/admin/users`) load the app, which routes
 * them in the browser. Registered after the API, so every API route still wins.
 */
export function consolePlugin(options: ConsolePluginOptions = {}): FastifyPluginAsync {
  const distDir = options.distDir ?? defaultDistDir;
  const firstRun = options.firstRun ?? (() => Promise.resolve(false));

  return async (app) => {
    app.get('/console/setup.json', { schema: { hide: true } }, async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return { firstRun: await firstRun() };
    });

    const indexHtml = path.join(distDir, 'index.html');
    const assetsDir = path.join(distDir, 'assets');
    // Files are looked up per request, so a rebuild while the platform runs is served at once
    // (and a console built after start-up too). A missing asset falls to the platform's 404.
    await app.register(fastifyStatic, {
      root: assetsDir,
      prefix: '/assets/',
      index: false,
      cacheControl: false,
      suppressWarning: true,
      // Hashed names never change content, so browsers may keep them; the rest is revalidated.
      setHeaders: (reply, filePath) =>
        void reply.header(
          'cache-control',
          filePath.startsWith(assetsDir + path.sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });

    const notFound = (request: FastifyRequest, reply: FastifyReply, pathname: string) =>
      sendProblem(reply, request, PlatformErrors.notFound(`${request.method} ${pathname}`));

    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      const pathname = request.url.split('?')[0] ?? '/';
      if (isPlatformPath(pathname)) return notFound(request, reply, pathname);
      const name = pathname.slice(1);
      if (name.includes('.')) {
        // A top-level file of the build (favicon.svg); anything else with an extension is a 404,
        // not the app: HTML in place of a script only yields a confusing MIME-type error.
        const file = path.join(distDir, name);
        if (name.includes('/') || !existsSync(file)) return notFound(request, reply, pathname);
        return reply.sendFile(name, distDir);
      }
      if (!existsSync(indexHtml)) {
        return reply
          .code(503)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(notBuiltPage);
      }
      return reply.sendFile('index.html', distDir);
    });
  };
}
