import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRouter, RouterProvider } from '@tanstack/react-router';
import { configure, render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { queryClient } from '@/kit/query';
import { consoleRoute, rootRoute } from '@/kit/routing';
import { Toaster } from '@/kit/toast';
import { callsRoutes } from './routes';

// Pages load lazily and the whole suite shares two cores: give findBy… more than a second.
configure({ asyncUtilTimeout: 4_000 });

/** Test-only: the calls pages under a memory router, as the console mounts them (gated, lazily loaded). */
export async function renderCallsRoute(path: string) {
  // The simulated DOM lays nothing out: give scroll boxes a height, or a virtual list shows no rows.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
  const router = createRouter({
    routeTree: rootRoute.addChildren([consoleRoute.addChildren([...callsRoutes])]),
    history: createMemoryHistory({ initialEntries: [path] }),
  });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>,
  );
  // The page's code loads lazily, as in the console: the first load in a test run takes a moment.
  await screen.findByRole('heading', { level: 1 }, { timeout: 5_000 });
  return { router, ...view };
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
