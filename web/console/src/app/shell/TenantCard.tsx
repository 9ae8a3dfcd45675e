import { useQuery } from '@tanstack/react-query';
import { api, session, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { useCan, useSession } from '@/kit/session';
import { appMessages } from '../app.messages';

/** Which organisation this console is signed in to. */
export function TenantCard() {
  const m = useMessages(appMessages).shell;
  const canRead = useCan('tenant:read');
  const current = useSession();
  const tenant = useQuery({
    queryKey: ['tenant'],
    queryFn: () => unwrap(api.GET('/api/v1/tenant')),
    enabled: canRead,
  });
  const slug = current?.tenant ?? session.current()?.tenant ?? '';
  const name = tenant.data?.name ?? slug;
  return (
    <div className="tenant-card" role="group" aria-label={m.organisation}>
      <span className="tenant-card__initial" aria-hidden="true">
        {name.slice(0, 1).toUpperCase()}
      </span>
      <span className="tenant-card__text sidebar__label">
        <span className="tenant-card__name">
          {tenant.isPending && canRead ? <span className="skeleton skeleton--dark" /> : name}
        </span>
        <span className="tenant-card__slug">{slug}</span>
      </span>
    </div>
  );
}
