import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { campaign, campaignId, listId, renderCampaignsRoute } from '../campaigns.testing';

const describedText = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

const leadLists = {
  lists: [
    {
      id: listId,
      name: 'Renewals Q4',
      description: null,
      defaultRegion: 'US',
      leadCount: 1200,
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-01T09:00:00.000Z',
    },
    {
      id: 'list_01jf0000000000000000000002',
      name: 'Web sign-ups',
      description: null,
      defaultRegion: 'GB',
      leadCount: 300,
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-01T09:00:00.000Z',
    },
  ],
};

describe('campaign builder', () => {
  it('sends the settings, and puts the server’s field error on the field that shows it', async () => {
    signInAs(['campaigns:read', 'campaigns:write']);
    const sent: unknown[] = [];
    stubApi({
      'GET /api/v1/campaigns/lists': [200, leadLists],
      'POST /api/v1/campaigns/campaigns': async (request) => {
        sent.push(await request.json());
        return [
          400,
          {
            type: 'about:blank',
            title: 'Bad request',
            status: 400,
            code: 'VALIDATION_FAILED',
            detail: 'The request is not valid.',
            errors: [{ field: 'body.settings.callingWindow.endMinute', message: 'must end after it starts' }],
          },
        ];
      },
    });
    await renderCampaignsRoute('/campaigns/new');
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Name'), 'Winter renewals');
    await user.click(await screen.findByRole('button', { name: 'Add list' }));
    await user.click(await screen.findByRole('button', { name: 'Add list' }));
    const weights = screen.getAllByLabelText('Weight');
    await user.clear(weights[0] as HTMLElement);
    await user.type(weights[0] as HTMLElement, '3');
    // The mix as percentages of the hopper.
    expect(describedText(weights[0] as HTMLElement)).toContain('75');
    expect(describedText(weights[1] as HTMLElement)).toContain('25');
    await user.click(screen.getByRole('button', { name: 'Add US' }));
    await user.type(screen.getByLabelText('Regions allowed'), ' gb');
    // The AI-voice note is there while the switch is on (the default).
    expect(screen.getByText(/prior express consent/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create campaign' }));

    const to = screen.getByLabelText('Calling window to');
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(to)).toContain('Must end after it starts.');
    expect(screen.getByLabelText('Calling window from').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();

    expect(sent).toMatchObject([
      {
        name: 'Winter renewals',
        lists: [
          { listId, weight: 3 },
          { listId: 'list_01jf0000000000000000000002', weight: 1 },
        ],
        settings: {
          allowedRegions: ['US', 'GB'],
          callingWindow: { startMinute: 540, endMinute: 1200, days: [1, 2, 3, 4, 5] },
          maxAttemptsPerLead: 2,
          adapter: { name: 'simulator' },
          contextFields: ['firstName'],
        },
      },
    ]);
  }, 20_000);

  it('refuses to send a campaign without a name, a list or a region, saying so on each field', async () => {
    signInAs(['campaigns:read', 'campaigns:write']);
    const fetch = stubApi({ 'GET /api/v1/campaigns/lists': [200, leadLists] });
    await renderCampaignsRoute('/campaigns/new');
    await screen.findByRole('button', { name: 'Add list' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Create campaign' }));
    expect(describedText(screen.getByLabelText('Name'))).toContain('Name the campaign.');
    expect(describedText(screen.getByLabelText('Regions allowed'))).toContain('Name at least one region.');
    expect(screen.getByText('Pick at least one list.')).toBeTruthy();
    expect(fetch.mock.calls.some(([r]) => r.method === 'POST')).toBe(false);
  }, 20_000);

  it('edits a campaign: its settings fill the form and a save sends them back', async () => {
    signInAs(['campaigns:read', 'campaigns:write']);
    const sent: unknown[] = [];
    const existing = campaign({
      state: 'draft',
      settings: {
        ...campaign().settings,
        adapter: { name: 'retell', agentId: 'agent_123', from: '+14155550100' },
      },
    });
    stubApi({
      'GET /api/v1/campaigns/lists': [200, leadLists],
      [`GET /api/v1/campaigns/campaigns/${campaignId}`]: [200, existing],
      [`PATCH /api/v1/campaigns/campaigns/${campaignId}`]: async (request) => {
        sent.push(await request.json());
        return [200, existing];
      },
    });
    await renderCampaignsRoute(`/campaigns/${campaignId}/edit`);
    expect((await screen.findByLabelText<HTMLInputElement>('Name')).value).toBe('Winter renewals');
    expect(screen.getByLabelText<HTMLInputElement>('Agent id').value).toBe('agent_123');
    expect(screen.getByLabelText<HTMLInputElement>('From number').value).toBe('+14155550100');
    expect(screen.getByLabelText<HTMLInputElement>('Calling window to').value).toBe('20:00');
    const provider = screen.getByRole('region', { name: 'Provider' });
    expect(within(provider).getByText('Calls through a Retell agent from the number below.')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save campaign' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      settings: { adapter: { name: 'retell', agentId: 'agent_123', from: '+14155550100' } },
    });
  }, 20_000);
  it('edits the schedule and priority: stored instants fill the fields, bad ones are named on their field', async () => {
    signInAs(['campaigns:read', 'campaigns:write']);
    const sent: Record<string, unknown>[] = [];
    const existing = campaign({
      state: 'draft',
      startsAt: '2026-12-24T09:30:00.000Z',
      endsAt: null,
      priority: 5,
    });
    stubApi({
      'GET /api/v1/campaigns/lists': [200, leadLists],
      [`GET /api/v1/campaigns/campaigns/${campaignId}`]: [200, existing],
      [`PATCH /api/v1/campaigns/campaigns/${campaignId}`]: async (request) => {
        sent.push((await request.json()) as Record<string, unknown>);
        return [
          400,
          {
            status: 400,
            code: 'VALIDATION_FAILED',
            detail: 'body.endsAt: must be after body.startsAt',
            errors: [{ field: 'body.endsAt', message: 'must be after body.startsAt' }],
          },
        ];
      },
    });
    await renderCampaignsRoute(`/campaigns/${campaignId}/edit`);
    const starts = await screen.findByLabelText<HTMLInputElement>(/^Starts/);
    expect(new Date(starts.value).toISOString()).toBe('2026-12-24T09:30:00.000Z');
    const priority = screen.getByLabelText<HTMLInputElement>('Priority');
    expect(priority.value).toBe('5');
    const ends = screen.getByLabelText<HTMLInputElement>(/^Ends/);
    expect(ends.value).toBe('');
    const user = userEvent.setup();

    // Checked here first: an end before the start and a priority out of range, nothing sent.
    await user.type(ends, '2026-12-24T08:00');
    await user.clear(priority);
    await user.type(priority, '101');
    await user.click(screen.getByRole('button', { name: 'Save campaign' }));
    await waitFor(() => expect(ends.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(ends)).toContain('Must be after the start.');
    expect(describedText(priority)).toContain('Must be from -100 to 100.');
    expect(sent).toHaveLength(0);

    // Sent with the browser's offset; the server's refusal lands on its field.
    await user.clear(ends);
    await user.type(ends, '2026-12-31T18:00');
    await user.clear(priority);
    await user.type(priority, '-20');
    await user.click(screen.getByRole('button', { name: 'Save campaign' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ priority: -20 });
    expect(sent[0]?.endsAt).toMatch(/^2026-12-31T18:00:00[+-]\d{2}:\d{2}$/);
    expect(Date.parse(String(sent[0]?.endsAt))).toBe(new Date('2026-12-31T18:00').getTime());
    expect(Date.parse(String(sent[0]?.startsAt))).toBe(Date.parse('2026-12-24T09:30:00.000Z'));
    await waitFor(() => expect(describedText(ends)).toContain('Must be after body.startsAt.'));
  }, 20_000);
});
