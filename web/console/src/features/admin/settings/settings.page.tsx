import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Tenant } from '@/api/types';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { SelectField, SwitchField, TextField } from '@/kit/Field';
import { isValid, serverErrors, type FieldErrors } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import '../admin.css';

type Field = 'name' | 'timeZone' | 'mfaRequiredForAdmins';

function timeZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, 'UTC', ...zones])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

/** "Europe/Berlin (UTC+01:00)": the offset now, so similar zones can be told apart. */
function zoneLabel(zone: string): string {
  try {
    const offset = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
    return offset ? `${zone.replaceAll('_', ' ')} (${offset.replace('GMT', 'UTC')})` : zone;
  } catch {
    return zone;
  }
}

function SettingsForm({ tenant, canWrite }: { tenant: Tenant; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(tenant.name);
  const [timeZone, setTimeZone] = useState(tenant.timeZone);
  const [mfa, setMfa] = useState(tenant.mfaRequiredForAdmins);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string>();
  const zones = useMemo(() => timeZones(tenant.timeZone), [tenant.timeZone]);
  const changed = name.trim() !== tenant.name || timeZone !== tenant.timeZone || mfa !== tenant.mfaRequiredForAdmins;

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
      toast.success('Settings saved');
    },
    onError: (error) => {
      const split = serverErrors(error, ['name', 'timeZone', 'mfaRequiredForAdmins'] as const);
      setErrors(split.fields);
      setFormError(split.form);
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems: FieldErrors<Field> = { name: name.trim() ? undefined : 'The organisation needs a name.' };
    setErrors(problems);
    setFormError(undefined);
    if (isValid(problems)) save.mutate();
  };

  const discard = () => {
    setName(tenant.name);
    setTimeZone(tenant.timeZone);
    setMfa(tenant.mfaRequiredForAdmins);
    setErrors({});
    setFormError(undefined);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Panel
        title="General"
        labelledBy="general-heading"
        footer={
          canWrite ? (
            <>
              <Button onClick={discard} disabled={!changed || save.isPending}>
                Discard changes
              </Button>
              <Button type="submit" variant="primary" disabled={!changed} busy={save.isPending}>
                Save changes
              </Button>
            </>
          ) : undefined
        }
      >
        <div className="form">
          {!canWrite ? <Alert tone="info">Your role can see these settings but not change them.</Alert> : null}
          {formError ? <Alert tone="danger">{formError}</Alert> : null}
          <TextField label="Organisation name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} readOnly={!canWrite} maxLength={200} />
          <SelectField
            label="Time zone"
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            error={errors.timeZone}
            disabled={!canWrite}
            hint="Daily figures, reports and calling hours follow this zone. Each person still sees times in their own."
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zoneLabel(zone)}
              </option>
            ))}
          </SelectField>
          <SwitchField
            label="Require two-step verification for owners and administrators"
            description="At their next sign-in, owners and administrators without an authenticator app must set one up before they can continue."
            checked={mfa}
            onCheckedChange={setMfa}
            disabled={!canWrite}
          />
          {errors.mfaRequiredForAdmins ? <p className="field-error">{errors.mfaRequiredForAdmins}</p> : null}
        </div>
      </Panel>
    </form>
  );
}

export function SettingsPage() {
  const canWrite = useCan('settings:write');
  const tenant = useQuery({ queryKey: ['tenant'], queryFn: () => unwrap(api.GET('/api/v1/tenant')) });

  return (
    <div className="stack">
      <PageHeader eyebrow="Administration" title="Organisation" description="How your organisation appears in Switchboard and the rules that apply to everyone in it." />
      {tenant.isPending ? (
        <Panel>
          <LoadingBlock label="Loading settings" lines={4} />
        </Panel>
      ) : tenant.isError ? (
        <Panel>
          <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} title="Settings could not be loaded" />
        </Panel>
      ) : (
        <div className="settings-grid">
          <SettingsForm key={`${tenant.data.name}|${tenant.data.timeZone}|${String(tenant.data.mfaRequiredForAdmins)}`} tenant={tenant.data} canWrite={canWrite} />
          <Panel title="Identifiers" labelledBy="ids-heading">
            <dl className="kv kv--stacked">
              <dt>Sign-in name</dt>
              <dd className="mono">{tenant.data.slug}</dd>
              <dt>Organisation ID</dt>
              <dd className="mono">{tenant.data.id}</dd>
              <dt>Created</dt>
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
