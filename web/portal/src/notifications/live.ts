import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEventStream } from '@/kit/event-stream';
import { toast } from '@/kit/toast';
import { notificationsApi, notificationsStreamPath } from '@portal/api/portal-api';

export const unreadQuery = { queryKey: ['notifications', 'unread'], queryFn: notificationsApi.unreadCount };

/**
 * Follows the client's notification stream (SSE over fetch with the bearer token, see
 * kit/event-stream.ts) while signed in: each notification refreshes the lists it may change
 * (notifications, and orders, whose status it usually announces) and is shown as a toast. A
 * reconnection refetches, so nothing missed while the connection was down stays missing.
 */
export function useLiveNotifications(enabled: boolean): void {
  const queries = useQueryClient();
  useEventStream(
    notificationsStreamPath,
    {
      onEvent: (event) => {
        let title: string | undefined;
        try {
          const data = JSON.parse(event.data) as { title?: unknown };
          title = typeof data.title === 'string' ? data.title : undefined;
        } catch {
          title = undefined;
        }
        void queries.invalidateQueries({ queryKey: ['notifications'] });
        void queries.invalidateQueries({ queryKey: ['orders'] });
        if (title) toast.info(title);
      },
      onOpen: (reconnected) => {
        if (reconnected) void queries.invalidateQueries({ queryKey: ['notifications'] });
      },
    },
    enabled,
  );
}

export function useUnreadCount(): number {
  return useQuery({ ...unreadQuery, retry: false }).data?.count ?? 0;
}
