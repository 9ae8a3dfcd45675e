import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check } from 'lucide-react';
import { useEffect, useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button, IconButton } from '@/kit/Button';
import { Choice, ChoiceGroup, FormError, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { formatDateTime } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { messageOf } from '@/api/problem';
import {
  notificationsApi,
  type NotificationChannel,
  type NotificationPreferences,
} from '@portal/api/portal-api';
import { notificationsMessages } from './notifications.messages';

const channels: readonly NotificationChannel[] = ['in_app', 'email', 'sms'];
/** What the server assumes for a channel nobody chose (in-app and e-mail on, SMS off). */
const byDefault: Readonly<Record<NotificationChannel, boolean>> = { in_app: true, email: true, sms: false };

/**
 * How the client wants to hear about their orders: the `*` entry of the notification preferences
 * (every type; per-type entries another client set are kept as they are), and the SMS number.
 */
function PreferencesPanel() {
  const m = useMessages(notificationsMessages);
  const queries = useQueryClient();
  const preferences = useQuery({
    queryKey: ['notifications', 'preferences'],
    queryFn: notificationsApi.preferences,
    retry: false,
  });
  const form = useForm(['channels', 'phone']);
  const [chosen, setChosen] = useState(byDefault);
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!preferences.data) return;
    const all = preferences.data.channels['*'] ?? {};
    setChosen({
      in_app: all.in_app ?? byDefault.in_app,
      email: all.email ?? byDefault.email,
      sms: all.sms ?? byDefault.sms,
    });
    setPhone(preferences.data.phone ?? '');
  }, [preferences.data]);
  const save = async (event: SyntheticEvent, current: NotificationPreferences) => {
    event.preventDefault();
    if (chosen.sms && !phone.trim()) return form.show({ phone: m.phoneNeeded });
    setBusy(true);
    try {
      const saved = await notificationsApi.savePreferences({
        ...current,
        channels: { ...current.channels, '*': chosen },
        phone: phone.replace(/[\s()-]/g, '') || null,
      });
      queries.setQueryData(['notifications', 'preferences'], saved);
      toast.success(m.saved);
    } catch (error) {
      form.refuse(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title={m.preferences} labelledBy="notification-preferences">
      {preferences.isPending ? (
        <LoadingBlock />
      ) : preferences.isError ? (
        <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <form
          id={form.id}
          className="stack"
          aria-label={m.preferences}
          onSubmit={(e) => void save(e, preferences.data)}
          noValidate
        >
          <FormError message={form.formError} />
          <ChoiceGroup legend={m.tellMeBy} error={form.errors.channels}>
            {channels.map((c) => (
              <Choice
                key={c}
                title={m.channel[c]}
                checked={chosen[c]}
                onChange={(e) => {
                  setChosen((v) => ({ ...v, [c]: e.target.checked }));
                  form.clear('channels');
                }}
              />
            ))}
          </ChoiceGroup>
          <TextField
            label={m.smsNumber}
            hint={m.smsNumberHint}
            optional={!chosen.sms}
            type="tel"
            autoComplete="tel"
            value={phone}
            error={form.errors.phone}
            onChange={(e) => {
              setPhone(e.target.value);
              form.clear('phone');
            }}
          />
          <div>
            <Button type="submit" busy={busy}>
              {m.save}
            </Button>
          </div>
        </form>
      )}
    </Panel>
  );
}

/** The client's notifications; the shell's live stream refreshes this list as they arrive. */
export function NotificationsPage() {
  const m = useMessages(notificationsMessages);
  const queries = useQueryClient();
  const list = useQuery({ queryKey: ['notifications', 'list'], queryFn: () => notificationsApi.list() });
  const refresh = () => queries.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({
    mutationFn: notificationsApi.read,
    onSuccess: refresh,
    onError: (e) => toast.error(messageOf(e)),
  });
  const readAll = useMutation({
    mutationFn: () => notificationsApi.readAll(),
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
      <PreferencesPanel />
    </>
  );
}
