import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useRouter } from '@tanstack/react-router';
import { Bell, CheckCheck } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { useCan } from '@/kit/session';
import { latestSize, useLiveNotifications } from '../live';
import { notificationKeys, notificationsApi, type AppNotification } from '../notifications.api';
import { notificationsMessages } from '../notifications.messages';
import '../notifications.css';

/**
 * The bell in the top bar: the unread count, live over the notification stream, and a dropdown of
 * the latest. Choosing one marks it read and opens what it is about.
 */
export function NotificationBell() {
  const canRead = useCan('notifications:read');
  return canRead ? <LiveBell /> : null;
}

function LiveBell() {
  const m = useMessages(notificationsMessages).bell;
  const queryClient = useQueryClient();
  const router = useRouter();
  const arrived = useLiveNotifications(true);
  const count = useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: ({ signal }) => notificationsApi.unreadCount(signal),
    staleTime: 60_000,
  });
  const latest = useQuery({
    queryKey: notificationKeys.latest,
    queryFn: ({ signal }) => notificationsApi.list({ limit: latestSize }, signal).then((page) => page.items),
    staleTime: 60_000,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const readOne = useMutation({
    mutationFn: (id: string) => notificationsApi.markRead(id),
    onSettled: refresh,
  });
  const readAll = useMutation({ mutationFn: () => notificationsApi.markAllRead(), onSettled: refresh });
  const unread = count.data ?? 0;

  const open = (n: AppNotification) => {
    if (n.readAt === null) readOne.mutate(n.id);
    if (n.link) void router.navigate({ href: n.link });
  };

  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className="bell" aria-label={m.label(unread)} title={m.label(unread)}>
          <Bell aria-hidden="true" />
          {unread > 0 ? (
            <span className="bell__count" aria-hidden="true" data-testid="bell-count">
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu bell-menu" align="end" sideOffset={6} aria-label={m.latest}>
            <DropdownMenu.Label className="menu__label">
              <strong>{m.latest}</strong>
            </DropdownMenu.Label>
            <DropdownMenu.Separator className="menu__separator" />
            <div className="bell-menu__list">
              {latest.isError ? (
                <p className="menu__label subtle">{m.failed}</p>
              ) : (latest.data ?? []).length === 0 ? (
                <p className="menu__label subtle">{m.empty}</p>
              ) : (
                (latest.data ?? []).map((n) => (
                  <DropdownMenu.Item
                    key={n.id}
                    className={
                      n.readAt === null
                        ? 'menu__item bell-menu__item bell-menu__item--unread'
                        : 'menu__item bell-menu__item'
                    }
                    onSelect={() => open(n)}
                  >
                    <span className="notification__title">
                      {n.readAt === null ? <span className="visually-hidden">{m.unread}: </span> : null}
                      {n.title}
                    </span>
                    {n.body ? <span className="notification__body">{n.body}</span> : null}
                    <span className="subtle">
                      <DateTime value={n.createdAt} relative />
                    </span>
                  </DropdownMenu.Item>
                ))
              )}
            </div>
            <DropdownMenu.Separator className="menu__separator" />
            <div className="bell-menu__footer">
              <DropdownMenu.Item asChild>
                <Link to="/notifications" className="btn btn--ghost btn--sm">
                  {m.all}
                </Link>
              </DropdownMenu.Item>
              {unread > 0 ? (
                <DropdownMenu.Item asChild onSelect={() => readAll.mutate()}>
                  <Button size="sm" variant="ghost" icon={<CheckCheck aria-hidden="true" />}>
                    {m.markAllRead}
                  </Button>
                </DropdownMenu.Item>
              ) : null}
            </div>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <span className="visually-hidden" role="status" aria-live="polite">
        {arrived ? m.arrived(arrived) : ''}
      </span>
    </>
  );
}
