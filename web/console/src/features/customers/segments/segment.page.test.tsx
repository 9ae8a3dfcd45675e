import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { customer, renderCustomersRoute } from '../customers.testing';

const segment = {
  id: 'seg_1',
  name: 'Recent big spenders',
  description: null,
  rules: { all: [{ fact: 'orders.lastOrderAt', op: 'within', value: 'P90D' }] },
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  version: 2,
};

describe('segment editor', () => {
  it('builds a rule tree, saves it and lists the members', async () => {
    signInAs(['customers:read', 'customers:write']);
    const sent: unknown[] = [];
    stubApi({
      'GET /api/v1/privacy/classification': [404, { status: 404 }],
      'GET /api/v1/customer-segments/seg_1': [200, segment],
      'GET /api/v1/customer-segments/seg_1/members': [200, { items: [customer()], nextCursor: null }],
      'PATCH /api/v1/customer-segments/seg_1': async (request) => {
        const body = (await request.json()) as object;
        sent.push(body);
        return [200, { ...segment, ...body, version: 3 }];
      },
    });
    await renderCustomersRoute('/customers/segments/seg_1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Recent big spenders' })).toBeTruthy();
    // the members, masked
    const members = await screen.findByRole('table', { name: 'Customers in this segment' });
    expect(await within(members).findByText('j•••@example.com')).toBeTruthy();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add condition' }));
    const second = screen.getByRole('group', { name: 'Field 2' });
    await user.selectOptions(within(second).getByLabelText('Field'), 'orders.total');
    await user.selectOptions(within(second).getByLabelText('Condition'), '>');
    await user.selectOptions(within(second).getByLabelText('Period'), 'P90D');
    await user.click(screen.getByRole('button', { name: 'Save segment' }));
    // a condition without a value is refused on the rules
    expect(await screen.findByText('Give every condition a value.')).toBeTruthy();
    expect(sent).toEqual([]);

    await user.type(within(second).getByLabelText('Value'), '500');
    await user.click(screen.getByRole('button', { name: 'Save segment' }));
    await waitFor(() =>
      expect(sent).toEqual([
        {
          name: 'Recent big spenders',
          description: null,
          rules: {
            all: [
              { fact: 'orders.lastOrderAt', op: 'within', value: 'P90D' },
              { fact: 'orders.total', since: 'P90D', op: '>', value: 500, currency: 'EUR' },
            ],
          },
        },
      ]),
    );
  }, 60_000);

  it('shows the server’s refusal of the rule on the rules', async () => {
    signInAs(['customers:read', 'customers:write']);
    stubApi({
      'POST /api/v1/customer-segments': [
        400,
        {
          status: 400,
          code: 'VALIDATION',
          detail: 'Invalid',
          errors: [{ field: 'body.rules.all.0.value', message: 'too big' }],
        },
      ],
    });
    await renderCustomersRoute('/customers/segments/new');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name'), 'Everyone');
    await user.type(screen.getByLabelText('Value'), '1');
    await user.click(screen.getByRole('button', { name: 'Create segment' }));
    expect(await screen.findByText('Too big.')).toBeTruthy();
  }, 60_000);
});
