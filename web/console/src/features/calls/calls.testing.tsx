import { renderFeatureRoute } from '@/kit/route-testing';
import { vi } from 'vitest';
import { callsRoutes } from './routes';

/** Test-only: the calls pages under a memory router, as the console mounts them. */
export function renderCallsRoute(path: string) {
  return renderFeatureRoute(callsRoutes, path);
}

/** A text/event-stream answer whose events the test sends when it wants. */
export function eventStream() {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(new TextEncoder().encode(': live calls\n\n'));
    },
  });
  return {
    response: () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    send: (text: string) => controller?.enqueue(new TextEncoder().encode(text)),
  };
}

/**
 * Wraps the fetch stub of `stubApi` so some paths answer with a Response of their own making
 * (streams, files); the rest go to the stub.
 */
export function withResponses(
  stub: (request: Request) => Promise<Response>,
  responses: Record<string, (request: Request) => Response>,
) {
  const fetch = vi.fn(async (request: Request) => {
    const own = responses[`${request.method} ${new URL(request.url).pathname}`];
    return own ? own(request) : stub(request);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
