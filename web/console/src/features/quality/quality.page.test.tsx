import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '@/i18n';
import { signInAs, stubApi } from '@/test/render';
import { aliceKey, dashboardAnswer, renderQualityRoute, scorecardAnswer } from './quality.testing';

const tenant = {
  id: 'ten_1',
  name: 'Acme',
  slug: 'acme',
  timeZone: 'Asia/Kathmandu',
  mfaRequiredForAdmins: false,
  createdAt: '2026-01-01T00:00:00Z',
};

// 11:45 on 10 March 2026 in Kathmandu (+05:45): "yesterday" is 9 March of its calendar.
const now = Date.parse('2026-03-10T06:00:00Z');

describe('quality dashboard', () => {
  beforeEach(() => {
    vi.spyOn(Date, 'now').mockReturnValue(now);
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const chart = this.classList.contains('recharts-responsive-container');
      return DOMRect.fromRect({ x: 0, y: 0, width: chart ? 800 : 120, height: chart ? 240 : 16 });
    });
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it("asks for the preset range of the tenant's calendar and shows figures, charts and tables that lead to the calls", async () => {
    signInAs(['analysis:read', 'recordings:read', 'tenant:read']);
    const asked: Record<string, string>[] = [];
    stubApi({
      'GET /api/v1/tenant': [200, tenant],
      'GET /api/v1/conversations/dashboard': (request) => {
        asked.push(Object.fromEntries(new URL(request.url).searchParams));
        return [200, dashboardAnswer];
      },
    });
    const { container, router } = await renderQualityRoute(
      '/quality?range=yesterday&interval=day&queue=sales',
    );
    const agents = await screen.findByRole('table', { name: 'By agent' });
    expect(asked).toContainEqual({
      from: '2026-03-08T18:15:00.000Z',
      to: '2026-03-09T18:15:00.000Z',
      interval: 'day',
      queue: 'sales',
    });
    expect(screen.getByText('76.7', { selector: 'dd' })).toBeTruthy();
    const alice = within(agents).getByRole('link', { name: 'Alice Example' });
    expect(alice.getAttribute('href')).toContain(`/quality/agents/${aliceKey}`);
    const calls = within(agents).getByRole('link', { name: 'Calls of Alice Example' });
    const href = new URL(calls.getAttribute('href') ?? '', 'http://x');
    expect(href.pathname).toBe('/recordings');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      agent: 'A-1',
      queue: 'sales',
      from: '2026-03-08T18:15:00.000Z',
      to: '2026-03-09T18:15:00.000Z',
    });
    expect(within(agents).getByText('No agent')).toBeTruthy();
    const silence = screen.getByRole('table', { name: 'Long silences' });
    expect(within(silence).getByText('45 s')).toBeTruthy();
    expect(within(silence).getByRole('link').getAttribute('href')).toBe(
      '/recordings/rec_01jf0000000000000000000009',
    );
    expect(screen.getByText(/above the 95th percentile \(41\.3 s\) or at least 30 s/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download “By agent” as CSV' })).toBeTruthy();
    await waitFor(() =>
      expect(
        container.querySelectorAll('[data-testid=chart-qa] .recharts-bar-rectangle').length,
      ).toBeGreaterThan(0),
    );
    expect(container.querySelector('[data-testid=chart-sentiment] .recharts-line')).toBeTruthy();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Team'), 'red');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ team: 'red', queue: 'sales' }));
    await waitFor(() => expect(asked.at(-1)).toMatchObject({ team: 'red' }));
  }, 20_000);

  it('downloads a table as CSV with the same query', async () => {
    signInAs(['analysis:read', 'tenant:read']);
    const exported: Record<string, string>[] = [];
    // The browser would save the file: here the link is neither followed nor the blob kept.
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:quality');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockReturnValue(undefined);
    stubApi({
      'GET /api/v1/tenant': [200, tenant],
      'GET /api/v1/conversations/dashboard': [200, dashboardAnswer],
      'GET /api/v1/conversations/dashboard/export': (request) => {
        exported.push(Object.fromEntries(new URL(request.url).searchParams));
        return [200, 'agent,calls\r\n'];
      },
    });
    await renderQualityRoute('/quality?range=yesterday&interval=day');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Download “Long silences” as CSV' }));
    await waitFor(() =>
      expect(exported).toEqual([
        {
          from: '2026-03-08T18:15:00.000Z',
          to: '2026-03-09T18:15:00.000Z',
          interval: 'day',
          table: 'silence',
        },
      ]),
    );
    await waitFor(() => expect(clicked).toHaveBeenCalledTimes(1));
  }, 15_000);

  it("shows an agent's scorecard: pass rate per rule and the lowest-scored calls", async () => {
    signInAs(['analysis:read', 'tenant:read']);
    const asked: string[] = [];
    stubApi({
      'GET /api/v1/tenant': [200, tenant],
      [`GET /api/v1/conversations/agents/${aliceKey}/scorecard`]: (request) => {
        asked.push(new URL(request.url).pathname);
        return [200, scorecardAnswer];
      },
    });
    await renderQualityRoute(`/quality/agents/${aliceKey}?range=yesterday&interval=day`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Scorecard: Alice Example' })).toBeTruthy();
    const rules = screen.getByRole('table', { name: 'Pass rate per rule' });
    const rows = within(rules).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Disclosure'),
      expect.stringContaining('Greeting'),
    ]);
    expect(within(rules).getByText('50 %')).toBeTruthy();
    const worst = screen.getByRole('table', { name: 'Lowest-scored calls' });
    expect(within(worst).getByRole('link').getAttribute('href')).toBe(
      '/recordings/rec_01jf0000000000000000000009',
    );
    expect(asked).toEqual([`/api/v1/conversations/agents/${aliceKey}/scorecard`]);
  }, 15_000);

  it('speaks German when the reader does', async () => {
    setLocale('de');
    try {
      signInAs(['analysis:read', 'tenant:read']);
      stubApi({
        'GET /api/v1/tenant': [200, tenant],
        'GET /api/v1/conversations/dashboard': [200, dashboardAnswer],
      });
      await renderQualityRoute('/quality?range=yesterday');
      expect(await screen.findByRole('heading', { level: 1, name: 'Qualität' })).toBeTruthy();
      expect(await screen.findByRole('table', { name: 'Nach Agent' })).toBeTruthy();
      expect(screen.getByRole('link', { name: 'Gespräche von Alice Example' })).toBeTruthy();
    } finally {
      setLocale('en');
    }
  }, 15_000);
});
