import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ChevronDown, LogOut, MonitorX, ShieldCheck } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useState } from 'react';
import { api, session, unwrap } from '@/api/client';
import { ConfirmDialog } from '@/kit/Dialog';
import { formatNumber } from '@/kit/format';
import { roleLabel } from '@/kit/roles';
import { useMe } from '@/kit/session';
import { toast } from '@/kit/toast';

export function initialsOf(name: string): string {
  const words = name.replace(/@.*$/, '').split(/[\s._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? '?') + (words[1]?.[0] ?? '')).toUpperCase();
}

export function UserMenu() {
  const me = useMe();
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const signOut = useMutation({ mutationFn: () => session.signOut() });
  const name = me?.user?.displayName ?? me?.user?.email ?? me?.actor ?? '';
  const roles = me?.user?.roles ?? [];

  const signOutEverywhere = async () => {
    const { revoked } = await unwrap(api.POST('/api/v1/auth/logout-everywhere'));
    session.end('signedOut');
    toast.success('Signed out everywhere', `${formatNumber(revoked)} ${revoked === 1 ? 'session was' : 'sessions were'} ended.`);
  };

  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className="user-trigger" aria-label={`Account menu for ${name}`}>
          <span className="avatar" aria-hidden="true">
            {initialsOf(name)}
          </span>
          <span className="user-trigger__text">
            <span className="user-trigger__name">{name}</span>
            <span className="user-trigger__role">{roles.map(roleLabel).join(', ')}</span>
          </span>
          <ChevronDown aria-hidden="true" className="user-trigger__chevron" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
            <DropdownMenu.Label className="menu__label">
              <span className="user-trigger__name">{me?.user?.email}</span>
              <span className="subtle">Signed in to {session.current()?.tenant}</span>
            </DropdownMenu.Label>
            <DropdownMenu.Separator className="menu__separator" />
            <DropdownMenu.Item asChild className="menu__item">
              <Link to="/account">
                <ShieldCheck aria-hidden="true" />
                Account and security
              </Link>
            </DropdownMenu.Item>
            <DropdownMenu.Separator className="menu__separator" />
            <DropdownMenu.Item className="menu__item" onSelect={() => signOut.mutate()}>
              <LogOut aria-hidden="true" />
              Sign out
            </DropdownMenu.Item>
            <DropdownMenu.Item className="menu__item menu__item--danger" onSelect={() => setConfirmEverywhere(true)}>
              <MonitorX aria-hidden="true" />
              Sign out everywhere…
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <ConfirmDialog
        open={confirmEverywhere}
        onOpenChange={setConfirmEverywhere}
        title="Sign out everywhere?"
        description="Every session of your account ends: this browser, other browsers and devices. Each needs your password again."
        confirmLabel="Sign out everywhere"
        onConfirm={signOutEverywhere}
      />
    </>
  );
}
