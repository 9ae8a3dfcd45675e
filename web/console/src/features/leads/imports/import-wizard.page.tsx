import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { FormError, SelectField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { LoadingBlock } from '@/kit/states';
import {
  leadsKeys,
  previewImport,
  startImport,
  type ImportOptions,
  type LeadImportPreview,
} from '../leads.api';
import { outboundWords } from '../leads.messages';
import { useLeadLists } from '../lists/lists.page';
import { importMessages } from './import.messages';
import { MappingStep } from './MappingStep';
import {
  emptyDraft,
  estimateRows,
  guessFields,
  leadFields,
  mappingOf,
  rememberEstimate,
  type MappingDraft,
} from './mapping';
import '../leads.css';

type Step = 'list' | 'file' | 'mapping';
const mappingFields = leadFields.map((f) => `options.mapping.fields.${f}` as const);
// The most specific first: a problem goes on the first field whose name it starts with.
const formFields = [
  'options.listId',
  'file',
  'options.saveMappingAs',
  'options.mapping.preset',
  'options.mapping.delimiter',
  'options.mapping.defaultRegion',
  ...mappingFields,
  'options.mapping.fields',
] as const;

/** Choose a list, upload a file, map its columns against the server's preview, start; then the progress page. */
export function ImportWizardPage() {
  const t = useMessages(importMessages).wizard;
  const words = useMessages(outboundWords);
  const navigate = useNavigate();
  const lists = useLeadLists();
  const saved = useQuery({
    queryKey: leadsKeys.mappings,
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/column-mappings')),
  });
  const [step, setStep] = useState<Step>('list');
  const [listId, setListId] = useState('');
  const [file, setFile] = useState<File>();
  const [draft, setDraft] = useState<MappingDraft>(emptyDraft);
  const [saveAs, setSaveAs] = useState('');
  const [preview, setPreview] = useState<LeadImportPreview>();
  const form = useForm(formFields);

  const options = (withMapping: boolean): ImportOptions => ({
    listId,
    ...(withMapping ? { mapping: mappingOf(draft) } : {}),
  });
  const read = useMutation({
    mutationFn: (input: { first: boolean }) => {
      if (!file) throw new Error('no file');
      return previewImport({ ...options(!input.first), rows: 10 }, file);
    },
    onSuccess: (answer, input) => {
      setPreview(answer);
      if (input.first) setDraft({ ...emptyDraft, fields: guessFields(answer.header ?? []) });
      form.reset();
      setStep('mapping');
    },
    onError: form.refuse,
  });
  const start = useMutation({
    mutationFn: () => {
      if (!file) throw new Error('no file');
      return startImport(
        { ...options(true), ...(saveAs.trim() ? { saveMappingAs: saveAs.trim() } : {}) },
        file,
      );
    },
    onSuccess: (job) => {
      if (preview && file) rememberEstimate(job.id, estimateRows(preview, file.size));
      void navigate({ to: '/outbound/imports/$importId', params: { importId: job.id } });
    },
    onError: form.refuse,
  });

  const next = (event: SyntheticEvent) => {
    event.preventDefault();
    if (step === 'list') {
      if (form.check({}, { 'options.listId': listId ? undefined : t.listMissing })) setStep('file');
      return;
    }
    if (step === 'file') {
      if (form.check({}, { file: file ? undefined : t.fileMissing })) read.mutate({ first: true });
      return;
    }
    start.mutate();
  };
  const mappingErrors = Object.fromEntries(
    Object.entries(form.errors)
      .filter(([, message]) => message)
      .map(([field, message]) => [field.replace(/^options\.(mapping\.)?/, ''), message]),
  );
  const noLists = lists.isSuccess && lists.data.lists.length === 0;
  const stepLabels: Record<Step, string> = t.steps;

  return (
    <div className="stack">
      <PageHeader eyebrow={words.eyebrow} title={t.title} description={t.description} />
      <ol className="wizard-steps" aria-label={t.steps.label}>
        {(['list', 'file', 'mapping'] as const).map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? '' : 'subtle'}>
            {stepLabels[s]}
          </li>
        ))}
      </ol>
      <Panel title={step === 'mapping' ? t.mapping.title : stepLabels[step]}>
        <form id={form.id} onSubmit={next} noValidate className="form">
          <FormError message={form.formError} />
          {step === 'list' ? (
            noLists ? (
              <Alert tone="warning">{t.noLists}</Alert>
            ) : (
              <SelectField
                label={t.list}
                hint={t.listHint}
                value={listId}
                onChange={(e) => {
                  setListId(e.target.value);
                  form.clear('options.listId');
                }}
                error={form.errors['options.listId']}
              >
                <option value="" />
                {(lists.data?.lists ?? []).map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </SelectField>
            )
          ) : null}
          {step === 'file' ? (
            read.isPending ? (
              <LoadingBlock label={t.reading} />
            ) : (
              <TextField
                label={t.file}
                hint={t.fileHint}
                type="file"
                accept=".csv,.tsv,.txt,.psv,text/csv,text/plain,text/tab-separated-values"
                onChange={(e) => {
                  setFile(e.target.files?.[0]);
                  form.clear('file');
                }}
                error={form.errors.file}
              />
            )
          ) : null}
          {step === 'mapping' && preview ? (
            <MappingStep
              preview={preview}
              draft={draft}
              onChange={(changed) => {
                setDraft(changed);
                form.reset();
              }}
              onRefresh={() => read.mutate({ first: false })}
              refreshing={read.isPending}
              saved={saved.data?.mappings ?? []}
              saveAs={saveAs}
              onSaveAs={(name) => {
                setSaveAs(name);
                form.clear('options.saveMappingAs');
              }}
              errors={mappingErrors}
            />
          ) : null}
          <div className="cluster">
            {step !== 'list' ? (
              <Button
                onClick={() => {
                  form.reset();
                  setStep(step === 'mapping' ? 'file' : 'list');
                }}
              >
                {t.back}
              </Button>
            ) : null}
            <Button
              type="submit"
              variant="primary"
              busy={start.isPending || read.isPending}
              disabled={noLists}
            >
              {step === 'mapping' ? t.mapping.start : t.next}
            </Button>
          </div>
        </form>
      </Panel>
    </div>
  );
}
