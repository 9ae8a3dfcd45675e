import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, LogOut, Trash2 } from 'lucide-react';
import { useEffect, useState, type SyntheticEvent } from 'react';
import { isApiError, messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button, IconButton } from '@/kit/Button';
import { ConfirmDialog } from '@/kit/Dialog';
import { Choice, ChoiceGroup, FormError, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { formatDate, formatDateTime } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { session } from '@portal/api/client';
import { meApi, privacyApi, type ContactPreferences, type PrivacyRequest } from '@portal/api/portal-api';
import { accountMessages } from './account.messages';

function ProfilePanel() {
  const m = useMessages(accountMessages);
  const queries = useQueryClient();
  const profile = useQuery({ queryKey: ['me', 'profile'], queryFn: meApi.profile, retry: false });
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useForm(['name', 'phone']);
  useEffect(() => {
    if (profile.data) {
      setName(profile.data.name ?? '');
      setPhone(profile.data.phone ?? '');
    }
  }, [profile.data]);
  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!profile.data) return;
    setBusy(true);
    try {
      const saved = await meApi.update(
        { name: name.trim(), phone: phone.trim() || null },
        profile.data.version,
      );
      queries.setQueryData(['me', 'profile'], saved);
      toast.success(m.saved);
    } catch (error) {
      // 412: changed elsewhere since it was read; the form shows the server's word, the page the new version.
      if (isApiError(error) && error.status === 412) {
        form.show({}, m.changedElsewhere);
        await queries.invalidateQueries({ queryKey: ['me', 'profile'] });
      } else form.refuse(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title={m.profile} labelledBy="account-profile">
      {profile.isPending ? (
        <LoadingBlock />
      ) : profile.isError ? (
        <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <form id={form.id} className="stack" onSubmit={(e) => void save(e)} noValidate>
          <FormError message={form.formError} />
          <TextField label={m.email} value={profile.data.email ?? ''} readOnly />
          <TextField
            label={m.name}
            value={name}
            autoComplete="name"
            error={form.errors.name}
            onChange={(e) => {
              setName(e.target.value);
              form.clear('name');
            }}
          />
          <TextField
            label={m.phone}
            optional
            type="tel"
            value={phone}
            autoComplete="tel"
            error={form.errors.phone}
            onChange={(e) => {
              setPhone(e.target.value);
              form.clear('phone');
            }}
          />
          <div>
            <Button type="submit" variant="primary" busy={busy}>
              {m.save}
            </Button>
          </div>
        </form>
      )}
    </Panel>
  );
}

const addressFields = ['label', 'line1', 'postalCode', 'city', 'country'] as const;

function AddressesPanel() {
  const m = useMessages(accountMessages);
  const queries = useQueryClient();
  const addresses = useQuery({ queryKey: ['me', 'addresses'], queryFn: meApi.addresses, retry: false });
  const form = useForm(addressFields);
  const empty = { label: '', line1: '', postalCode: '', city: '', country: '' };
  const [values, setValues] = useState<Record<(typeof addressFields)[number], string>>(empty);
  const refresh = () => queries.invalidateQueries({ queryKey: ['me', 'addresses'] });
  const add = useMutation({
    mutationFn: () =>
      meApi.addAddress({
        label: values.label.trim() || null,
        line1: values.line1.trim(),
        postalCode: values.postalCode.trim() || null,
        city: values.city.trim(),
        country: values.country.trim().toUpperCase(),
      }),
    onSuccess: async () => {
      setValues(empty);
      await refresh();
    },
    onError: (error) => form.refuse(error),
  });
  const remove = useMutation({
    mutationFn: meApi.removeAddress,
    onSuccess: refresh,
    onError: (e) => toast.error(messageOf(e)),
  });
  return (
    <Panel title={m.addresses} labelledBy="account-addresses">
      {addresses.isPending ? (
        <LoadingBlock />
      ) : addresses.isError ? (
        <ErrorState error={addresses.error} onRetry={() => void addresses.refetch()} />
      ) : (
        <div className="stack">
          {addresses.data.items.length === 0 ? (
            <p className="muted">{m.noAddresses}</p>
          ) : (
            <ul className="address-list">
              {addresses.data.items.map((a) => {
                const label = a.label ?? a.line1;
                return (
                  <li key={a.id}>
                    <span>
                      <strong>{label}</strong>{' '}
                      <span className="muted">
                        {[a.line1, `${a.postalCode ?? ''} ${a.city}`.trim(), a.country].join(', ')}
                      </span>
                    </span>
                    <IconButton label={m.removeAddress(label)} onClick={() => remove.mutate(a.id)}>
                      <Trash2 aria-hidden="true" />
                    </IconButton>
                  </li>
                );
              })}
            </ul>
          )}
          <form
            id={form.id}
            className="stack"
            aria-label={m.addAddress}
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate();
            }}
            noValidate
          >
            <FormError message={form.formError} />
            {addressFields.map((key) => (
              <TextField
                key={key}
                label={m[key]}
                optional={key === 'label'}
                value={values[key]}
                error={form.errors[key]}
                onChange={(e) => {
                  setValues((v) => ({ ...v, [key]: e.target.value }));
                  form.clear(key);
                }}
              />
            ))}
            <div>
              <Button type="submit" busy={add.isPending}>
                {m.addAddress}
              </Button>
            </div>
          </form>
        </div>
      )}
    </Panel>
  );
}

function PreferencesPanel() {
  const m = useMessages(accountMessages);
  const queries = useQueryClient();
  const preferences = useQuery({ queryKey: ['me', 'preferences'], queryFn: meApi.preferences, retry: false });
  // The box shows the choice at once, in the click's own render: the query cache tells its
  // observers a tick later, and a controlled box would meanwhile flip back. A refusal puts back
  // what the server holds.
  const [choosing, setChoosing] = useState<ContactPreferences>();
  const save = useMutation({
    mutationFn: meApi.savePreferences,
    onMutate: (next) => queries.setQueryData(['me', 'preferences'], next),
    onSettled: (_data, error) => {
      setChoosing(undefined);
      return error ? queries.invalidateQueries({ queryKey: ['me', 'preferences'] }) : undefined;
    },
    onSuccess: async (data) => {
      queries.setQueryData(['me', 'preferences'], data);
      // A marketing opt-in that changed is also a consent (marketing.<channel>).
      await queries.invalidateQueries({ queryKey: ['me', 'consents'] });
    },
    onError: (e) => toast.error(messageOf(e)),
  });
  const p = choosing ?? preferences.data;
  const toggle = (
    group: 'channels' | 'marketing',
    channel: string,
    on: boolean,
    current: ContactPreferences,
  ) => {
    const next = { ...current, [group]: { ...current[group], [channel]: on } };
    setChoosing(next);
    save.mutate(next);
  };
  return (
    <Panel title={m.preferences} labelledBy="account-preferences">
      {preferences.isPending ? (
        <LoadingBlock />
      ) : preferences.isError || !p ? (
        <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <div className="stack">
          <ChoiceGroup legend={m.contactBy}>
            {(['email', 'sms', 'phone', 'post'] as const).map((c) => (
              <Choice
                key={c}
                title={m.channel[c]}
                checked={p.channels[c]}
                onChange={(e) => toggle('channels', c, e.target.checked, p)}
              />
            ))}
          </ChoiceGroup>
          <ChoiceGroup legend={m.marketingBy}>
            {(['email', 'sms', 'phone'] as const).map((c) => (
              <Choice
                key={c}
                title={m.channel[c]}
                checked={p.marketing[c]}
                onChange={(e) => toggle('marketing', c, e.target.checked, p)}
              />
            ))}
          </ChoiceGroup>
        </div>
      )}
    </Panel>
  );
}

function ConsentsPanel() {
  const m = useMessages(accountMessages);
  const queries = useQueryClient();
  const consents = useQuery({ queryKey: ['me', 'consents'], queryFn: meApi.consents, retry: false });
  const preferences = useQuery({ queryKey: ['me', 'preferences'], queryFn: meApi.preferences, retry: false });
  const change = useMutation({
    mutationFn: async ({ purpose, granted }: { purpose: string; granted: boolean }) => {
      // marketing.<channel> is the opt-in of the contact preferences: changed there, so that the
      // next save of the preferences does not give it again (the server records the consent).
      const channel = /^marketing\.(email|sms|phone)$/.exec(purpose)?.[1] as
        keyof ContactPreferences['marketing'] | undefined;
      const current = preferences.data;
      if (channel && current) {
        queries.setQueryData(
          ['me', 'preferences'],
          await meApi.savePreferences({
            ...current,
            marketing: { ...current.marketing, [channel]: granted },
          }),
        );
        return meApi.consents();
      }
      return meApi.setConsents([{ purpose, granted }]);
    },
    onSuccess: (data) => queries.setQueryData(['me', 'consents'], data),
    onError: (e) => toast.error(messageOf(e)),
  });
  return (
    <Panel title={m.consents} labelledBy="account-consents">
      {consents.isPending ? (
        <LoadingBlock />
      ) : consents.isError ? (
        <ErrorState error={consents.error} onRetry={() => void consents.refetch()} />
      ) : consents.data.current.length === 0 ? (
        <p className="muted">{m.noConsents}</p>
      ) : (
        <ul className="consent-list">
          {consents.data.current.map((c) => (
            <li key={c.purpose}>
              <span>
                <strong>{c.purpose}</strong>{' '}
                <Badge tone={c.granted ? 'success' : 'neutral'}>{c.granted ? m.granted : m.withdrawn}</Badge>{' '}
                <span className="muted">{m.since(formatDate(c.since))}</span>
              </span>
              <Button size="sm" onClick={() => change.mutate({ purpose: c.purpose, granted: !c.granted })}>
                {c.granted ? m.withdraw : m.grant}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function ExportStatus({ request }: { request: PrivacyRequest }) {
  const m = useMessages(accountMessages);
  const link = useQuery({
    queryKey: ['privacy', 'download', request.id],
    queryFn: () => privacyApi.download(request.id),
    enabled: request.status === 'completed',
    staleTime: 60_000,
  });
  if (request.status !== 'completed') return <Alert tone="info">{m.preparing}</Alert>;
  if (!link.data) return link.isError ? <ErrorState error={link.error} /> : <LoadingBlock />;
  return (
    <Alert tone="success">
      {m.downloadReady(formatDateTime(link.data.expiresAt))}{' '}
      <a href={link.data.url} className="btn btn--primary btn--sm" download>
        <Download aria-hidden="true" />
        {m.downloadLink}
      </a>
    </Alert>
  );
}

function PrivacyPanel() {
  const m = useMessages(accountMessages);
  const queries = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const requests = useQuery({
    queryKey: ['privacy', 'requests'],
    queryFn: privacyApi.list,
    retry: false,
    refetchInterval: (query) =>
      query.state.data?.items.some((r) => r.status !== 'completed' && r.status !== 'rejected')
        ? 3_000
        : false,
  });
  const access = useMutation({
    mutationFn: () => privacyApi.request('access'),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['privacy', 'requests'] }),
    onError: (e) => toast.error(messageOf(e)),
  });
  const latestAccess = requests.data?.items.find((r) => r.kind === 'access');
  return (
    <Panel title={m.privacy} description={m.privacyText} labelledBy="account-privacy">
      <div className="stack">
        <div className="portal-actions">
          <Button
            icon={<Download aria-hidden="true" />}
            busy={access.isPending}
            onClick={() => access.mutate()}
          >
            {m.download}
          </Button>
          <Button
            variant="danger"
            icon={<Trash2 aria-hidden="true" />}
            onClick={() => setConfirmDelete(true)}
          >
            {m.delete}
          </Button>
        </div>
        {latestAccess ? <ExportStatus request={latestAccess} /> : null}
        {requests.isError ? (
          <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
        ) : null}
        {requests.data && requests.data.items.length > 0 ? (
          <>
            <h3>{m.requests}</h3>
            <ul className="request-list">
              {requests.data.items.map((r) => (
                <li key={r.id}>
                  <span>{m.kind[r.kind]}</span> <Badge>{m.status[r.status]}</Badge>{' '}
                  <span className="muted">{formatDate(r.receivedAt)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={m.deleteTitle}
        description={m.deleteText}
        confirmLabel={m.deleteConfirm}
        onConfirm={async () => {
          await privacyApi.request('erasure');
          toast.success(m.deleted);
          session.end('signedOut');
        }}
      />
    </Panel>
  );
}

export function AccountPage() {
  const m = useMessages(accountMessages);
  return (
    <>
      <PageHeader
        title={m.title}
        actions={
          <Button icon={<LogOut aria-hidden="true" />} onClick={() => void session.signOut()}>
            {m.signOut}
          </Button>
        }
      />
      <div className="stack">
        <ProfilePanel />
        <AddressesPanel />
        <PreferencesPanel />
        <ConsentsPanel />
        <PrivacyPanel />
      </div>
    </>
  );
}
