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

export function AccountPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const signOut = useMutation({ mutationFn: () => session.signOut() });
  const user = me?.user;

  const signOutEverywhere = async () => {
    const { revoked } = await unwrap(api.POST('/api/v1/auth/logout-everywhere'));
    session.end('signedOut');
    toast.success('Signed out everywhere', `${formatNumber(revoked)} ${revoked === 1 ? 'session was' : 'sessions were'} ended.`);
  };

  return (
    <div className="stack">
      <PageHeader title="Account and security" description="Your profile in this organisation, how you sign in, and where you are signed in." />
      <Panel title="Profile" labelledBy="profile-heading">
        {user ? (
          <dl className="kv">
            <dt>E-mail address</dt>
            <dd>{user.email}</dd>
            <dt>Name</dt>
            <dd>{user.displayName ?? <span className="subtle">Not set</span>}</dd>
            <dt>Roles</dt>
            <dd className="cluster">
              {user.roles.map((role) => (
                <Badge key={role} tone="brand">
                  {roleLabel(role)}
                </Badge>
              ))}
            </dd>
            <dt>Organisation</dt>
            <dd className="mono">{session.current()?.tenant}</dd>
            <dt>Member since</dt>
            <dd>
              <DateTime value={user.createdAt} />
            </dd>
          </dl>
        ) : (
          <LoadingBlock label="Loading your profile" />
        )}
      </Panel>
      <Panel
        title="Two-step verification"
        labelledBy="mfa-heading"
        description="A code from an authenticator app on your phone, asked for at each sign-in after your password."
        actions={user ? user.mfaEnabled ? <Badge tone="success" dot>On</Badge> : <Badge tone="warning" dot>Off</Badge> : null}
      >
        {user?.mfaEnabled ? (
          <p className="muted">Two-step verification is on: each sign-in asks for a code from your authenticator app.</p>
        ) : user ? (
          <TotpEnrolment
            onEnrolled={() => {
              toast.success('Two-step verification is on', 'From your next sign-in, Switchboard asks for a code.');
              void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
            }}
          />
        ) : null}
      </Panel>
      <Panel title="Sessions" labelledBy="sessions-heading" description="Signed in somewhere you no longer use, or lost a device? End every session of your account at once.">
        <div className="cluster">
          <Button icon={<LogOut aria-hidden="true" />} busy={signOut.isPending} onClick={() => signOut.mutate()}>
            Sign out
          </Button>
          <Button variant="danger-ghost" icon={<MonitorX aria-hidden="true" />} onClick={() => setConfirmEverywhere(true)}>
            Sign out everywhere…
          </Button>
        </div>
      </Panel>
      <ConfirmDialog
        open={confirmEverywhere}
        onOpenChange={setConfirmEverywhere}
        title="Sign out everywhere?"
        description="Every session of your account ends: this browser, other browsers and devices. Each needs your password again."
        confirmLabel="Sign out everywhere"
        onConfirm={signOutEverywhere}
      />
    </div>
  );
}
