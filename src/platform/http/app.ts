import { randomUUID } from 'node:crypto';
import type { BlockList } from 'node:net';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { isTracingEnabled, type Logger, type Registry } from '../telemetry/index.js';
import { authenticationHook, type Authenticator, type RateLimiter, type Surface } from '../auth/index.js';
import { AppError, PlatformErrors } from '../errors.js';
import { healthRoutes, type ReadinessCheck } from './health.routes.js';
import { httpMetrics } from './metrics.plugin.js';
import { httpTracing } from './http-tracing.hooks.js';
import { sendProblem, toAppError } from './problem.js';
import { responseSerializerCompiler } from './response-serializer.js';
import { guardStorableText } from './storable-text.guard.js';

export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * A module's routes, mounted as one encapsulated plugin: on a surface under its API prefix
 * (authenticated unless a route is marked public), or at the root with an absolute prefix
 * (only public routes there, such as `/.well-known/jwks.json`).
 */
export interface RouteMount {
  readonly surface: Surface | 'root';
  readonly prefix: string;
  readonly plugin: FastifyPluginAsync;
}

export interface SurfaceSettings {
  readonly rateLimitPerMinute: number;
  /** Browser origins allowed to call this surface (CORS); empty = none. */
  readonly corsOrigins: readonly string[];
}

export interface HttpAppOptions {
  readonly logger: Logger;
  readonly metrics: Registry;
  readonly bodyLimitBytes: number;
  readonly trustProxy: boolean;
  readonly version: string;
  readonly publicUrl?: string | undefined;
  readonly readinessChecks: readonly ReadinessCheck[];
  readonly authenticators: readonly Authenticator[];
  readonly rateLimiter: RateLimiter;
  readonly surfaces: Readonly<Record<Surface, SurfaceSettings>>;
  /** Client addresses allowed to call admin routes; undefined = any. */
  readonly adminAllowList?: BlockList | undefined;
  /** Which route permissions make a route an admin route (subject to the allow-list). */
  readonly isAdminPermission?: (permission: string) => boolean;
  readonly routes: readonly RouteMount[];
  /** Extra top-level plugins (static console, object downloads) registered after the API. */
  readonly extraPlugins?: readonly FastifyPluginAsync[];
}

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accept a caller's x-request-id (so traces join up across services) when it is sane, else make one. */
function requestIdFor(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
}

export const apiPrefixes: Readonly<Record<Surface, string>> = { internal: '/api/v1', external: '/ext/v1' };
/** Where each surface's OpenAPI document (`<base>/openapi.json`) and docs (`<base>/docs`) live. */
const docsBase: Readonly<Record<Surface, string>> = { internal: '', external: '/ext' };

const surfaceInfo: Readonly<Record<Surface, { title: string; description: string }>> = {
  internal: {
    title: 'Switchboard internal API',
    description:
      'For employees, connectors and scripts: bearer tokens of the internal audience or API keys. ' +
      'Errors are application/problem+json (RFC 9457).',
  },
  external: {
    title: 'Switchboard external API',
    description:
      'For clients of a tenant (the portal): bearer tokens of the external audience. Errors are application/problem+json (RFC 9457).',
  },
};

export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app: HttpApp = Fastify({
    loggerInstance,
    genReqId: requestIdFor,
    logController: new Fastify.LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: options.bodyLimitBytes,
    trustProxy: options.trustProxy,
    // Close idle keep-alive sockets on close() so shutdown is not held up by browsers.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Bounds header size: oversized headers get 431 from Node before they reach a handler.
    http: { maxHeaderSize: 16_384 },
    routerOptions: { ignoreTrailingSlash: true },
    // Errors the router raises before a route is found (a path that is not valid percent-encoded
    // UTF-8, an over-long path parameter) answer problem+json like every other refusal.
    frameworkErrors: (error, request, reply) => {
      const problem =
        error.code === 'FST_ERR_BAD_URL'
          ? PlatformErrors.validation([{ field: 'url', message: 'is not valid percent-encoded UTF-8' }])
          : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? PlatformErrors.validation([
                { field: 'url', message: 'has a path segment longer than the route accepts' },
              ])
            : toAppError(error);
      void sendProblem(reply, request, problem);
    },
    // Errors Node's HTTP parser raises before Fastify sees a request (oversized or malformed
    // headers) still get a problem+json answer rather than a bare status line.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const code = status === 431 ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';
      const body = JSON.stringify({
        type: `https://switchboard.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
        title: status === 431 ? 'Request headers too large' : 'Malformed request',
        status,
        code,
      });
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
    },
  }).withTypeProvider<ZodTypeProvider>();

  // First of all hooks, so authentication and every route's work run inside the request's span.
  if (isTracingEnabled()) httpTracing(app);

  // Every route as registered, so tests (and tools) can walk them: the permission table test does.
  const registeredRoutes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      registeredRoutes.push({ method, url: route.url, config: route.config ?? {} });
    }
  });
  app.decorate('registeredRoutes', registeredRoutes);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.decorateRequest('principal', undefined);

  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  guardStorableText(app);

  // Requests still in flight when shutdown begins finish normally, but their keep-alive sockets
  // must not outlive them, or close() would wait for the client's idle timeout.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.kind === 'internal') request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'request rejected');
    return sendProblem(reply, request, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      PlatformErrors.notFound(`${request.method} ${request.url.split('?')[0] ?? ''}`),
    ),
  );

  await app.register(helmet, {
    // Swagger UI and the console use inline styles; scripts stay same-origin only.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        // helmet adds upgrade-insecure-requests by default; on a plain-HTTP install reached by a
        // LAN address it would turn every asset request into https and leave a blank page.
        upgradeInsecureRequests: options.publicUrl?.startsWith('https:') ? [] : null,
      },
    },
  });
  await app.register(httpMetrics, { registry: options.metrics });
  await app.register(healthRoutes, { checks: options.readinessChecks });

  for (const surface of ['internal', 'external'] as const) {
    await app.register(async (scope) => registerSurface(scope as HttpApp, surface, options));
  }
  for (const mount of options.routes.filter((m) => m.surface === 'root')) {
    await app.register(mount.plugin, { prefix: mount.prefix });
  }
  for (const plugin of options.extraPlugins ?? []) await app.register(plugin);
  return app;
}

async function registerSurface(scope: HttpApp, surface: Surface, options: HttpAppOptions): Promise<void> {
  const settings = options.surfaces[surface];
  const base = docsBase[surface];
  await scope.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { ...surfaceInfo[surface], version: options.version },
      servers: options.publicUrl ? [{ url: options.publicUrl }] : [],
      components: {
        securitySchemes:
          surface === 'internal'
            ? {
                bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
                apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
              }
            : { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: surface === 'internal' ? [{ bearerAuth: [] }, { apiKey: [] }] : [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
    // Puts the schemas named with .meta({ id }) into components.schemas, which the $refs point at.
    transformObject: jsonSchemaTransformObject,
  });
  scope.get(`${base}/openapi.json`, { schema: { hide: true }, config: { public: true } }, () =>
    scope.swagger(),
  );
  await scope.register(swaggerUi, {
    routePrefix: `${base}/docs`,
    staticCSP: true,
    uiConfig: { deepLinking: true },
  });

  await scope.register(async (api) => {
    if (settings.corsOrigins.length > 0) {
      await api.register(cors, { origin: [...settings.corsOrigins], credentials: true, maxAge: 600 });
    }
    api.addHook('onRequest', authenticationHook(options.authenticators, surface));
    api.addHook('onRequest', async (request, reply) => {
      const permission = request.routeOptions.config.permission;
      if (permission && options.adminAllowList && options.isAdminPermission?.(permission)) {
        if (!options.adminAllowList.check(request.ip, request.ip.includes(':') ? 'ipv6' : 'ipv4')) {
          throw new AppError(
            'IP_NOT_ALLOWED',
            'forbidden',
            'Administration is not allowed from this address.',
          );
        }
      }
      const who = request.principal
        ? `${request.principal.actor.type}:${request.principal.actor.id}`
        : `ip:${request.ip}`;
      const decision = await options.rateLimiter.hit(
        `${surface}:${who}`,
        settings.rateLimitPerMinute,
        60_000,
      );
      void reply.header('ratelimit-limit', String(decision.limit));
      void reply.header('ratelimit-remaining', String(decision.remaining));
      if (!decision.allowed) {
        throw new AppError('RATE_LIMITED', 'rate_limited', `More than ${decision.limit} requests a minute.`, {
          retryAfterSeconds: decision.retryAfterSeconds,
        });
      }
    });
    for (const mount of options.routes.filter((m) => m.surface === surface)) {
      await api.register(mount.plugin, { prefix: `${apiPrefixes[surface]}${mount.prefix}` });
    }
  });
}

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly config: {
    readonly public?: boolean;
    readonly permission?: string;
    readonly authenticated?: boolean;
  };
}

/** Route config flags read by the kernel's hooks. */
declare module 'fastify' {
  interface FastifyInstance {
    readonly registeredRoutes: readonly RegisteredRoute[];
  }
  interface FastifyContextConfig {
    /** Reachable without authentication (health, docs, sign-in, webhooks with their own verification). */
    public?: boolean;
    /** The permission a caller needs. */
    permission?: string;
    /** Any signed-in caller may use it (their own profile, sign-out): no permission to check. */
    authenticated?: boolean;
  }
}

export type { FastifyRequest };
