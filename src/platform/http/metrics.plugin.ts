import fp from 'fastify-plugin';
import { Histogram, type Registry } from '../telemetry/index.js';

/**
 * `GET /metrics`: the platform's registry in Prometheus's text format. Public (no sign-in): keep it
 * off the internet with the proxy, as docs/operations.md says. The worker's ops app serves it alone.
 */
export const metricsRoute = fp<{ registry: Registry }>(
  async (app, { registry }) => {
    app.get('/metrics', { config: { public: true }, logLevel: 'warn' }, async (_request, reply) => {
      return reply.type(registry.contentType).send(await registry.metrics());
    });
    await Promise.resolve();
  },
  { name: 'switchboard-metrics-route' },
);

/** HTTP latency by route template (not raw URL, to keep label cardinality bounded) and status, plus /metrics. */
export const httpMetrics = fp<{ registry: Registry }>(
  async (app, { registry }) => {
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      duration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
    await app.register(metricsRoute, { registry });
  },
  { name: 'switchboard-http-metrics' },
);
