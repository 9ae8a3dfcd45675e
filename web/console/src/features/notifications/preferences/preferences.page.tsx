import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { FormError, SwitchField, TextField } from '@/kit/Field';
import { useForm, type FieldErrors } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import {
  channels,
  employeeTypes,
  notificationKeys,
  notificationsApi,
  type Channel,
  type Preferences,
} from '../notifications.api';
import { labelIn } from '@/kit/labels';
import { notificationsMessages } from '../notifications.messages';
import '../notifications.css';

export function PreferencesPage() {
  const m = useMessages(notificationsMessages);
  const p = m.preferences;
  const preferences = useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) => notificationsApi.preferences(signal),
  });
  return (
    <div className="stack">
      <PageHeader eyebrow={m.eyebrow} title={p.title} description={p.description} />
      {preferences.isPending ? (
        <LoadingBlock label={p.loading} />
      ) : preferences.isError ? (
        <ErrorState title={p.failed} error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <PreferencesForm preferences={preferences.data} />
      )}
    </div>
  );
}

const key = (type: string, channel: Channel) => `${type}|${channel}`;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

type Field = 'channels' | 'quietHours.start' | 'quietHours.end' | 'quietHours.timeZone';

function PreferencesForm({ preferences }: { preferences: Preferences }) {
  const m = useMessages(notificationsMessages);
  const p = m.preferences;
  const queryClient = useQueryClient();
  const form = useForm(['channels', 'quietHours.start', 'quietHours.end', 'quietHours.timeZone'] as const);
  const types = [...new Set([...employeeTypes, ...preferences.preferences.map((x) => x.type)])];
  const [enabled, setEnabled] = useState<Record<string, boolean>>(() => {
    const map: Record<string, boolean> = {};
    for (const type of types) for (const channel of channels) map[key(type, channel)] = channel === 'in_app';
    for (const pref of preferences.preferences) map[key(pref.type, pref.channel)] = pref.enabled;
    return map;
  });
  const [quiet, setQuiet] = useState(preferences.quietHours !== null);
  const [start, setStart] = useState(preferences.quietHours?.start ?? '22:00');
  const [end, setEnd] = useState(preferences.quietHours?.end ?? '07:00');
  const [timeZone, setTimeZone] = useState(preferences.quietHours?.timeZone ?? browserZone());
  const save = useMutation({
    mutationFn: (input: Preferences) => notificationsApi.savePreferences(input),
    onSuccess: (saved) => {
      queryClient.setQueryData(notificationKeys.preferences, saved);
      toast.success(p.saved);
    },
    onError: (error) => form.refuse(error),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems: FieldErrors<Field> = {};
    if (quiet && !timePattern.test(start.trim())) problems['quietHours.start'] = p.timeInvalid;
    if (quiet && !timePattern.test(end.trim())) problems['quietHours.end'] = p.timeInvalid;
    if (!form.check({}, problems)) return;
    save.mutate({
      ...preferences,
      preferences: types.flatMap((type) =>
        channels.map((channel) => ({ type, channel, enabled: enabled[key(type, channel)] ?? false })),
      ),
      quietHours: quiet ? { start: start.trim(), end: end.trim(), timeZone: timeZone.trim() } : null,
    });
  };
  return (
    <form id={form.id} className="stack" onSubmit={submit} noValidate>
      <FormError message={form.formError ?? form.errors.channels} />
      <Panel flush>
        <div className="table-wrap">
          <table className="table notifications-prefs">
            <caption className="visually-hidden">{p.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{p.type}</th>
                {channels.map((channel) => (
                  <th key={channel} scope="col">
                    {m.channels[channel]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {types.map((type) => (
                <tr key={type}>
                  <th scope="row">{labelIn(m.types, type) ?? type}</th>
                  {channels.map((channel) => (
                    <td key={channel}>
                      <input
                        type="checkbox"
                        aria-label={p.channelFor(labelIn(m.types, type) ?? type, m.channels[channel])}
                        checked={enabled[key(type, channel)] ?? false}
                        onChange={(e) => setEnabled({ ...enabled, [key(type, channel)]: e.target.checked })}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
      <Panel title={p.quietHours} description={p.quietHoursHint} labelledBy="quiet-hours">
        <div className="stack stack--sm">
          <SwitchField label={p.quietEnabled} checked={quiet} onCheckedChange={setQuiet} />
          {quiet ? (
            <div className="notifications-quiet">
              <TextField
                label={p.from}
                type="time"
                value={start}
                onChange={(e) => {
                  setStart(e.target.value);
                  form.clear('quietHours.start');
                }}
                error={form.errors['quietHours.start']}
              />
              <TextField
                label={p.until}
                type="time"
                value={end}
                onChange={(e) => {
                  setEnd(e.target.value);
                  form.clear('quietHours.end');
                }}
                error={form.errors['quietHours.end']}
              />
              <TextField
                label={p.timeZone}
                value={timeZone}
                onChange={(e) => {
                  setTimeZone(e.target.value);
                  form.clear('quietHours.timeZone');
                }}
                error={form.errors['quietHours.timeZone']}
                maxLength={64}
              />
            </div>
          ) : null}
        </div>
      </Panel>
      <div>
        <Button type="submit" variant="primary" busy={save.isPending}>
          {p.save}
        </Button>
      </div>
    </form>
  );
}
