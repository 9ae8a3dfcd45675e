import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithData, signInAs, stubApi } from '@/test/render';
import { SettingsPage } from './settings.page';

const tenant = {
  id: 'ten_1',
  slug: 'acme',
  name: 'Acme',
  timeZone: 'UTC',
  mfaRequiredForAdmins: false,
  createdAt: '2026-01-05T10:00:00.000Z',
};

describe('organisation settings form', () => {
  it('refuses a 300-character name on the field instead of cutting and saving it', async () => {
    signInAs(['tenant:read', 'settings:read', 'settings:write']);
    const fetch = stubApi({ 'GET /api/v1/tenant': [200, tenant] });
    renderWithData(<SettingsPage />);
    const name = await screen.findByLabelText<HTMLInputElement>('Organisation name');
    fireEvent.change(name, { target: { value: 'o'.repeat(300) } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save changes' }));

    expect(name.value).toHaveLength(300);
    expect(screen.getByText('Shorten it to 200 characters or fewer: it has 300.')).toBeTruthy();
    expect(document.activeElement).toBe(name);
    expect(fetch.mock.calls.map(([request]) => request.method)).toEqual(['GET']);
  });

  it('shows the server’s problem with the time zone under the time zone', async () => {
    signInAs(['tenant:read', 'settings:read', 'settings:write']);
    stubApi({
      'GET /api/v1/tenant': [200, tenant],
      'PATCH /api/v1/tenant': [
        400,
        {
          code: 'VALIDATION_FAILED',
          status: 400,
          detail: 'The request is not valid.',
          errors: [{ field: 'body.timeZone', message: 'is not a time zone this server knows' }],
        },
      ],
    });
    renderWithData(<SettingsPage />);
    // fireEvent: the list holds every IANA zone, which userEvent would walk one by one.
    fireEvent.change(await screen.findByLabelText('Time zone'), { target: { value: 'Europe/Berlin' } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Is not a time zone this server knows.')).toBeTruthy();
    expect(screen.getByLabelText('Time zone').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Time zone'));
  });
});
