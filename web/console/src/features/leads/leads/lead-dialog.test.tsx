import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { lead, leadDetail, list, renderLeadsRoute } from '../leads.testing';

const leadId = lead().id;
const listRoutes = {
  'GET /api/v1/campaigns/lists': [200, { lists: [list()] }] as [number, unknown],
  'GET /api/v1/campaigns/leads': [200, { leads: [lead()], nextCursor: null }] as [number, unknown],
  [`GET /api/v1/campaigns/leads/${leadId}`]: [200, leadDetail()] as [number, unknown],
};

/** The page first (an open dialog hides the page's heading the render waits for), then the address another page links to. */
async function openFromAddress(href: string) {
  const { router } = await renderLeadsRoute('/outbound/leads');
  router.history.push(href);
}

describe('lead dialog', () => {
  it('opens the lead named in the address, and offers no status change without leads:write', async () => {
    signInAs(['leads:read']);
    stubApi(listRoutes);
    await openFromAddress(`/outbound/leads?leadId=${leadId}`);
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('Ann Lee')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Change status' })).toBeNull();
    await userEvent
      .setup()
      .click(within(dialog).getAllByRole('button', { name: 'Close' }).at(-1) as HTMLElement);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  }, 20_000);

  it('ignores an address that names no lead', async () => {
    signInAs(['leads:read']);
    stubApi(listRoutes);
    await openFromAddress('/outbound/leads?leadId=%3Cscript%3E');
    expect(await screen.findByText('+13055550123')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  }, 20_000);

  it('changes the status with a note, shows the new history, and puts a refusal on the status field', async () => {
    signInAs(['leads:read', 'leads:write']);
    const sent: unknown[] = [];
    stubApi({
      ...listRoutes,
      [`POST /api/v1/campaigns/leads/${leadId}/status`]: async (request) => {
        const body = (await request.json()) as { status: string; note?: string };
        sent.push(body);
        if (body.status === 'converted')
          return [
            409,
            {
              code: 'CAMPAIGNS_STATUS_CHANGE_REFUSED',
              status: 409,
              detail: "body.status: a lead that is 'callback' cannot become 'converted'.",
              errors: [{ field: 'body.status', message: "a 'callback' lead can become: new, do_not_call" }],
            },
          ];
        return [
          200,
          leadDetail({
            status: 'callback',
            statusHistory: [
              ...leadDetail().statusHistory,
              {
                at: '2026-12-03T10:00:00.000Z',
                from: 'new',
                to: 'callback',
                actor: 'user:usr_1',
                reason: 'asked for Monday',
              },
            ],
          }),
        ];
      },
    });
    await openFromAddress(`/outbound/leads?leadId=${leadId}`);
    const dialog = await screen.findByRole('dialog');
    const user = userEvent.setup();

    // Nothing picked: said on the field, nothing sent.
    await user.click(await within(dialog).findByRole('button', { name: 'Change status' }));
    expect(await within(dialog).findByText('Pick the status the lead should have.')).toBeTruthy();
    expect(sent).toHaveLength(0);

    await user.selectOptions(within(dialog).getByLabelText('New status'), 'Call back');
    await user.type(within(dialog).getByLabelText(/Note/), 'asked for Monday');
    await user.click(within(dialog).getByRole('button', { name: 'Change status' }));
    const history = await within(dialog).findByRole('table', { name: 'Status changes, oldest first' });
    expect(await within(history).findByText('asked for Monday')).toBeTruthy();
    expect(sent[0]).toEqual({ status: 'callback', note: 'asked for Monday' });

    // The server refuses: its words on the status field.
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'Converted');
    await user.click(within(dialog).getByRole('button', { name: 'Change status' }));
    const field = within(dialog).getByLabelText('New status');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText("A 'callback' lead can become: new, do_not_call.")).toBeTruthy();
    expect(sent[1]).toEqual({ status: 'converted' });
  }, 20_000);
  it('offers no change to a lead that is “do not call”: that status is final', async () => {
    signInAs(['leads:read', 'leads:write']);
    stubApi({
      ...listRoutes,
      [`GET /api/v1/campaigns/leads/${leadId}`]: [200, leadDetail({ status: 'do_not_call' })],
    });
    await openFromAddress(`/outbound/leads?leadId=${leadId}`);
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('The lead is “do not call”: that status is final.')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Change status' })).toBeNull();
  }, 20_000);
});
