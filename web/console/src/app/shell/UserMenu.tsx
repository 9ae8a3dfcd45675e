import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Check, ChevronDown, Languages, LogOut, MonitorX, ShieldCheck } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useState } from 'react';
import { api, session, unwrap } from '@/api/client';
import { localeNames, locales, messagesNow, setLocale, useLocale, useMessages, type Locale } from '@/i18n';
import { ConfirmDialog } from '@/kit/Dialog';
import { formatNumber } from '@/kit/format';
import { roleLabel } from '@/kit/roles';
import { useMe } from '@/kit/session';
import { toast } from '@/kit/toast';
import { appMessages } from '../app.messages';

export function initialsOf(name: string): string {
  const words = name
    .replace(/@.*$/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  return ((words[0]?.[0] ?? '?') + (words[1]?.[0] ?? '')).toUpperCase();
}

export function UserMenu() {
  const me = useMe();
  const m = useMessages(appMessages).userMenu;
  const locale = useLocale();
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const signOut = useMutation({ mutationFn: () => session.signOut() });
  const name = me?.user?.displayName ?? me?.user?.email ?? me?.actor ?? '';
  const roles = me?.user?.roles ?? [];

  const signOutEverywhere = async () => {
    const { revoked } = await unwrap(api.POST('/api/v1/auth/logout-everywhere'));
    session.end('signedOut');
    const now = messagesNow(appMessages).userMenu;
    toast.success(now.signedOutEverywhere, now.sessionsEnded(formatNumber(revoked), revoked === 1));
  };

  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger className="user-trigger">
          <span className="visually-hidden">{m.accountMenu}</span>
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
              <span className="subtle">{m.signedInTo(session.current()?.tenant ?? '')}</span>
            </DropdownMenu.Label>
            <DropdownMenu.Separator className="menu__separator" />
            <DropdownMenu.Item asChild className="menu__item">
              <Link to="/account">
                <ShieldCheck aria-hidden="true" />
                {m.account}
              </Link>
            </DropdownMenu.Item>
            <DropdownMenu.Separator className="menu__separator" />
            <DropdownMenu.Label className="menu__label menu__label--section">
              <Languages aria-hidden="true" />
              {m.language}
            </DropdownMenu.Label>
            <DropdownMenu.RadioGroup value={locale} onValueChange={(value) => setLocale(value as Locale)}>
              {locales.map((option) => (
                <DropdownMenu.RadioItem key={option} value={option} className="menu__item" lang={option}>
                  <DropdownMenu.ItemIndicator forceMount className="menu__indicator">
                    {option === locale ? <Check aria-hidden="true" /> : null}
                  </DropdownMenu.ItemIndicator>
                  {localeNames[option]}
                </DropdownMenu.RadioItem>
              ))}
            </DropdownMenu.RadioGroup>
            <DropdownMenu.Separator className="menu__separator" />
            <DropdownMenu.Item className="menu__item" onSelect={() => signOut.mutate()}>
              <LogOut aria-hidden="true" />
              {m.signOut}
            </DropdownMenu.Item>
            <DropdownMenu.Item
              className="menu__item menu__item--danger"
              onSelect={() => setConfirmEverywhere(true)}
            >
              <MonitorX aria-hidden="true" />
              {m.signOutEverywhere}
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <ConfirmDialog
        open={confirmEverywhere}
        onOpenChange={setConfirmEverywhere}
        title={m.confirmTitle}
        description={m.confirmText}
        confirmLabel={m.confirmAction}
        onConfirm={signOutEverywhere}
      />
    </>
  );
}
