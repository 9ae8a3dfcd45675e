import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { Bell, CheckCheck } from 'lucide-react';
import { useMemo } from 'react';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { labelIn } from '@/kit/labels';
import { notificationKeys, notificationsApi } from '../notifications.api';
import { notificationsMessages } from '../notifications.messages';
import '../notifications.css';

const route = getRouteApi('/console/notifications');
const pageSize = 30;

/** Every notification of the signed-in user, or only the unread ones; mark read one by one or all. */
export function NotificationsPage() {
  const m = useMessages(notificationsMessages);
  const c = m.centre;
  const { show } = route.useSearch();
  const navigate = route.useNavigate();
  const router = useRouter();
  const queryClient = useQueryClient();
  const canConfigure = useCan('notifications:configure');
  const unread = show === 'unread';
  const list = useInfiniteQuery({
    queryKey: notificationKeys.list(unread),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      notificationsApi.list(
        { limit: pageSize, ...(unread ? { unread: true } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const readOne = useMutation({
    mutationFn: (id: string) => notificationsApi.markRead(id),
    onSettled: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => notificationsApi.markAllRead(),
    onSuccess: () => toast.success(c.allRead),
    onSettled: refresh,
  });

  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={c.title}
        description={c.description}
        actions={
          <div className="cluster">
            <Link to="/notifications/preferences" className="btn btn--secondary">
              {c.preferences}
            </Link>
            {canConfigure ? (
              <Link to="/notifications/templates" className="btn btn--secondary">
                {c.templates}
              </Link>
            ) : null}
          </div>
        }
      />
      <Panel flush>
        <div className="notifications-toolbar">
          <div className="cluster" role="group" aria-label={c.show}>
            <Button
              size="sm"
              variant={unread ? 'ghost' : 'secondary'}
              aria-pressed={!unread}
              onClick={() => void navigate({ search: {} })}
            >
              {c.all}
            </Button>
            <Button
              size="sm"
              variant={unread ? 'secondary' : 'ghost'}
              aria-pressed={unread}
              onClick={() => void navigate({ search: { show: 'unread' } })}
            >
              {c.unread}
            </Button>
          </div>
          <Button
            size="sm"
            icon={<CheckCheck aria-hidden="true" />}
            busy={readAll.isPending}
            onClick={() => readAll.mutate()}
          >
            {c.markAllRead}
          </Button>
        </div>
        {list.isPending ? (
          <div className="panel__body">
            <LoadingBlock label={c.loading} />
          </div>
        ) : list.isError ? (
          <div className="panel__body">
            <ErrorState title={c.failed} error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState icon={<Bell />} title={unread ? c.emptyUnread : c.empty}>
            {c.emptyText}
          </EmptyState>
        ) : (
          <ul className="notifications-list" aria-label={c.title}>
            {items.map((n) => (
              <li
                key={n.id}
                className={
                  n.readAt === null
                    ? 'notifications-list__item notifications-list__item--unread'
                    : 'notifications-list__item'
                }
              >
                <div className="notifications-list__text">
                  <span className="notification__title">
                    {n.readAt === null ? <Badge tone="brand">{c.unread}</Badge> : null}{' '}
                    <strong>{n.title}</strong>
                  </span>
                  {n.body ? <span className="notification__body">{n.body}</span> : null}
                  <span className="subtle">
                    {labelIn(m.types, n.type) ?? n.type} · <DateTime value={n.createdAt} relative />
                  </span>
                </div>
                <div className="cluster">
                  {n.link ? (
                    <Button
                      size="sm"
                      onClick={() => {
                        if (n.readAt === null) readOne.mutate(n.id);
                        void router.navigate({ href: n.link ?? '/' });
                      }}
                    >
                      {c.open}
                    </Button>
                  ) : null}
                  {n.readAt === null ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={c.markReadLabel(n.title)}
                      onClick={() => readOne.mutate(n.id)}
                    >
                      {c.markRead}
                    </Button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        {list.hasNextPage ? (
          <div className="panel__footer">
            <Button busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {c.loadMore}
            </Button>
          </div>
        ) : null}
      </Panel>
    </div>
  );
}
