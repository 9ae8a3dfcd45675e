import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderFeatureRoute } from '@/kit/route-testing';
import { signInAs, stubApi } from '@/test/render';
import { analysisRoutes } from '../routes';

const summary = (overrides: Record<string, unknown> = {}) => ({
  id: 'scorecard_01',
  kind: 'scorecard',
  name: 'Billing QA',
  latestVersion: 3,
  activeVersion: 2,
  activatedBy: 'usr_ann',
  activatedAt: '2026-11-30T09:00:00.000Z',
  createdBy: 'usr_ann',
  createdAt: '2026-11-29T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  ...overrides,
});

describe('scorecards list', () => {
  it('lists each scorecard with its active and latest version, and offers a new one to an editor', async () => {
    signInAs(['analysis:read', 'analysis:configure']);
    stubApi({
      'GET /api/v1/conversations/scorecards': [
        200,
        {
          items: [
            summary(),
            summary({ id: 'scorecard_02', name: 'Sales QA', latestVersion: 1, activeVersion: null }),
          ],
        },
      ],
    });
    const { router } = await renderFeatureRoute(analysisRoutes, '/conversations/scorecards');
    const billing = (await screen.findByRole('link', { name: 'Billing QA' })).closest('tr')!;
    expect(within(billing).getByText('Version 2')).toBeTruthy();
    expect(within(billing).getByText('Version 3')).toBeTruthy();
    const sales = screen.getByRole('link', { name: 'Sales QA' }).closest('tr')!;
    expect(within(sales).getByText('None active')).toBeTruthy();

    await userEvent.setup().click(screen.getByRole('button', { name: 'New scorecard' }));
    expect(router.state.location.pathname).toBe('/conversations/scorecards/new');
  });

  it('offers no new scorecard to a reader', async () => {
    signInAs(['analysis:read']);
    stubApi({ 'GET /api/v1/conversations/scorecards': [200, { items: [summary()] }] });
    await renderFeatureRoute(analysisRoutes, '/conversations/scorecards');
    expect(await screen.findByRole('link', { name: 'Billing QA' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New scorecard' })).toBeNull();
  });
});
