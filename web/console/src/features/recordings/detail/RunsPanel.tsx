import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RotateCw } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { FormError, SelectField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { toast } from '@/kit/toast';
import { metadataLimits, recordingsApi, runSteps, type RecordingDetail } from '@/api/recordings';
import { failureWords } from '../recordings.format';
import { recordingWords } from '../recordings.messages';
import { recordingDetailMessages } from './detail.messages';

const runTone: Readonly<Record<string, BadgeTone>> = {
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
};

type Field = 'provider' | 'language';

function RerunDialog({
  recordingId,
  onOpenChange,
}: {
  recordingId: string;
  onOpenChange: (open: boolean) => void;
}) {
  const m = useMessages(recordingDetailMessages).runs;
  const queryClient = useQueryClient();
  const canReadSettings = useCan('settings:read');
  const settings = useQuery({
    queryKey: ['conversations', 'settings'],
    queryFn: recordingsApi.settings,
    enabled: canReadSettings,
  });
  const [provider, setProvider] = useState('');
  const [language, setLanguage] = useState('');
  const form = useForm<Field>(['provider', 'language'], 'POST /api/v1/recordings/{recordingId}/runs');
  const rerun = useMutation({
    mutationFn: () =>
      recordingsApi.rerun(recordingId, {
        ...(provider ? { provider } : {}),
        ...(language.trim() ? { language: language.trim() } : {}),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['recordings'] });
      toast.success(m.startedToast);
      onOpenChange(false);
    },
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({ language: language.trim() })) rerun.mutate();
  };
  return (
    <Modal open onOpenChange={onOpenChange} title={m.dialogTitle} description={m.dialogDescription}>
      <form id={form.id} onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            <FormError message={form.formError} />
            <SelectField
              label={m.provider}
              value={provider}
              onChange={(e) => {
                setProvider(e.target.value);
                form.clear('provider');
              }}
              error={form.errors.provider}
            >
              <option value="">{m.providerDefault}</option>
              {(settings.data?.availableProviders ?? []).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </SelectField>
            <TextField
              label={m.language}
              hint={m.languageHint}
              optional
              value={language}
              onChange={(e) => {
                setLanguage(e.target.value);
                form.clear('language');
              }}
              error={form.errors.language}
              limits={form.limit('language') ?? { maxLength: metadataLimits.language }}
              autoComplete="off"
            />
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={() => onOpenChange(false)}>{m.cancel}</Button>
          <Button type="submit" variant="primary" busy={rerun.isPending}>
            {m.start}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}

/** Every pipeline run of the recording, newest first; "Run again" for roles that may. */
export function RunsPanel({ recording }: { recording: RecordingDetail }) {
  const m = useMessages(recordingDetailMessages).runs;
  const words = useMessages(recordingWords);
  const canWrite = useCan('recordings:write');
  const [open, setOpen] = useState(false);
  const running = recording.runs.some((run) => run.state === 'running');
  return (
    <Panel
      title={m.title}
      description={m.description}
      labelledBy="recording-runs"
      actions={
        canWrite && recording.state !== 'uploading' ? (
          <Button icon={<RotateCw aria-hidden="true" />} onClick={() => setOpen(true)} disabled={running}>
            {m.runAgain}
          </Button>
        ) : null
      }
    >
      {recording.runs.length === 0 ? (
        <p className="subtle">{m.none}</p>
      ) : (
        <ol className="recording-runs">
          {recording.runs.map((run) => {
            const steps = runSteps(run.steps);
            const providers = [
              ...new Set(steps.filter((s) => s.name === 'transcribe').map((s) => s.provider)),
            ];
            return (
              <li key={run.id} className="recording-runs__run">
                <div className="cluster">
                  <Badge tone={runTone[run.state] ?? 'neutral'}>{m.states[run.state]}</Badge>
                  <span>{m.reasons[run.reason]}</span>
                  <span className="subtle">
                    <DateTime value={run.startedAt} />
                  </span>
                  {providers.length > 0 ? <span className="subtle">· {providers.join(', ')}</span> : null}
                </div>
                {steps.length > 0 ? (
                  <p className="subtle">
                    {m.steps}: {m.stepCount(steps.filter((s) => s.outcome !== 'failed').length, steps.length)}{' '}
                    · {steps.map((s) => s.name).join(' → ')}
                  </p>
                ) : null}
                {run.failure ? (
                  <p className="recordings-failure">
                    {failureWords(words, run.failure)}
                    {run.failure.reason ? <span className="subtle"> ({run.failure.reason})</span> : null}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {open ? <RerunDialog recordingId={recording.id} onOpenChange={setOpen} /> : null}
    </Panel>
  );
}
