import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import type { Consent } from '../leads.api';
import { renderLeadsRoute } from '../leads.testing';

const consent = (overrides: Partial<Consent> = {}): Consent => ({
  id: 'cons_01hq00000000000000000001',
  phone: '+13055550123',
  purpose: 'marketing',
  channel: 'ai_voice',
  source: 'web_form',
  status: 'in_force',
  givenAt: '2026-11-01T10:00:00.000Z',
  expiresAt: null,
  textShown: 'I agree to calls from Acme, including with an AI voice.',
  request: null,
  requestObjectKey: null,
  createdAt: '2026-11-01T10:00:01.000Z',
  createdBy: 'usr_ann',
  withdrawnAt: null,
  withdrawnBy: null,
  withdrawnHow: null,
  ...overrides,
});

describe('consent page', () => {
  it('finds a number’s records and withdraws one, saying how', async () => {
    signInAs(['leads:read', 'leads:write']);
    let records = [consent()];
    const withdrawals: unknown[] = [];
    stubApi({
      'GET /api/v1/campaigns/consents': (request) =>
        new URL(request.url).searchParams.get('phone') === '+13055550123'
          ? [200, { consents: records }]
          : [200, { consents: [] }],
      [`POST /api/v1/campaigns/consents/${consent().id}/withdraw`]: async (request) => {
        withdrawals.push(await request.json());
        records = [
          consent({ status: 'withdrawn', withdrawnAt: '2026-12-01T00:00:00.000Z', withdrawnHow: 'sms_stop' }),
        ];
        return [200, records[0]];
      },
    });
    await renderLeadsRoute('/outbound/consent');
    const events = userEvent.setup();
    fireEvent.change(screen.getByLabelText('Number'), { target: { value: '+13055550123' } });
    await events.click(screen.getByRole('button', { name: 'Look up' }));
    expect(await screen.findByText('AI voice call')).toBeTruthy();
    expect(screen.getByText('In force')).toBeTruthy();

    await events.click(screen.getByRole('button', { name: 'Withdraw' }));
    const dialog = await screen.findByRole('dialog');
    await events.selectOptions(within(dialog).getByLabelText('How it was withdrawn'), 'SMS STOP');
    await events.click(within(dialog).getByRole('button', { name: 'Withdraw consent' }));
    expect(await screen.findByText('(SMS STOP)')).toBeTruthy();
    expect(withdrawals).toEqual([{ how: 'sms_stop' }]);
  }, 15_000);
});
