import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Tenant } from '@/api/types';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { FieldError, FormError, SelectField, SwitchField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { settingsMessages } from './settings.messages';
import '../admin.css';

type Field = 'name' | 'timeZone' | 'mfaRequiredForAdmins';
const fields: readonly Field[] = ['name', 'timeZone', 'mfaRequiredForAdmins'];

function timeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, 'UTC', ...zones])].sort((a, b) =>
    a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b),
  );
}

/** "Europe/Berlin (UTC+01:00)": the offset now, so similar zones can be told apart. */
function zoneLabel(zone: string): string {
  try {
    const offset = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    return offset ? `${zone.replaceAll('_', ' ')} (${offset.replace('GMT', 'UTC')})` : zone;
  } catch {
    return zone;
  }
}

function SettingsForm({ tenant, canWrite }: { tenant: Tenant; canWrite: boolean }) {
  const m = useMessages(settingsMessages);
  const queryClient = useQueryClient();
  const [name, setName] = useState(tenant.name);
  const [timeZone, setTimeZone] = useState(tenant.timeZone);
  const [mfa, setMfa] = useState(tenant.mfaRequiredForAdmins);
  const form = useForm(fields, 'PATCH /api/v1/tenant');
  const zones = useMemo(() => timeZones(tenant.timeZone), [tenant.timeZone]);
  const changed =
    name.trim() !== tenant.name || timeZone !== tenant.timeZone || mfa !== tenant.mfaRequiredForAdmins;

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/tenant', {
          body: {
            ...(name.trim() !== tenant.name ? { name: name.trim() } : {}),
            ...(timeZone !== tenant.timeZone ? { timeZone } : {}),
            ...(mfa !== tenant.mfaRequiredForAdmins ? { mfaRequiredForAdmins: mfa } : {}),
          },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['tenant'], updated);
      toast.success(m.saved);
    },
    onError: form.refuse,
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({ name: name.trim(), timeZone }, { name: name.trim() ? undefined : m.nameMissing }))
      save.mutate();
  };

  const discard = () => {
    setName(tenant.name);
    setTimeZone(tenant.timeZone);
    setMfa(tenant.mfaRequiredForAdmins);
    form.reset();
  };

  return (
    <form id={form.id} onSubmit={submit} noValidate>
      <Panel
        title={m.general}
        labelledBy="general-heading"
        footer={
          canWrite ? (
            <>
              <Button onClick={discard} disabled={!changed || save.isPending}>
                {m.discard}
              </Button>
              <Button type="submit" variant="primary" disabled={!changed} busy={save.isPending}>
                {m.save}
              </Button>
            </>
          ) : undefined
        }
      >
        <div className="form">
          {!canWrite ? <Alert tone="info">{m.readOnly}</Alert> : null}
          <FormError message={form.formError} />
          <TextField
            label={m.name}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              form.clear('name');
            }}
            error={form.errors.name}
            limits={form.limit('name')}
            readOnly={!canWrite}
          />
          <SelectField
            label={m.timeZone}
            value={timeZone}
            onChange={(e) => {
              setTimeZone(e.target.value);
              form.clear('timeZone');
            }}
            error={form.errors.timeZone}
            disabled={!canWrite}
            hint={m.timeZoneHint}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zoneLabel(zone)}
              </option>
            ))}
          </SelectField>
          <SwitchField
            label={m.mfa}
            description={m.mfaDescription}
            checked={mfa}
            onCheckedChange={setMfa}
            disabled={!canWrite}
          />
          {form.errors.mfaRequiredForAdmins ? (
            <FieldError>{form.errors.mfaRequiredForAdmins}</FieldError>
          ) : null}
        </div>
      </Panel>
    </form>
  );
}

export function SettingsPage() {
  const m = useMessages(settingsMessages);
  const canWrite = useCan('settings:write');
  const tenant = useQuery({ queryKey: ['tenant'], queryFn: () => unwrap(api.GET('/api/v1/tenant')) });

  return (
    <div className="stack">
      <PageHeader eyebrow={m.eyebrow} title={m.title} description={m.description} />
      {tenant.isPending ? (
        <Panel>
          <LoadingBlock label={m.loading} lines={4} />
        </Panel>
      ) : tenant.isError ? (
        <Panel>
          <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} title={m.loadFailed} />
        </Panel>
      ) : (
        <div className="settings-grid">
          <SettingsForm
            key={`${tenant.data.name}|${tenant.data.timeZone}|${String(tenant.data.mfaRequiredForAdmins)}`}
            tenant={tenant.data}
            canWrite={canWrite}
          />
          <Panel title={m.identifiers} labelledBy="ids-heading">
            <dl className="kv kv--stacked">
              <dt>{m.slug}</dt>
              <dd className="mono">{tenant.data.slug}</dd>
              <dt>{m.id}</dt>
              <dd className="mono">{tenant.data.id}</dd>
              <dt>{m.created}</dt>
              <dd>
                <DateTime value={tenant.data.createdAt} />
              </dd>
            </dl>
          </Panel>
        </div>
      )}
    </div>
  );
}
