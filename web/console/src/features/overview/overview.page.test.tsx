import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRouter, RouterProvider } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { queryClient } from '@/kit/query';
import { consoleRoute, rootRoute } from '@/kit/routing';
import { signInAs, stubApi } from '@/test/render';
import { adminRoutes } from '../admin/routes';
import { callsRoutes } from '../calls/routes';
import { overviewRoutes } from './routes';

async function renderHome() {
  const router = createRouter({
    routeTree: rootRoute.addChildren([
      consoleRoute.addChildren([...overviewRoutes, ...callsRoutes, ...adminRoutes]),
    ]),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  await screen.findByRole('heading', { level: 1 }, { timeout: 5_000 });
  return router;
}

describe('home: needs attention', () => {
  it('says why payloads and dead letters wait, each reason a link to the list filtered by it', async () => {
    signInAs(['quarantine:manage', 'bus:admin']);
    stubApi({
      'GET /api/v1/calls/quarantine/summary': [
        200,
        {
          total: 9,
          categories: [
            { category: 'unreadable_time', count: 7 },
            { category: 'missing_field', count: 2 },
          ],
        },
      ],
      'GET /api/v1/bus/dead-letters/summary': [
        200,
        { total: 1, categories: [{ category: 'db_unavailable', count: 1 }] },
      ],
    });
    const router = await renderHome();
    expect(await screen.findByText('9 payloads in quarantine', {}, { timeout: 4_000 })).toBeTruthy();
    const reasons = screen.getByRole('list', { name: '9 payloads in quarantine, by reason' });
    const time = within(reasons).getByRole('link', { name: 'A date or time could not be read: 7' });
    expect(time.getAttribute('href')).toBe('/calls/quarantine?status=open&category=unreadable_time');
    expect(screen.getByText('1 dead letter waiting')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'The database was unavailable: 1' }).getAttribute('href')).toBe(
      '/admin/dead-letters?status=waiting&category=db_unavailable',
    );

    await userEvent.setup().click(time);
    await waitFor(() =>
      expect(router.state.location.search).toEqual({ status: 'open', category: 'unreadable_time' }),
    );
  }, 15_000);

  it('says all is clear when nothing waits', async () => {
    signInAs(['quarantine:manage', 'bus:admin']);
    stubApi({
      'GET /api/v1/calls/quarantine/summary': [200, { total: 0, categories: [] }],
      'GET /api/v1/bus/dead-letters/summary': [200, { total: 0, categories: [] }],
    });
    await renderHome();
    expect(await screen.findByText('Nothing needs attention', {}, { timeout: 4_000 })).toBeTruthy();
  });
});
