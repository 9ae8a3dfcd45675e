import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { User } from '@/api/types';
import { renderWithData, signInAs, stubApi } from '@/test/render';
import { UsersPage } from './users.page';

const user = (overrides: Partial<User>): User => ({
  id: 'usr_x',
  email: 'x@example.test',
  displayName: null,
  kind: 'employee',
  roles: ['agent'],
  status: 'active',
  mfaEnabled: false,
  lockedUntil: null,
  createdAt: '2026-02-01T08:30:00.000Z',
  ...overrides,
});

const people = [
  user({ id: 'usr_ann', email: 'ann@example.test', displayName: 'Ann Admin', roles: ['admin'] }),
  user({ id: 'usr_bo', email: 'bo@example.test', roles: ['viewer'] }),
];

describe('users page', () => {
  it('offers a reader without users:write nothing to change: no add button, no row actions', async () => {
    signInAs(['tenant:read', 'users:read']);
    stubApi({ 'GET /api/v1/users': [200, { items: people }] });
    renderWithData(<UsersPage />);

    expect(await screen.findByText('bo@example.test')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add user' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Actions for/ })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
  });

  it('offers an administrator adding users, changing roles, and disabling anyone but themselves', async () => {
    signInAs(['tenant:read', 'users:read', 'users:write']);
    stubApi({ 'GET /api/v1/users': [200, { items: people }] });
    renderWithData(<UsersPage />);

    expect(await screen.findByRole('button', { name: 'Add user' })).toBeTruthy();
    const events = userEvent.setup();
    await events.click(await screen.findByRole('button', { name: 'Actions for bo@example.test' }));
    const menu = await screen.findByRole('menu');
    expect(within(menu).getByRole('menuitem', { name: /Change roles/ })).toBeTruthy();
    expect(within(menu).getByRole('menuitem', { name: /Disable/ })).toBeTruthy();
    await events.keyboard('{Escape}');

    await events.click(screen.getByRole('button', { name: 'Actions for ann@example.test' }));
    const own = await screen.findByRole('menu');
    expect(within(own).queryByRole('menuitem', { name: /Disable/ })).toBeNull();
  });

  it('shows what went wrong, and a way to retry, when the list cannot be loaded', async () => {
    signInAs(['users:read']);
    stubApi({
      'GET /api/v1/users': [
        503,
        { code: 'UNAVAILABLE', status: 503, detail: 'The database is not answering.' },
      ],
    });
    renderWithData(<UsersPage />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The database is not answering.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
