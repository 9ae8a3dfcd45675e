import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useEventStream } from '@/kit/event-stream';
import { toast } from '@/kit/toast';
import { notificationsApi, notificationsStreamPath, type PortalNotification } from '@portal/api/portal-api';

export const unreadQuery = { queryKey: ['notifications', 'unread'], queryFn: notificationsApi.unreadCount };

/** The event's data: the notification as the list gives it; undefined when it is not one. */
export function notificationOf(data: string): PortalNotification | undefined {
  try {
    const value = JSON.parse(data) as Partial<PortalNotification> | null;
    return value && typeof value.id === 'string' && typeof value.title === 'string'
      ? (value as PortalNotification)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Follows the client's notification stream (SSE over fetch with the bearer token, see
 * kit/event-stream.ts) while signed in: each notification refreshes the lists it may change
 * (notifications, and orders, whose status it usually announces) and is shown as a toast. The
 * stream resumes with `Last-Event-ID` (the newest notification seen), so the server replays what
 * arrived while the connection was down; each (re)connection also refetches the lists.
 */
export function useLiveNotifications(enabled: boolean): void {
  const queries = useQueryClient();
  const lastSeen = useRef<string | undefined>(undefined);
  useEventStream(
    notificationsStreamPath,
    {
      onEvent: (event) => {
        if (event.event !== 'notification') return;
        if (event.id) lastSeen.current = event.id;
        const notification = notificationOf(event.data);
        void queries.invalidateQueries({ queryKey: ['notifications'] });
        void queries.invalidateQueries({ queryKey: ['orders'] });
        if (notification) toast.info(notification.title);
      },
      // The stream carries what arrives after it opened: what the lists fetched before may have
      // missed one in between, so they are fetched again on every open, the first included.
      onOpen: () => {
        void queries.invalidateQueries({ queryKey: ['notifications'] });
      },
      lastEventId: () => lastSeen.current,
    },
    enabled,
  );
}

export function useUnreadCount(): number {
  return useQuery({ ...unreadQuery, retry: false }).data?.count ?? 0;
}
