import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { daysFromNow, dsr, renderPrivacyRoute } from '../privacy.testing';

const path = '/api/v1/privacy/requests/dsr_01jf00000000000000000001';

describe('data-subject request', () => {
  it('shows the trail and what each module erased and kept, and why', async () => {
    signInAs(['privacy:requests']);
    stubApi({
      [`GET ${path}`]: [
        200,
        dsr({
          status: 'completed',
          verification: { method: 'id_document', verifiedAt: daysFromNow(-20) },
          completedAt: daysFromNow(-19),
          result: {
            exportExpiresAt: null,
            rectificationPath: null,
            modules: [
              { module: 'calls', erased: 12, kept: [] },
              {
                module: 'orders',
                erased: 3,
                kept: [{ what: 'invoice amounts and tax lines', count: 3, reason: 'tax law: 10 years' }],
              },
            ],
          },
          trail: [
            {
              at: daysFromNow(-25),
              step: 'received',
              actor: 'user:usr_ann',
              module: null,
              outcome: 'ok',
              details: { kind: 'erasure', channel: 'email' },
            },
            {
              at: daysFromNow(-20),
              step: 'verified',
              actor: 'user:usr_ann',
              module: null,
              outcome: 'ok',
              details: { method: 'id_document', note: 'Passport seen' },
            },
            {
              at: daysFromNow(-19),
              step: 'shredded',
              actor: 'system:privacy',
              module: null,
              outcome: 'ok',
              details: { identifiers: 2, keysDestroyed: 2 },
            },
            {
              at: daysFromNow(-19),
              step: 'erased',
              actor: 'system:privacy',
              module: 'orders',
              outcome: 'ok',
              details: {
                erased: 3,
                kept: [{ what: 'invoice amounts and tax lines', count: 3, reason: 'tax law: 10 years' }],
              },
            },
            {
              at: daysFromNow(-19),
              step: 'completed',
              actor: 'system:privacy',
              module: null,
              outcome: 'ok',
              details: { modules: 2 },
            },
          ],
        }),
      ],
    });
    await renderPrivacyRoute('/privacy/requests/dsr_01jf00000000000000000001');
    const result = await screen.findByRole('region', { name: 'What each module did' });
    const rows = within(result).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('calls');
    expect(rows[1]?.textContent).toContain('12');
    expect(rows[2]?.textContent).toContain('invoice amounts and tax lines (3): tax law: 10 years');
    const trail = screen.getByRole('list', { name: 'Every step of this request, oldest first' });
    const steps = within(trail)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === trail);
    expect(steps.map((li) => li.querySelector('.badge')?.textContent)).toEqual([
      'Received',
      'Identity verified',
      'Subject keys destroyed',
      'Module erased',
      'Completed',
    ]);
    expect(steps[1]?.textContent).toContain('Passport seen');
    expect(steps[2]?.textContent).toContain('by Switchboard');
    // closed: no actions, the deadline is not counted
    expect(screen.queryByRole('button', { name: 'Process' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  }, 60_000);

  it('verifies, then processes after asking', async () => {
    signInAs(['privacy:requests']);
    let request = dsr();
    const calls: { path: string; body: unknown }[] = [];
    stubApi({
      [`GET ${path}`]: () => [200, request],
      [`POST ${path}/verify`]: async (r) => {
        calls.push({ path: 'verify', body: await r.json() });
        request = dsr({
          status: 'in_progress',
          verification: { method: 'phone_callback', verifiedAt: daysFromNow(0) },
        });
        return [200, request];
      },
      [`POST ${path}/process`]: () => {
        calls.push({ path: 'process', body: null });
        request = dsr({
          status: 'completed',
          completedAt: daysFromNow(0),
          verification: request.verification,
        });
        return [200, request];
      },
    });
    await renderPrivacyRoute('/privacy/requests/dsr_01jf00000000000000000001');
    expect(await screen.findByText('Due in 5 days')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Process' })).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Verify identity' }));
    const dialog = await screen.findByRole('dialog', { name: 'Verify the person’s identity' });
    await user.selectOptions(
      within(dialog).getByLabelText('How was the identity verified?'),
      'phone_callback',
    );
    await user.type(within(dialog).getByLabelText(/Note/), 'Called back on +44…123');
    await user.click(within(dialog).getByRole('button', { name: 'Verify identity' }));
    await user.click(await screen.findByRole('button', { name: 'Process' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Process this request?' });
    expect(confirm.textContent).toContain('This cannot be undone.');
    await user.click(within(confirm).getByRole('button', { name: 'Process' }));
    await waitFor(() =>
      expect(calls).toEqual([
        { path: 'verify', body: { method: 'phone_callback', note: 'Called back on +44…123' } },
        { path: 'process', body: null },
      ]),
    );
  }, 60_000);

  it('rejects and extends with a reason, shown in the server’s words when refused', async () => {
    signInAs(['privacy:requests']);
    stubApi({
      [`GET ${path}`]: [200, dsr()],
      [`POST ${path}/extend`]: [
        409,
        { status: 409, code: 'PRIVACY_ALREADY_EXTENDED', detail: 'The deadline was already extended once.' },
      ],
    });
    await renderPrivacyRoute('/privacy/requests/dsr_01jf00000000000000000001');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Extend deadline' }));
    const dialog = await screen.findByRole('dialog', { name: 'Extend the deadline by two months' });
    await user.click(within(dialog).getByRole('button', { name: 'Extend deadline' }));
    expect(await within(dialog).findByText('Give a reason: the person is told it.')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Reason'), 'Twelve years of call recordings to review.');
    await user.click(within(dialog).getByRole('button', { name: 'Extend deadline' }));
    expect(await within(dialog).findByText('The deadline was already extended once.')).toBeTruthy();
  }, 60_000);

  it('offers the export of a completed access request as a signed link', async () => {
    signInAs(['privacy:requests']);
    stubApi({
      [`GET ${path}`]: [
        200,
        dsr({
          kind: 'access',
          status: 'completed',
          completedAt: daysFromNow(-1),
          result: { modules: [], exportExpiresAt: daysFromNow(6), rectificationPath: null },
        }),
      ],
      [`GET ${path}/download`]: [
        200,
        { url: 'https://objects.example/export.zip?sig=abc', expiresAt: daysFromNow(6) },
      ],
    });
    await renderPrivacyRoute('/privacy/requests/dsr_01jf00000000000000000001');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Download the export' }));
    const link = await screen.findByRole('link', { name: /Download link — expires/ });
    expect(link.getAttribute('href')).toBe('https://objects.example/export.zip?sig=abc');
  }, 60_000);
});
