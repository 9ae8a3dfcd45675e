import { context, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import { activeSpan, inChildSpan, isTracingEnabled, recordFailure, tracer } from '../telemetry/index.js';
import type { ObjectHead, ObjectStore } from './object-store.types.js';

/**
 * A span per object-store call (`objects put`, `objects get`, ...) with the backend and the key:
 * keys are built from ids (tenant, source, call, dates), never from personal data. Like database
 * spans they join the active trace and never start one. `get` covers opening the object, not
 * reading its stream; `list` covers the whole iteration. With tracing off the store is returned
 * as it was.
 */
export function withTracing(store: ObjectStore): ObjectStore {
  if (!isTracingEnabled()) return store;
  const attributes = (operation: string, extra: Attributes = {}): Attributes => ({
    'switchboard.objects.backend': store.kind,
    'switchboard.objects.operation': operation,
    ...extra,
  });
  const options = (operation: string, extra?: Attributes) => ({
    kind: SpanKind.CLIENT,
    attributes: attributes(operation, extra),
  });
  return {
    kind: store.kind,
    put: (key, body, putOptions) =>
      inChildSpan('objects put', options('put', { 'switchboard.objects.key': key }), async (span) => {
        const result = await store.put(key, body, putOptions);
        span?.setAttributes({
          'switchboard.objects.size': result.size,
          'switchboard.objects.created': result.created,
        });
        return result;
      }),
    putMany: (items) =>
      inChildSpan(
        'objects put_many',
        options('put_many', { 'switchboard.objects.count': items.length }),
        () => store.putMany(items),
      ),
    get: (key) =>
      inChildSpan('objects get', options('get', { 'switchboard.objects.key': key }), async (span) => {
        const result = await store.get(key);
        span?.setAttribute('switchboard.objects.size', result.size);
        return result;
      }),
    head: (key) =>
      inChildSpan('objects head', options('head', { 'switchboard.objects.key': key }), async (span) => {
        const result = await store.head(key);
        span?.setAttribute('switchboard.objects.found', result !== undefined);
        return result;
      }),
    list: (prefix) => tracedList(store, prefix, attributes('list', { 'switchboard.objects.prefix': prefix })),
    delete: (key, deleteOptions) =>
      inChildSpan('objects delete', options('delete', { 'switchboard.objects.key': key }), async (span) => {
        const result = await store.delete(key, deleteOptions);
        span?.setAttribute('switchboard.objects.deleted', result.deleted);
        return result;
      }),
    signedUrl: (key, signOptions) => store.signedUrl(key, signOptions),
    close: () => store.close(),
  };
}

/** The iteration's pages are fetched inside the span, which ends when the caller stops iterating. */
async function* tracedList(
  store: ObjectStore,
  prefix: string,
  attributes: Attributes,
): AsyncIterable<ObjectHead> {
  const parent = context.active();
  if (!activeSpan()) {
    yield* store.list(prefix);
    return;
  }
  const span = tracer().startSpan('objects list', { kind: SpanKind.CLIENT, attributes }, parent);
  const inSpan = trace.setSpan(parent, span);
  const iterator = store.list(prefix)[Symbol.asyncIterator]();
  let count = 0;
  try {
    for (;;) {
      const next = await context.with(inSpan, () => iterator.next());
      if (next.done) break;
      count += 1;
      yield next.value;
    }
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.setAttribute('switchboard.objects.count', count);
    span.end();
    // A caller that stopped early (break) leaves the inner iteration open: close it.
    await iterator.return?.();
  }
}
