import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/api/types';
import { setLocale } from '@/i18n';
import { signInAs, stubApi } from '@/test/render';
import { renderAdminRoute } from '../admin.testing';

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 'aud_1',
  seq: 41,
  action: 'auth.login.failed',
  actor: { type: 'user', id: 'usr_ada' },
  target: null,
  clientIp: '203.0.113.7',
  details: { reason: 'bad password' },
  occurredAt: '2026-02-01T08:30:00.000Z',
  requestId: 'req_1',
  ...overrides,
});

const tenant = {
  id: 'ten_1',
  name: 'Acme',
  slug: 'acme',
  timeZone: 'Pacific/Kiritimati',
  mfaRequiredForAdmins: false,
  createdAt: '2026-01-01T00:00:00Z',
};

describe('audit log', () => {
  it('lists entries in words with what to do, the details behind a disclosure, and filters by who, what and when', async () => {
    signInAs(['audit:read', 'users:read', 'tenant:read']);
    const asked: URLSearchParams[] = [];
    stubApi({
      'GET /api/v1/tenant': [200, tenant],
      'GET /api/v1/audit/verify': [200, { intact: true, entries: 41, firstBreak: null }],
      'GET /api/v1/users': [
        200,
        { items: [{ id: 'usr_ada', email: 'ada@example.com', displayName: 'Ada Lovelace' }] },
      ],
      'GET /api/v1/audit': (request) => {
        asked.push(new URL(request.url).searchParams);
        return [200, { items: [entry()], nextBefore: null }];
      },
    });
    const { router } = await renderAdminRoute('/admin/audit');
    const row = (await screen.findByText('Sign-in failed')).closest('tr') as HTMLElement;
    expect(within(row).getByText(/Several in a row from one address/)).toBeTruthy();
    expect(await within(row).findByText('Ada Lovelace')).toBeTruthy();
    expect(within(row).getByText('Details').tagName).toBe('SUMMARY');
    expect(
      within(row)
        .getByText(/bad password/)
        .closest('details')?.open,
    ).toBe(false);
    expect(screen.getByText('1 entry · no older ones')).toBeTruthy();

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Who'), 'usr_ada');
    await user.selectOptions(screen.getByLabelText('What'), 'auth.');
    await user.selectOptions(screen.getByLabelText('Period'), 'today');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(router.state.location.search).toEqual({ actor: 'usr_ada', action: 'auth.', range: 'today' }),
    );
    // The preset is a day of the tenant's zone (Kiritimati, UTC+14: days begin at 10:00 UTC).
    await waitFor(() => expect(asked.at(-1)?.get('from')).toMatch(/T10:00:00\.000Z$/));
    expect(asked.at(-1)?.get('actor')).toBe('usr_ada');
    expect(asked.at(-1)?.get('action')).toBe('auth.');
  }, 15_000);

  it('refuses a custom period that ends before it starts, on the field', async () => {
    signInAs(['audit:read']);
    const asked: string[] = [];
    stubApi({
      'GET /api/v1/audit/verify': [200, { intact: true, entries: 0, firstBreak: null }],
      'GET /api/v1/audit': (request) => {
        asked.push(new URL(request.url).search);
        return [200, { items: [], nextBefore: null }];
      },
    });
    const { router } = await renderAdminRoute('/admin/audit');
    expect(await screen.findByText('No entries match')).toBeTruthy();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Period'), 'custom');
    await user.type(screen.getByLabelText('From'), '2026-02-10');
    await user.type(screen.getByLabelText('To'), '2026-02-01');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('“From” must be before “to”.')).toBeTruthy();
    expect(router.state.location.search).toEqual({});
  }, 15_000);

  it('speaks German when the reader does', async () => {
    setLocale('de');
    try {
      signInAs(['audit:read']);
      stubApi({
        'GET /api/v1/audit/verify': [200, { intact: true, entries: 1, firstBreak: null }],
        'GET /api/v1/audit': [200, { items: [entry()], nextBefore: null }],
      });
      await renderAdminRoute('/admin/audit');
      expect(await screen.findByText('Anmeldung fehlgeschlagen')).toBeTruthy();
      expect(screen.getByLabelText('Wer')).toBeTruthy();
      expect(screen.getByText('Das Audit-Protokoll ist unversehrt')).toBeTruthy();
    } finally {
      setLocale('en');
    }
  });
});
