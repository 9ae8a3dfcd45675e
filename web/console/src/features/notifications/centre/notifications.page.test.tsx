import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { notification, renderNotificationsRoute } from '../notifications.testing';

describe('notification centre', () => {
  it('lists all or only unread, marks one read and all read', async () => {
    signInAs(['notifications:read']);
    const asked: string[] = [];
    const posted: string[] = [];
    stubApi({
      'GET /api/v1/notifications': (request) => {
        asked.push(new URL(request.url).search);
        const unread = new URL(request.url).searchParams.get('unread') === 'true';
        const all = [
          notification(),
          notification({
            id: 'ntf_0',
            title: 'Payment failed for SO-000100',
            readAt: '2026-11-01T10:00:00.000Z',
          }),
        ];
        return [200, { items: unread ? all.filter((n) => n.readAt === null) : all, nextCursor: null }];
      },
      'POST /api/v1/notifications/ntf_1/read': () => {
        posted.push('ntf_1');
        return [204, undefined];
      },
      'POST /api/v1/notifications/read-all': () => {
        posted.push('all');
        return [200, { updated: 1 }];
      },
    });
    const { router } = await renderNotificationsRoute('/notifications');
    const list = await screen.findByRole('list', { name: 'Notifications' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    const first = within(list).getAllByRole('listitem')[0];
    expect(first?.textContent).toContain('New order SO-000123');
    expect(first?.textContent).toContain('New order · 5 minutes ago');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unread' }));
    await waitFor(() => expect(router.state.location.search).toEqual({ show: 'unread' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Notifications' })).getAllByRole('listitem'),
      ).toHaveLength(1),
    );
    expect(asked).toContain('?limit=30&unread=true');

    await user.click(screen.getByRole('button', { name: 'Mark read: “New order SO-000123”' }));
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(posted).toEqual(['ntf_1', 'all']));
  }, 60_000);

  it('says so when nothing is unread', async () => {
    signInAs(['notifications:read']);
    stubApi({ 'GET /api/v1/notifications': [200, { items: [], nextCursor: null }] });
    await renderNotificationsRoute('/notifications?show=unread');
    expect(await screen.findByText('Nothing unread')).toBeTruthy();
    // templates are only offered to those who may configure them
    expect(screen.queryByRole('link', { name: 'Templates' })).toBeNull();
  }, 60_000);
});
