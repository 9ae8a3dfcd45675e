import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import type { LeadList } from '../leads.api';
import { list, renderLeadsRoute } from '../leads.testing';

describe('lead lists page', () => {
  it('shows lists with their lead counts and puts the server’s refusal on the field it names', async () => {
    signInAs(['leads:read', 'leads:write']);
    let lists: LeadList[] = [list()];
    const sent: unknown[] = [];
    stubApi({
      'GET /api/v1/campaigns/lists': () => [200, { lists }],
      'POST /api/v1/campaigns/lists': async (request) => {
        const body = (await request.json()) as { name: string; defaultRegion: string | null };
        sent.push(body);
        if (body.name === 'Florida spring')
          return [
            409,
            {
              code: 'CAMPAIGNS_LIST_EXISTS',
              status: 409,
              detail: 'A list with this name exists.',
              errors: [{ field: 'body.name', message: 'is taken by another list' }],
            },
          ];
        lists = [...lists, list({ id: 'list_2', name: body.name, leadCount: 0 })];
        return [201, lists[1]];
      },
    });
    await renderLeadsRoute('/outbound/lists');
    expect(await screen.findByText('Florida spring')).toBeTruthy();
    expect(screen.getByText('1,204')).toBeTruthy();

    const events = userEvent.setup();
    await events.click(screen.getByRole('button', { name: 'New list' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Florida spring' } });
    await events.click(within(dialog).getByRole('button', { name: 'Make list' }));
    expect(await within(dialog).findByText('Is taken by another list.')).toBeTruthy();
    expect(within(dialog).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Texas autumn' } });
    await events.click(within(dialog).getByRole('button', { name: 'Make list' }));
    expect(await screen.findByRole('cell', { name: /Texas autumn/ })).toBeTruthy();
    expect(sent[1]).toEqual({ name: 'Texas autumn', description: null, defaultRegion: null });
  }, 15_000);

  it('offers no changes to a role that may only read', async () => {
    signInAs(['leads:read']);
    stubApi({ 'GET /api/v1/campaigns/lists': [200, { lists: [list()] }] });
    await renderLeadsRoute('/outbound/lists');
    expect(await screen.findByText('Florida spring')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New list' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull();
  });
});
