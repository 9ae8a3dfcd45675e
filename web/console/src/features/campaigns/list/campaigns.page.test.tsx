import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { campaign, renderCampaignsRoute } from '../campaigns.testing';

const running = campaign();
const draft = campaign({
  id: 'cmp_01jf0000000000000000000002',
  name: 'Spring survey',
  state: 'draft',
  startedAt: null,
  hopper: { pending: 0, inCall: 0, done: 0 },
});

describe('campaigns list', () => {
  it('lists campaigns with their state and hopper, and offers nothing to change to a reader', async () => {
    signInAs(['campaigns:read']);
    stubApi({ 'GET /api/v1/campaigns/campaigns': [200, { campaigns: [running, draft] }] });
    await renderCampaignsRoute('/campaigns');
    const table = await screen.findByRole('table');
    expect(await within(table).findByRole('link', { name: 'Winter renewals' })).toBeTruthy();
    expect(within(table).getByText('Running')).toBeTruthy();
    expect(within(table).getByText('Draft')).toBeTruthy();
    expect(within(table).getByText('40 waiting · 2 in call · 58 done', { exact: false })).toBeTruthy();
    expect(within(table).getByText('Not started')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Pause|Start|Cancel campaign/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New campaign' })).toBeNull();
  }, 20_000);

  it('cancels a campaign only after asking', async () => {
    signInAs(['campaigns:read', 'campaigns:write']);
    const cancelled: string[] = [];
    stubApi({
      'GET /api/v1/campaigns/campaigns': [200, { campaigns: [running] }],
      [`POST /api/v1/campaigns/campaigns/${running.id}/cancel`]: (request) => {
        cancelled.push(new URL(request.url).pathname);
        return [200, { ...running, state: 'cancelled' }];
      },
    });
    await renderCampaignsRoute('/campaigns');
    const user = userEvent.setup();
    expect(await screen.findByRole('button', { name: 'Pause: Winter renewals' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel campaign: Winter renewals' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByText('Cancel “Winter renewals”?')).toBeTruthy();
    expect(cancelled).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel campaign' }));
    await waitFor(() => expect(cancelled).toHaveLength(1));
  }, 20_000);
});
