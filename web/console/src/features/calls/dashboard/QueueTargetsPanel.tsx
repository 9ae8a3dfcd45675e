import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { SelectField, TextField } from '@/kit/Field';
import { serverErrors, type FieldErrors } from '@/kit/forms';
import { Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { LoadingBlock, ErrorState } from '@/kit/states';
import { toast } from '@/kit/toast';
import { formatRatio } from '../calls.format';
import { dashboardMessages } from './dashboard.messages';
import { targetSeconds, type QueueTargets } from './supervisor';

const fields = ['queueId', 'serviceLevelSeconds', 'serviceLevelGoal', 'shortAbandonSeconds'] as const;
type Field = (typeof fields)[number];
const defaultScope = '\u0000default';
const newScope = '\u0000new';

export const queueTargetsKey = ['calls', 'queue-targets'] as const;

function TargetsForm({ targets }: { targets: QueueTargets }) {
  const m = useMessages(dashboardMessages).targets;
  const queryClient = useQueryClient();
  const [scope, setScope] = useState(defaultScope);
  const [queueId, setQueueId] = useState('');
  const current = scope === defaultScope ? targets.default : targets.queues.find((q) => q.queueId === scope);
  const [seconds, setSeconds] = useState(
    String(current?.serviceLevelSeconds ?? targets.default.serviceLevelSeconds),
  );
  const [goal, setGoal] = useState(
    String(Math.round((current?.serviceLevelGoal ?? targets.default.serviceLevelGoal) * 100)),
  );
  const [shortAbandon, setShortAbandon] = useState(
    String(current?.shortAbandonSeconds ?? targets.default.shortAbandonSeconds),
  );
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string>();

  const choose = (next: string) => {
    setScope(next);
    setErrors({});
    const chosen =
      next === defaultScope
        ? targets.default
        : (targets.queues.find((q) => q.queueId === next) ?? targets.default);
    setSeconds(String(chosen.serviceLevelSeconds));
    setGoal(String(Math.round(chosen.serviceLevelGoal * 100)));
    setShortAbandon(String(chosen.shortAbandonSeconds));
  };

  const targetQueue = scope === defaultScope ? null : scope === newScope ? queueId.trim() : scope;
  const save = useMutation({
    mutationFn: async () => {
      const body = {
        serviceLevelSeconds: Number(seconds),
        serviceLevelGoal: Number(goal) / 100,
        shortAbandonSeconds: Number(shortAbandon),
      };
      return targetQueue === null
        ? unwrap(api.PUT('/api/v1/calls/queue-targets/default', { body }))
        : unwrap(
            api.PUT('/api/v1/calls/queue-targets/queues/{queueId}', {
              params: { path: { queueId: targetQueue } },
              body,
            }),
          );
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(queueTargetsKey, updated);
      void queryClient.invalidateQueries({ queryKey: ['calls', 'stats'] });
      if (scope === newScope && targetQueue) setScope(targetQueue);
      toast.success(m.saved);
    },
    onError: (error) => {
      const split = serverErrors(error, fields);
      setErrors(split.fields);
      setFormError(split.form);
    },
  });
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/calls/queue-targets/queues/{queueId}', { params: { path: { queueId: scope } } }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(queueTargetsKey, updated);
      void queryClient.invalidateQueries({ queryKey: ['calls', 'stats'] });
      choose(defaultScope);
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setFormError(undefined);
    const own: FieldErrors<Field> = {};
    const percent = Number(goal);
    if (!Number.isInteger(percent) || percent < 1 || percent > 100) own.serviceLevelGoal = m.goalRange;
    if (scope === newScope && queueId.trim() === '') own.queueId = m.queueRequired;
    setErrors(own);
    if (Object.keys(own).length === 0) save.mutate();
  };

  return (
    <form className="targets-form" onSubmit={submit} noValidate aria-label={m.title}>
      {formError ? <Alert tone="danger">{formError}</Alert> : null}
      <SelectField label={m.scope} value={scope} onChange={(e) => choose(e.target.value)}>
        <option value={defaultScope}>{m.defaultScope}</option>
        {targets.queues.map((q) => (
          <option key={q.queueId} value={q.queueId}>
            {m.queueScope(q.queueId)}
          </option>
        ))}
        <option value={newScope}>{m.newQueue}</option>
      </SelectField>
      {scope === newScope ? (
        <TextField
          label={m.queueId}
          hint={m.queueIdHint}
          value={queueId}
          maxLength={256}
          onChange={(e) => setQueueId(e.target.value)}
          error={errors.queueId}
          required
        />
      ) : null}
      <SelectField
        label={m.seconds}
        value={seconds}
        onChange={(e) => setSeconds(e.target.value)}
        error={errors.serviceLevelSeconds}
      >
        {targetSeconds.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <TextField
        label={m.goal}
        hint={m.goalHint}
        type="number"
        inputMode="numeric"
        min={1}
        max={100}
        step={1}
        value={goal}
        onChange={(e) => setGoal(e.target.value)}
        error={errors.serviceLevelGoal}
        required
      />
      <SelectField
        label={m.shortAbandon}
        hint={m.shortAbandonHint}
        value={shortAbandon}
        onChange={(e) => setShortAbandon(e.target.value)}
        error={errors.shortAbandonSeconds}
      >
        {[0, ...targetSeconds].map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <div className="toolbar__actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {m.save}
        </Button>
        {scope !== defaultScope && scope !== newScope ? (
          <Button busy={remove.isPending} onClick={() => remove.mutate()}>
            {m.remove}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** The targets every queue is measured against; administrators change them here. */
export function QueueTargetsPanel() {
  const m = useMessages(dashboardMessages).targets;
  const canWrite = useCan('settings:write');
  const targets = useQuery({
    queryKey: queueTargetsKey,
    queryFn: () => unwrap(api.GET('/api/v1/calls/queue-targets')),
  });
  const line = (t: { serviceLevelGoal: number; serviceLevelSeconds: number; shortAbandonSeconds: number }) =>
    m.current(formatRatio(t.serviceLevelGoal), t.serviceLevelSeconds, t.shortAbandonSeconds);
  return (
    <Panel title={m.title} description={m.description} labelledBy="targets-title">
      {targets.isPending ? (
        <LoadingBlock lines={3} />
      ) : targets.isError ? (
        <ErrorState error={targets.error} onRetry={() => void targets.refetch()} />
      ) : (
        <div className="targets">
          <ul className="targets__list">
            <li>
              <strong>{m.defaultScope}</strong>: {line(targets.data.default)}
              {targets.data.default.builtIn ? ` (${m.builtIn})` : ''}
            </li>
            {targets.data.queues.map((q) => (
              <li key={q.queueId}>
                <strong>{m.queueScope(q.queueId)}</strong>: {line(q)}
              </li>
            ))}
          </ul>
          {canWrite ? <TargetsForm targets={targets.data} /> : <p className="muted">{m.readOnly}</p>}
        </div>
      )}
    </Panel>
  );
}
