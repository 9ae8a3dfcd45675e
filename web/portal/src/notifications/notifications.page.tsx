import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check } from 'lucide-react';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button, IconButton } from '@/kit/Button';
import { formatDateTime } from '@/kit/format';
import { PageHeader } from '@/kit/Page';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { messageOf } from '@/api/problem';
import { notificationsApi } from '@portal/api/portal-api';
import { notificationsMessages } from './notifications.messages';

/** The client's notifications; the shell's live stream refreshes this list as they arrive. */
export function NotificationsPage() {
  const m = useMessages(notificationsMessages);
  const queries = useQueryClient();
  const list = useQuery({ queryKey: ['notifications', 'list'], queryFn: notificationsApi.list });
  const refresh = () => queries.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({
    mutationFn: notificationsApi.read,
    onSuccess: refresh,
    onError: (e) => toast.error(messageOf(e)),
  });
  const readAll = useMutation({
    mutationFn: notificationsApi.readAll,
    onSuccess: refresh,
    onError: (e) => toast.error(messageOf(e)),
  });
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={m.title}
        description={m.live}
        actions={
          items.some((n) => !n.readAt) ? (
            <Button size="sm" busy={readAll.isPending} onClick={() => readAll.mutate()}>
              {m.readAll}
            </Button>
          ) : undefined
        }
      />
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={m.emptyTitle}>
          <p>{m.emptyText}</p>
        </EmptyState>
      ) : (
        <ul className="notification-list" aria-live="polite">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? 'notification' : 'notification is-unread'}>
              <div>
                <p className="notification__title">
                  {n.title} {n.readAt ? null : <Badge tone="brand">{m.unread}</Badge>}
                </p>
                <p>{n.body}</p>
                <p className="muted">{formatDateTime(n.createdAt)}</p>
              </div>
              {n.readAt ? null : (
                <IconButton label={m.markRead(n.title)} onClick={() => read.mutate(n.id)}>
                  <Check aria-hidden="true" />
                </IconButton>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
