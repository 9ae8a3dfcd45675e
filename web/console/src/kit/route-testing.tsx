import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRouter, RouterProvider, type AnyRoute } from '@tanstack/react-router';
import { configure, render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { queryClient } from '@/kit/query';
import { consoleRoute, rootRoute } from '@/kit/routing';
import { Toaster } from '@/kit/toast';

// Pages load lazily and the whole suite shares two cores: give findBy… more than a second.
configure({ asyncUtilTimeout: 4_000 });

/** Test-only: a feature's pages under a memory router, as the console mounts them (gated, lazily loaded). */
export async function renderFeatureRoute(routes: readonly AnyRoute[], path: string) {
  // The simulated DOM lays nothing out: give scroll boxes a height, or a virtual list shows no rows.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
  const router = createRouter({
    routeTree: rootRoute.addChildren([consoleRoute.addChildren([...routes])]),
    history: createMemoryHistory({ initialEntries: [path] }),
  });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>,
  );
  // The page's code loads lazily, as in the console: the first load in a test run takes a moment.
  // (hidden: a page may open with a dialog over it, which hides the page from the accessibility tree.)
  await screen.findByRole('heading', { level: 1, hidden: true }, { timeout: 5_000 });
  return { router, ...view };
}
