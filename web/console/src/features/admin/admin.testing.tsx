import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRouter, RouterProvider } from '@tanstack/react-router';
import { configure, render, screen } from '@testing-library/react';
import { queryClient } from '@/kit/query';
import { consoleRoute, rootRoute } from '@/kit/routing';
import { Toaster } from '@/kit/toast';
import { adminRoutes } from './routes';

// Pages load lazily and the whole suite shares two cores: give findBy… more than a second.
configure({ asyncUtilTimeout: 4_000 });

/** Test-only: the administration pages under a memory router, as the console mounts them (gated, lazily loaded). */
export async function renderAdminRoute(path: string) {
  const router = createRouter({
    routeTree: rootRoute.addChildren([consoleRoute.addChildren([...adminRoutes])]),
    history: createMemoryHistory({ initialEntries: [path] }),
  });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>,
  );
  await screen.findByRole('heading', { level: 1 }, { timeout: 5_000 });
  return { router, ...view };
}
