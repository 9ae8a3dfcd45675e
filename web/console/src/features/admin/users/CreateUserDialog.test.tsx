import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithData, signInAs, stubApi } from '@/test/render';
import { CreateUserDialog } from './CreateUserDialog';

describe('add-user form', () => {
  it('checks the e-mail address and password length before sending anything', async () => {
    signInAs(['users:read', 'users:write']);
    const fetch = stubApi({});
    renderWithData(<CreateUserDialog open onOpenChange={vi.fn()} />);
    const events = userEvent.setup();

    await events.type(screen.getByLabelText(/Initial password/), 'short');
    await events.click(screen.getByRole('button', { name: 'Add user' }));

    expect(screen.getByText('Enter their e-mail address.')).toBeTruthy();
    expect(screen.getByText(/Use at least 12 characters/)).toBeTruthy();
    expect(screen.getByLabelText('E-mail address').getAttribute('aria-invalid')).toBe('true');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal under the field it concerns, and keeps what was typed', async () => {
    signInAs(['users:read', 'users:write']);
    const fetch = stubApi({
      'POST /api/v1/users': [
        409,
        {
          code: 'IDENTITY_EMAIL_TAKEN',
          status: 409,
          detail: 'A user with this e-mail address already exists.',
          errors: [{ field: 'email', message: 'is already taken' }],
        },
      ],
    });
    const onOpenChange = vi.fn();
    renderWithData(<CreateUserDialog open onOpenChange={onOpenChange} />);
    const events = userEvent.setup();

    await events.type(screen.getByLabelText('E-mail address'), 'bo@example.test');
    await events.click(screen.getByRole('checkbox', { name: /Supervisor/ }));
    await events.click(screen.getByRole('button', { name: 'Add user' }));

    expect(await screen.findByText('Is already taken.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('E-mail address').value).toBe('bo@example.test');
    expect(onOpenChange).not.toHaveBeenCalled();
    const [request] = fetch.mock.calls[0] ?? [];
    const sent: unknown = await request?.json();
    expect(sent).toMatchObject({
      email: 'bo@example.test',
      kind: 'employee',
      roles: ['agent', 'supervisor'],
    });
  });
});
