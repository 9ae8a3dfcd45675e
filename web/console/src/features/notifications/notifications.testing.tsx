import { createRoute } from '@tanstack/react-router';
import { vi } from 'vitest';
import { renderFeatureRoute } from '@/kit/route-testing';
import { consoleRoute } from '@/kit/routing';
import { NotificationBell } from './bell/NotificationBell';
import type { AppNotification } from './notifications.api';
import { notificationsRoutes } from './routes';

/** Test-only: the notifications pages under a memory router, as the console mounts them. */
export function renderNotificationsRoute(path: string) {
  return renderFeatureRoute([...notificationsRoutes, bellRoute], path);
}

/** A page holding only the bell, as the top bar does. */
const bellRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'bell-test',
  component: function BellPage() {
    return (
      <>
        <h1>Top bar</h1>
        <NotificationBell />
      </>
    );
  },
});

export function notification(overrides: Partial<AppNotification> = {}): AppNotification {
  return {
    id: 'ntf_1',
    userId: 'usr_olivia',
    type: 'order.created',
    title: 'New order SO-000123',
    body: 'zoe@example.test ordered 3 items (€124.95).',
    // Five minutes and a quarter ago: pages read the time to the last half minute (useNow), so
    // exactly five minutes could show as 4.5 minutes, rounded to "4 minutes ago".
    createdAt: new Date(Date.now() - 5 * 60_000 - 15_000).toISOString(),
    readAt: null,
    ...overrides,
  };
}

/** A text/event-stream answer whose events the test sends when it wants. */
export function eventStream() {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(new TextEncoder().encode(': notifications\n\n'));
    },
  });
  return {
    response: () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    send: (text: string) => controller?.enqueue(new TextEncoder().encode(text)),
    close: () => controller?.close(),
  };
}

/** Wraps the fetch stub of `stubApi` so some paths answer with a Response of their own making (streams). */
export function withResponses(
  stub: (request: Request) => Promise<Response>,
  responses: Record<string, (request: Request) => Response | Promise<Response>>,
) {
  const fetch = vi.fn(async (request: Request) => {
    const own = responses[`${request.method} ${new URL(request.url).pathname}`];
    return own ? own(request) : stub(request);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
