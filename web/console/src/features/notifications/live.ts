import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useState } from 'react';
import { session } from '@/api/client';
import { useEventStream } from '@/kit/event-stream';
import {
  notificationKeys,
  notificationOf,
  notificationStreamPath,
  unreadCountOf,
  type AppNotification,
  type Page,
} from './notifications.api';

// The last event this tab saw: a remounted bell resumes there. Signing out forgets it (the next
// user has a stream of their own).
let lastEventId: string | undefined;
session.subscribe(() => {
  if (session.current()?.kind !== 'signedIn') lastEventId = undefined;
});

/** Adds a notification at the head of a cached list, once. */
function prepend(list: readonly AppNotification[] | undefined, n: AppNotification): AppNotification[] {
  return [n, ...(list ?? []).filter((x) => x.id !== n.id)];
}

/**
 * Follows the signed-in user's notification stream (SSE, resumed with Last-Event-ID) and keeps the
 * cached unread count, the bell's latest list and the centre up to date. Answers the title of the
 * latest arrival, for a polite live announcement.
 */
export function useLiveNotifications(enabled: boolean): string | undefined {
  const queryClient = useQueryClient();
  const [arrived, setArrived] = useState<string>();
  useEventStream(
    notificationStreamPath,
    {
      lastEventId: () => lastEventId,
      onOpen: () => {
        // The stream sends what arrives after it opened (or, resumed, after the last event seen).
        // What the bell fetched before that may have missed one that came in between: count and
        // list again from the moment the stream stands on, the first time and after every gap.
        void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      },
      onEvent: (event) => {
        if (event.id !== undefined) lastEventId = event.id;
        const count = unreadCountOf(event.event, event.data);
        if (count !== undefined) {
          queryClient.setQueryData(notificationKeys.unreadCount, count);
          return;
        }
        const n = notificationOf(event.data);
        if (!n) return;
        const seen = queryClient
          .getQueryData<readonly AppNotification[]>(notificationKeys.latest)
          ?.some((x) => x.id === n.id);
        if (!seen && n.readAt === null) {
          // At once for the eye, then the server's count: a refetch that raced this event and
          // already counted it is corrected rather than counted twice.
          queryClient.setQueryData<number>(notificationKeys.unreadCount, (c) => (c ?? 0) + 1);
          void queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount, exact: true });
        }
        queryClient.setQueryData<readonly AppNotification[]>(notificationKeys.latest, (list) =>
          prepend(list, n).slice(0, latestSize),
        );
        for (const unread of [false, true])
          queryClient.setQueryData<InfiniteData<Page<AppNotification>>>(
            notificationKeys.list(unread),
            (data) =>
              data
                ? {
                    ...data,
                    pages: data.pages.map((page, i) =>
                      i === 0 ? { ...page, items: prepend(page.items, n) } : page,
                    ),
                  }
                : data,
          );
        setArrived(n.title);
      },
    },
    enabled,
  );
  return arrived;
}

/** How many the bell's dropdown shows. */
export const latestSize = 8;
