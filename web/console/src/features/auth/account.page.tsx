import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LogOut, MonitorX } from 'lucide-react';
import { useState } from 'react';
import { api, session, unwrap } from '@/api/client';
import { Badge } from '@/kit/Badge';
import { roleLabel } from '@/kit/roles';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { ConfirmDialog } from '@/kit/Dialog';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { meQuery, useMe } from '@/kit/session';
import { LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { TotpEnrolment } from './TotpEnrolment';
import { messagesNow, useMessages } from '@/i18n';
import { authMessages } from './auth.messages';

export function AccountPage() {
  const me = useMe();
  const m = useMessages(authMessages).account;
  const queryClient = useQueryClient();
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const signOut = useMutation({ mutationFn: () => session.signOut() });
  const user = me?.user;

  const signOutEverywhere = async () => {
    const { revoked } = await unwrap(api.POST('/api/v1/auth/logout-everywhere'));
    session.end('signedOut');
    const now = messagesNow(authMessages).account;
    toast.success(now.signedOutEverywhere, now.sessionsEnded(formatNumber(revoked), revoked === 1));
  };

  return (
    <div className="stack">
      <PageHeader title={m.title} description={m.description} />
      <Panel title={m.profile} labelledBy="profile-heading">
        {user ? (
          <dl className="kv">
            <dt>{m.email}</dt>
            <dd>{user.email}</dd>
            <dt>{m.name}</dt>
            <dd>{user.displayName ?? <span className="subtle">{m.notSet}</span>}</dd>
            <dt>{m.roles}</dt>
            <dd className="cluster">
              {user.roles.map((role) => (
                <Badge key={role} tone="brand">
                  {roleLabel(role)}
                </Badge>
              ))}
            </dd>
            <dt>{m.organisation}</dt>
            <dd className="mono">{session.current()?.tenant}</dd>
            <dt>{m.memberSince}</dt>
            <dd>
              <DateTime value={user.createdAt} />
            </dd>
          </dl>
        ) : (
          <LoadingBlock label={m.loading} />
        )}
      </Panel>
      <Panel
        title={m.mfaTitle}
        labelledBy="mfa-heading"
        description={m.mfaDescription}
        actions={
          user ? (
            user.mfaEnabled ? (
              <Badge tone="success" dot>
                {m.on}
              </Badge>
            ) : (
              <Badge tone="warning" dot>
                {m.off}
              </Badge>
            )
          ) : null
        }
      >
        {user?.mfaEnabled ? (
          <p className="muted">{m.mfaIsOn}</p>
        ) : user ? (
          <TotpEnrolment
            onEnrolled={() => {
              toast.success(m.enrolledTitle, m.enrolledText);
              void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
            }}
          />
        ) : null}
      </Panel>
      <Panel title={m.sessions} labelledBy="sessions-heading" description={m.sessionsDescription}>
        <div className="cluster">
          <Button
            icon={<LogOut aria-hidden="true" />}
            busy={signOut.isPending}
            onClick={() => signOut.mutate()}
          >
            {m.signOut}
          </Button>
          <Button
            variant="danger-ghost"
            icon={<MonitorX aria-hidden="true" />}
            onClick={() => setConfirmEverywhere(true)}
          >
            {m.signOutEverywhere}
          </Button>
        </div>
      </Panel>
      <ConfirmDialog
        open={confirmEverywhere}
        onOpenChange={setConfirmEverywhere}
        title={m.confirmTitle}
        description={m.confirmText}
        confirmLabel={m.confirmAction}
        onConfirm={signOutEverywhere}
      />
    </div>
  );
}
