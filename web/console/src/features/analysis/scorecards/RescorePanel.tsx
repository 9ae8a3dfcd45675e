import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Schema } from '@/api/types';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { FormError, SelectField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { Panel } from '@/kit/Page';
import { toast } from '@/kit/toast';
import { rescoreMessages } from './rescore.messages';

type RescoreJob = Schema<'RescoreJob'>;

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * "Re-score a period": asks for a background re-score of whole days (UTC) and shows the latest
 * job's progress, polled while it runs, with a way to cancel it. For analysis:configure.
 */
export function RescorePanel() {
  const m = useMessages(rescoreMessages);
  const queryClient = useQueryClient();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [queue, setQueue] = useState('');
  const [scope, setScope] = useState<'qa' | 'full'>('qa');
  const [joined, setJoined] = useState(false);
  const form = useForm(['from', 'to', 'queue', 'scope']);

  const latest = useQuery({
    queryKey: ['rescore', 'latest'],
    queryFn: () => unwrap(api.GET('/api/v1/conversations/rescore', { params: { query: { limit: 1 } } })),
    refetchInterval: (query) => (query.state.data?.items[0]?.state === 'running' ? 2_000 : false),
  });
  const job: RescoreJob | undefined = latest.data?.items[0];

  const start = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/conversations/rescore', {
          body: {
            from: `${from}T00:00:00Z`,
            to: dayAfter(to),
            scope,
            ...(queue.trim() ? { queue: queue.trim() } : {}),
          },
        }),
      ),
    onSuccess: (accepted) => {
      setJoined(accepted.coalesced);
      toast.success(m.started);
      void queryClient.invalidateQueries({ queryKey: ['rescore'] });
    },
    onError: form.refuse,
  });
  const cancel = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/conversations/rescore/{jobId}/cancel', { params: { path: { jobId: id } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['rescore'] }),
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems = { from: from ? undefined : m.needDates, to: to ? undefined : m.needDates };
    if (form.check({ queue }, problems)) start.mutate();
  };

  return (
    <Panel title={m.title} description={m.description} labelledBy="rescore-period">
      <form id={form.id} onSubmit={submit} noValidate className="stack">
        <FormError message={form.formError} />
        <div className="form">
          <TextField
            label={m.from}
            type="date"
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
              form.clear('from');
            }}
            error={form.errors.from}
          />
          <TextField
            label={m.to}
            type="date"
            value={to}
            onChange={(e) => {
              setTo(e.target.value);
              form.clear('to');
            }}
            error={form.errors.to}
          />
          <TextField
            label={m.queue}
            hint={m.queueHint}
            optional
            value={queue}
            onChange={(e) => {
              setQueue(e.target.value);
              form.clear('queue');
            }}
            error={form.errors.queue}
            autoComplete="off"
          />
          <SelectField
            label={m.scope}
            value={scope}
            onChange={(e) => setScope(e.target.value === 'full' ? 'full' : 'qa')}
            error={form.errors.scope}
          >
            <option value="qa">{m.scopes.qa}</option>
            <option value="full">{m.scopes.full}</option>
          </SelectField>
        </div>
        <div>
          <Button type="submit" variant="primary" disabled={start.isPending}>
            {m.start}
          </Button>
        </div>
      </form>
      {joined ? <Alert tone="info">{m.joined}</Alert> : null}
      {job ? (
        <section aria-label={m.latest} className="stack stack--sm">
          <p>
            <strong>{m.latest}</strong>:{' '}
            {m.period(dayOf(job.from), dayOf(new Date(Date.parse(job.to) - 1).toISOString()))}
            {job.queue ? ` · ${job.queue}` : ''} · {m.scopes[job.scope]}
          </p>
          <p>
            <Badge
              tone={job.state === 'succeeded' ? 'success' : job.state === 'running' ? 'neutral' : 'warning'}
            >
              {m.states[job.state]}
            </Badge>{' '}
            <span role="status">{m.progress(job.done, job.total)}</span>
            {job.failed > 0 ? ` · ${m.failed(job.failed)}` : ''}
          </p>
          {job.failures.length > 0 ? (
            <ul>
              {job.failures.slice(0, 5).map((f) => (
                <li key={f.recordingId}>
                  {f.recordingId}: {f.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {job.state === 'running' ? (
            job.cancelRequested ? (
              <p>{m.cancelRequested}</p>
            ) : (
              <div>
                <Button onClick={() => cancel.mutate(job.id)} disabled={cancel.isPending}>
                  {m.cancel}
                </Button>
              </div>
            )
          ) : null}
        </section>
      ) : null}
    </Panel>
  );
}
