import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { lead, list, renderLeadsRoute } from '../leads.testing';

describe('leads page', () => {
  it('hides the export from a role without leads:export', async () => {
    signInAs(['leads:read']);
    stubApi({
      'GET /api/v1/campaigns/lists': [200, { lists: [list()] }],
      'GET /api/v1/campaigns/leads': [200, { leads: [lead()], nextCursor: null }],
    });
    await renderLeadsRoute('/outbound/leads');
    expect(await screen.findByText('+13055550123')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull();
  });

  it('offers the export with leads:export, and filters by list and status', async () => {
    signInAs(['leads:read', 'leads:export']);
    const asked: string[] = [];
    stubApi({
      'GET /api/v1/campaigns/lists': [200, { lists: [list()] }],
      'GET /api/v1/campaigns/leads': (request) => {
        asked.push(new URL(request.url).search);
        return [200, { leads: [lead()], nextCursor: null }];
      },
    });
    await renderLeadsRoute('/outbound/leads');
    expect(await screen.findByRole('button', { name: 'Export CSV' })).toBeTruthy();
    const events = userEvent.setup();
    await events.selectOptions(await screen.findByLabelText('List'), 'Florida spring');
    await events.selectOptions(screen.getByLabelText('Status'), 'Call back');
    await events.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(asked.at(-1)).toContain(`listId=${list().id}`));
    expect(asked.at(-1)).toContain('status=callback');
  });
});
