import { context, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contextFromCarrier, recordFailure, tracer } from '../telemetry/index.js';

/** Probes and scrapes answer every few seconds and tell nothing about the work: no spans. */
const untracedRoutes = new Set(['/healthz', '/readyz', '/metrics']);

interface RequestTrace {
  readonly span: Span;
  readonly context: Context;
  error?: unknown;
}

/**
 * A SERVER span per request, named `<METHOD> <route template>`, child of the caller's
 * `traceparent` when it sends one. Fastify has no hook that wraps a whole request, so the span's
 * context is entered in onRequest (authentication, rate limits and routing's hooks run in it) and
 * again in preValidation: the body arrives in the socket's events, whose callbacks run outside
 * it. Only registered while tracing is on.
 */
export function httpTracing(app: FastifyInstance): void {
  const traces = new WeakMap<FastifyRequest, RequestTrace>();

  app.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    if (route !== undefined && untracedRoutes.has(route)) {
      done();
      return;
    }
    const parent = contextFromCarrier(request.headers);
    const span = tracer().startSpan(
      route === undefined ? request.method : `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: request.method,
          ...(route === undefined ? {} : { [ATTR_HTTP_ROUTE]: route }),
          [ATTR_URL_SCHEME]: request.protocol,
          'switchboard.request_id': request.id,
        },
      },
      parent,
    );
    const spanContext = trace.setSpan(parent, span);
    traces.set(request, { span, context: spanContext });
    context.with(spanContext, done);
  });

  app.addHook('preValidation', (request, _reply, done) => {
    const entry = traces.get(request);
    if (entry) context.with(entry.context, done);
    else done();
  });

  app.addHook('onError', (request, _reply, error, done) => {
    const entry = traces.get(request);
    if (entry) entry.error = error;
    done();
  });

  const finish = (request: FastifyRequest, statusCode: number | undefined): void => {
    const entry = traces.get(request);
    if (!entry) return;
    traces.delete(request);
    const { span } = entry;
    if (request.principal) span.setAttribute('switchboard.tenant_id', request.principal.tenantId);
    if (statusCode === undefined) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'request aborted by the client' });
    } else {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, statusCode);
      // A 4xx is the caller's mistake, not this server's: only 5xx mark the span failed.
      if (statusCode >= 500) {
        if (entry.error === undefined) span.setStatus({ code: SpanStatusCode.ERROR });
        else recordFailure(span, entry.error);
      }
    }
    span.end();
  };

  app.addHook('onResponse', (request, reply, done) => {
    finish(request, reply.statusCode);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    finish(request, undefined);
    done();
  });
}
