import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { PlatformErrors } from '../errors.js';
import type { Logger, Registry } from '../telemetry/index.js';
import { healthRoutes, type ReadinessCheck } from './health.routes.js';
import { metricsRoute } from './metrics.plugin.js';
import { sendProblem, toAppError } from './problem.js';

export type OpsApp = FastifyInstance;

export interface OpsAppOptions {
  readonly logger: Logger;
  /** The platform's registry: the process's own counters (handlers, timers, workflows) and the shared gauges. */
  readonly metrics: Registry;
  readonly readinessChecks: readonly ReadinessCheck[];
}

/**
 * The operations endpoint of a process that serves no API (`switchboard worker`): `/healthz`
 * (liveness), `/readyz` (its dependencies answer) and `/metrics`, nothing else, so orchestrators
 * can probe it and Prometheus can scrape what only it counts. It records no request latency: the
 * only callers are probes and scrapers, whose timings would drown nothing but noise in the API's
 * latency figures.
 */
export async function createOpsApp(options: OpsAppOptions): Promise<OpsApp> {
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  app.setErrorHandler((error, request, reply) => sendProblem(reply, request, toAppError(error)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      PlatformErrors.notFound(`${request.method} ${request.url.split('?')[0] ?? ''}`),
    ),
  );
  await app.register(healthRoutes, { checks: options.readinessChecks });
  await app.register(metricsRoute, { registry: options.metrics });
  return app;
}
