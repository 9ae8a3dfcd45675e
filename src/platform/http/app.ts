import { randomUUID } from 'node:crypto';
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
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from '../telemetry/index.js';
import type { Registry } from '../telemetry/index.js';
import { authenticationHook, type Authenticator } from '../auth/index.js';
import { healthRoutes, type ReadinessCheck } from './health.routes.js';
import { httpMetrics } from './metrics.plugin.js';
import { sendProblem, toAppError } from './problem.js';
import { PlatformErrors } from '../errors.js';

export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A module's routes, mounted as one encapsulated plugin under the API prefix. */
export interface RouteMount {
  readonly prefix: string;
  readonly plugin: FastifyPluginAsync;
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
  /** Internal (employee and machine) API routes, mounted under /api/v1. */
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

export const internalApiPrefix = '/api/v1';

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
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });

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
  app.setNotFoundHandler((request, reply) => sendProblem(reply, request, PlatformErrors.notFound(`${request.method} ${request.url.split('?')[0] ?? ''}`)));

  await app.register(helmet, {
    // Swagger UI and the console use inline styles; scripts stay same-origin only.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(httpMetrics, { registry: options.metrics });
  await app.register(healthRoutes, { checks: options.readinessChecks });

  // The internal API: its own OpenAPI document, authenticated routes.
  await app.register(async (api) => {
    await api.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Switchboard internal API',
          version: options.version,
          description: 'The API for employees, connectors and scripts. Errors are application/problem+json (RFC 9457).',
        },
        servers: options.publicUrl ? [{ url: options.publicUrl }] : [],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          },
        },
        security: [{ bearerAuth: [] }, { apiKey: [] }],
      },
      transform: jsonSchemaTransform,
    });
    api.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, () => api.swagger());
    await api.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      transformStaticCSP: (header) => header,
      uiConfig: { deepLinking: true },
    });
    await api.register(async (scoped) => {
      scoped.addHook('onRequest', authenticationHook(options.authenticators));
      for (const mount of options.routes) {
        await scoped.register(mount.plugin, { prefix: `${internalApiPrefix}${mount.prefix}` });
      }
    });
  });

  for (const plugin of options.extraPlugins ?? []) await app.register(plugin);
  return app;
}

/** Route config flags read by the kernel's hooks. */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without authentication (health, docs, webhooks with their own verification). */
    public?: boolean;
    /** The permission a caller needs; checked by the auth hook once roles exist. */
    permission?: string;
  }
}

export type { FastifyRequest };
