import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { FormDialog } from '@/kit/Dialog';
import { OptionsField, TextAreaField, TextField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { useForm } from '@/kit/forms';
import { toast } from '@/kit/toast';
import {
  importRegistryCopy,
  instantFromLocal,
  leadsKeys,
  localNow,
  registries,
  type DncEntry,
  type Registry,
} from '../leads.api';
import { outboundWords } from '../leads.messages';
import { dncMessages } from './dnc.messages';

type AddField = 'number' | 'pattern' | 'region' | 'reason' | 'evidence';
const addFields: readonly AddField[] = ['number', 'pattern', 'region', 'reason', 'evidence'];
type Kind = 'number' | 'pattern';

/** Adds a number or a pattern (`dnc:write`); a second active entry for it is refused on its field (409). */
export function AddDncDialog({ onClose }: { onClose: () => void }) {
  const m = useMessages(dncMessages).form;
  const words = useMessages(outboundWords);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('number');
  const [value, setValue] = useState('');
  const [region, setRegion] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const form = useForm(addFields, 'POST /api/v1/campaigns/dnc');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/campaigns/dnc', {
          body: {
            ...(kind === 'number' ? { number: value.trim() } : { pattern: value.trim() }),
            ...(kind === 'number' && region.trim() ? { region: region.trim().toUpperCase() } : {}),
            reason: reason.trim(),
            ...(note.trim() ? { evidence: { note: note.trim() } } : {}),
          },
        }),
      ),
    onSuccess: (entry) => {
      void queryClient.invalidateQueries({ queryKey: ['leads', 'dnc'] });
      toast.success(m.saved, entry.number ?? entry.pattern ?? '');
      onClose();
    },
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const missing = kind === 'number' ? m.numberMissing : m.patternMissing;
    const valid = form.check(
      { [kind]: value, reason },
      { [kind]: value.trim() ? undefined : missing, reason: reason.trim() ? undefined : m.reasonMissing },
    );
    if (valid) save.mutate();
  };
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={m.title}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={words.cancel}
      onCancel={onClose}
      submitLabel={m.submit}
      busy={save.isPending}
    >
      <OptionsField
        label={m.kind}
        value={kind}
        options={['number', 'pattern'] as const}
        labels={m.kinds}
        onPick={(next) => {
          setKind(next);
          form.reset();
        }}
      />
      <TextField
        label={kind === 'number' ? m.number : m.pattern}
        hint={kind === 'number' ? m.numberHint : m.patternHint}
        inputMode="tel"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          form.clear(kind);
        }}
        error={form.errors[kind]}
        limits={form.limit(kind)}
        autoFocus
      />
      {kind === 'number' ? (
        <TextField
          label={m.region}
          optional
          value={region}
          maxLength={2}
          onChange={(e) => {
            setRegion(e.target.value);
            form.clear('region');
          }}
          error={form.errors.region}
        />
      ) : null}
      <TextField
        label={m.reason}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          form.clear('reason');
        }}
        error={form.errors.reason}
        limits={form.limit('reason')}
      />
      <TextAreaField
        label={m.note}
        hint={m.noteHint}
        optional
        rows={2}
        value={note}
        onChange={(e) => {
          setNote(e.target.value);
          form.clear('evidence');
        }}
        error={form.errors.evidence}
      />
    </FormDialog>
  );
}

/** Takes an entry off the list with the required reason (`dnc:write`). */
export function RemoveDncDialog({ entry, onClose }: { entry: DncEntry; onClose: () => void }) {
  const m = useMessages(dncMessages);
  const words = useMessages(outboundWords);
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const form = useForm(['reason'] as const, 'DELETE /api/v1/campaigns/dnc/{entryId}');
  const label = entry.number ?? entry.pattern ?? entry.id;
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/campaigns/dnc/{entryId}', {
          params: { path: { entryId: entry.id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['leads', 'dnc'] });
      toast.success(m.removed, label);
      onClose();
    },
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({ reason }, { reason: reason.trim() ? undefined : m.removeReasonMissing }))
      remove.mutate();
  };
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={m.removeTitle(label)}
      description={m.removeDescription}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={words.cancel}
      onCancel={onClose}
      submitLabel={m.removeConfirm}
      busy={remove.isPending}
    >
      <TextField
        label={m.removeReason}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          form.clear('reason');
        }}
        error={form.errors.reason}
        limits={form.limit('reason')}
        autoFocus
      />
    </FormDialog>
  );
}

type RegistryField = 'registry' | 'querystring.region' | 'querystring.downloadedAt' | 'body';
const registryFields: readonly RegistryField[] = [
  'registry',
  'querystring.region',
  'querystring.downloadedAt',
  'body',
];

/** Uploads a national registry copy (`dnc:write`): the file of numbers is the request body. */
export function ImportRegistryDialog({ onClose }: { onClose: () => void }) {
  const m = useMessages(dncMessages).registries;
  const words = useMessages(outboundWords);
  const queryClient = useQueryClient();
  const [registry, setRegistry] = useState<Registry>('us-national-dnc');
  const [region, setRegion] = useState('US');
  const [downloadedAt, setDownloadedAt] = useState(localNow);
  const [file, setFile] = useState<File>();
  const form = useForm(registryFields);
  const upload = useMutation({
    mutationFn: () => {
      if (!file) throw new Error('no file');
      return importRegistryCopy({
        registry,
        region: region.trim().toUpperCase(),
        downloadedAt: instantFromLocal(downloadedAt) ?? downloadedAt,
        file,
      });
    },
    onSuccess: (copy) => {
      void queryClient.invalidateQueries({ queryKey: leadsKeys.registries });
      toast.success(m.form.saved(formatNumber(copy.entryCount)), m.names[registry]);
      onClose();
    },
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const valid = form.check(
      {},
      {
        'querystring.region': /^[A-Za-z]{2}$/.test(region.trim()) ? undefined : m.form.regionMissing,
        'querystring.downloadedAt': instantFromLocal(downloadedAt) ? undefined : m.form.downloadedMissing,
        body: file ? undefined : m.form.fileMissing,
      },
    );
    if (valid) upload.mutate();
  };
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={m.form.title}
      description={m.form.description}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={words.cancel}
      onCancel={onClose}
      submitLabel={m.form.submit}
      busy={upload.isPending}
    >
      <OptionsField
        label={m.form.registry}
        value={registry}
        options={registries}
        labels={m.names}
        onPick={(next) => {
          setRegistry(next);
          setRegion(next === 'uk-tps' ? 'GB' : 'US');
        }}
        error={form.errors.registry}
      />
      <TextField
        label={m.form.region}
        hint={m.form.regionHint}
        value={region}
        maxLength={2}
        onChange={(e) => {
          setRegion(e.target.value);
          form.clear('querystring.region');
        }}
        error={form.errors['querystring.region']}
      />
      <TextField
        label={m.form.downloadedAt}
        hint={m.form.downloadedHint}
        type="datetime-local"
        value={downloadedAt}
        onChange={(e) => {
          setDownloadedAt(e.target.value);
          form.clear('querystring.downloadedAt');
        }}
        error={form.errors['querystring.downloadedAt']}
      />
      <TextField
        label={m.form.file}
        type="file"
        accept=".txt,.csv,text/plain,text/csv"
        onChange={(e) => {
          setFile(e.target.files?.[0]);
          form.clear('body');
        }}
        error={form.errors.body}
      />
    </FormDialog>
  );
}
