import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { PlatformErrors } from '../errors.js';
import { sendProblem } from './problem.js';

export interface PortalPluginOptions {
  /** The built client portal (index.html and assets/); defaults to web/portal/dist of this checkout. */
  readonly distDir?: string;
}

const defaultDistDir = fileURLToPath(new URL('../../../web/portal/dist/', import.meta.url));

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchboard portal</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The client portal has not been built</h1>
<p>The API is running. To serve the portal, build it once:</p>
<pre>npm run build:portal</pre>
<p><code>npm install</code> builds it too, unless the build tools were left out (<code>--omit=dev</code>). Then reload this page.</p>
</body></html>`;

/**
 * Serves the client portal (web/portal) at `/portal`: its hashed assets under `/portal/assets/`,
 * and index.html for every other GET below `/portal`, so deep links (`/portal/orders/ord_…`,
 * `/portal/verify-email?…`) load the app, which routes them in the browser. Like the console, it
 * is only ever a client of the API: it calls `/ext/v1` with the client's bearer token.
 */
export function portalPlugin(options: PortalPluginOptions = {}): FastifyPluginAsync {
  const distDir = options.distDir ?? defaultDistDir;
  return async (app) => {
    const indexHtml = path.join(distDir, 'index.html');
    const assetsDir = path.join(distDir, 'assets');
    await app.register(fastifyStatic, {
      root: assetsDir,
      prefix: '/portal/assets/',
      index: false,
      cacheControl: false,
      suppressWarning: true,
      setHeaders: (reply) => void reply.header('cache-control', 'public, max-age=31536000, immutable'),
    });

    const notFound = (request: FastifyRequest, reply: FastifyReply, pathname: string) =>
      sendProblem(reply, request, PlatformErrors.notFound(`${request.method} ${pathname}`));

    const servePortal = (request: FastifyRequest, reply: FastifyReply) => {
      const pathname = request.url.split('?')[0] ?? '/portal';
      const name = pathname.slice('/portal/'.length);
      if (name.includes('.')) {
        // A top-level file of the build (favicon.svg); anything else with an extension is a 404.
        const file = path.join(distDir, name);
        if (name.includes('/') || !existsSync(file)) return notFound(request, reply, pathname);
        return reply.header('cache-control', 'no-cache').sendFile(name, distDir);
      }
      if (!existsSync(indexHtml)) {
        return reply
          .code(503)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(notBuiltPage);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', distDir);
    };
    app.get('/portal', { schema: { hide: true } }, servePortal);
    app.get('/portal/*', { schema: { hide: true } }, servePortal);
  };
}
