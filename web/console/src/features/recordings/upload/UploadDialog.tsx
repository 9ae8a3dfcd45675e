import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type SyntheticEvent } from 'react';
import { ApiError, isApiError } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { FormError, SelectField, TextField } from '@/kit/Field';
import { formatRatio } from '@/kit/format';
import { limitProblem, useForm } from '@/kit/forms';
import { toast } from '@/kit/toast';
import {
  fileLimits,
  metadataLimits,
  recordingDirections,
  type RecordingDirection,
  type RecordingMetadata,
  type RecordingParty,
  type RecordingSummary,
} from '@/api/recordings';
import { formatBytes } from '../recordings.format';
import { recordingWords } from '../recordings.messages';
import { uploadRecording, type Progress } from './upload';
import { uploadMessages } from './upload.messages';

type Field =
  | 'file'
  | 'source'
  | 'sourceRecordingId'
  | 'startedAt'
  | 'direction'
  | 'agent'
  | 'queue'
  | 'language'
  | 'agentNumber'
  | 'customerNumber';
const fields: readonly Field[] = [
  'file',
  'source',
  'sourceRecordingId',
  'startedAt',
  'direction',
  'agent',
  'queue',
  'language',
  'agentNumber',
  'customerNumber',
];

const transcriptPattern = /\.(vtt|srt|json)$/i;
/** A transcript by its name or type; anything else is sent as audio (the server sniffs it). */
export const isTranscriptFile = (file: File) =>
  transcriptPattern.test(file.name) || file.type === 'text/vtt' || file.type === 'application/json';

/** The metadata as the form sends it, and which field each party came from (for refusals on `parties.N`). */
function metadataOf(values: Record<Exclude<Field, 'file'>, string>): {
  metadata: RecordingMetadata;
  partyFields: Field[];
} {
  const parties: RecordingParty[] = [];
  const partyFields: Field[] = [];
  if (values.agentNumber.trim()) {
    parties.push({ number: values.agentNumber.trim(), role: 'agent' });
    partyFields.push('agentNumber');
  }
  if (values.customerNumber.trim()) {
    parties.push({ number: values.customerNumber.trim(), role: 'customer' });
    partyFields.push('customerNumber');
  }
  const startedAt = values.startedAt ? new Date(values.startedAt) : undefined;
  const metadata: RecordingMetadata = {
    source: values.source.trim(),
    sourceRecordingId: values.sourceRecordingId.trim(),
    ...(startedAt && !Number.isNaN(startedAt.getTime()) ? { startedAt: startedAt.toISOString() } : {}),
    ...(values.direction ? { direction: values.direction as RecordingDirection } : {}),
    ...(values.agent.trim() ? { agent: { name: values.agent.trim() } } : {}),
    ...(values.queue.trim() ? { queue: values.queue.trim() } : {}),
    ...(values.language.trim() ? { language: values.language.trim() } : {}),
    ...(parties.length > 0 ? { parties } : {}),
  };
  return { metadata, partyFields };
}

/**
 * The server names metadata fields `metadata.<field>` (`body.metadata.…` in the two-step upload)
 * and the file parts `audio` / `transcript`; this puts each on the form's field.
 */
export function onFormFields(error: unknown, partyFields: readonly Field[]): unknown {
  if (!isApiError(error)) return error;
  const fieldOf = (name: string): string => {
    const field = name.replace(/^(body\.)?metadata\./, '');
    const party = /^parties\.(\d+)/.exec(field);
    if (party) return partyFields[Number(party[1])] ?? 'agentNumber';
    if (field === 'parties') return partyFields[0] ?? 'agentNumber';
    if (/^(audio|transcript|bytes|sha256|body|headers\.content-type)$/.test(field)) return 'file';
    return field;
  };
  return new ApiError({
    status: error.status,
    code: error.code,
    message: error.message,
    fields: error.fields.map((f) => ({ field: fieldOf(f.field), message: f.message })),
    requestId: error.requestId,
  });
}

interface Props {
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  readonly onUploaded?: (recording: RecordingSummary) => void;
}

/** Upload a recording (audio or a transcript) with its metadata, with progress; refusals land on their fields. */
export function UploadDialog({ open, onOpenChange, onUploaded }: Props) {
  const m = useMessages(uploadMessages);
  const words = useMessages(recordingWords);
  const queryClient = useQueryClient();
  const form = useForm(fields);
  const [file, setFile] = useState<File>();
  const [values, setValues] = useState<Record<Exclude<Field, 'file'>, string>>({
    source: 'upload',
    sourceRecordingId: '',
    startedAt: '',
    direction: '',
    agent: '',
    queue: '',
    language: '',
    agentNumber: '',
    customerNumber: '',
  });
  const [progress, setProgress] = useState<Progress>();
  const abort = useRef<AbortController>(undefined);

  const upload = useMutation({
    mutationFn: () => {
      const { metadata, partyFields } = metadataOf(values);
      const controller = new AbortController();
      abort.current = controller;
      const transcript = file && isTranscriptFile(file) ? file : undefined;
      return uploadRecording({
        metadata,
        audio: transcript ? undefined : file,
        transcript,
        onProgress: setProgress,
        signal: controller.signal,
      }).catch((error: unknown) => {
        throw onFormFields(error, partyFields);
      });
    },
    onSuccess: ({ recording, existing }) => {
      void queryClient.invalidateQueries({ queryKey: ['recordings'] });
      toast.success(existing ? m.existing : m.uploaded);
      onOpenChange(false);
      onUploaded?.(recording);
    },
    onError: (error) => {
      setProgress(undefined);
      if (error instanceof DOMException && error.name === 'AbortError') toast.info(m.cancelled);
      else form.refuse(error);
    },
  });

  const set = (field: Exclude<Field, 'file'>) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    form.clear(field);
  };

  const close = (next: boolean) => {
    if (!next) abort.current?.abort();
    onOpenChange(next);
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const limit = file && isTranscriptFile(file) ? fileLimits.transcriptBytes : fileLimits.audioBytes;
    const max = (field: keyof typeof metadataLimits, value: string) =>
      limitProblem(value.trim(), { maxLength: metadataLimits[field] });
    const problems = {
      file: !file
        ? m.fileMissing
        : file.size > limit
          ? m.fileTooLarge(formatBytes(limit), formatBytes(file.size))
          : undefined,
      source: values.source.trim() ? max('source', values.source) : m.sourceMissing,
      sourceRecordingId: values.sourceRecordingId.trim()
        ? max('sourceRecordingId', values.sourceRecordingId)
        : m.sourceRecordingIdMissing,
      agent: max('agent', values.agent),
      queue: max('queue', values.queue),
      language: max('language', values.language),
      agentNumber: max('partyNumber', values.agentNumber),
      customerNumber: max('partyNumber', values.customerNumber),
    };
    if (form.check({}, problems)) upload.mutate();
  };

  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    form.clear('file');
    if (chosen && !values.sourceRecordingId.trim()) set('sourceRecordingId')(chosen.name);
  };

  const busy = upload.isPending;
  const percent = progress && progress.total > 0 ? progress.loaded / progress.total : 0;
  return (
    <Modal open={open} onOpenChange={close} title={m.title} description={m.description} wide>
      <form id={form.id} onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            <FormError message={form.formError} />
            <TextField
              label={m.file}
              type="file"
              accept="audio/*,video/webm,video/mp4,.wav,.mp3,.ogg,.opus,.flac,.m4a,.amr,.aiff,.au,.gsm,.vtt,.srt,.json"
              hint={
                file
                  ? m.chosen(
                      file.name,
                      formatBytes(file.size),
                      isTranscriptFile(file) ? m.kindTranscript : m.kindAudio,
                    )
                  : m.fileHint(formatBytes(fileLimits.audioBytes), formatBytes(fileLimits.transcriptBytes))
              }
              onChange={(e) => choose(e.target.files?.[0])}
              error={form.errors.file}
              disabled={busy}
            />
            <div className="form-row">
              <TextField
                label={m.source}
                hint={m.sourceHint}
                value={values.source}
                onChange={(e) => set('source')(e.target.value)}
                error={form.errors.source}
                maxLength={metadataLimits.source}
                autoComplete="off"
              />
              <TextField
                label={m.sourceRecordingId}
                hint={m.sourceRecordingIdHint}
                value={values.sourceRecordingId}
                onChange={(e) => set('sourceRecordingId')(e.target.value)}
                error={form.errors.sourceRecordingId}
                maxLength={metadataLimits.sourceRecordingId}
                autoComplete="off"
              />
            </div>
            <div className="form-row">
              <TextField
                label={m.startedAt}
                type="datetime-local"
                step={1}
                optional
                value={values.startedAt}
                onChange={(e) => set('startedAt')(e.target.value)}
                error={form.errors.startedAt}
              />
              <SelectField
                label={m.direction}
                optional
                value={values.direction}
                onChange={(e) => set('direction')(e.target.value)}
                error={form.errors.direction}
              >
                <option value="">{m.unknownDirection}</option>
                {recordingDirections
                  .filter((d) => d !== 'unknown')
                  .map((d) => (
                    <option key={d} value={d}>
                      {words.directions[d]}
                    </option>
                  ))}
              </SelectField>
            </div>
            <div className="form-row">
              <TextField
                label={m.agent}
                hint={m.agentHint}
                optional
                value={values.agent}
                onChange={(e) => set('agent')(e.target.value)}
                error={form.errors.agent}
                maxLength={metadataLimits.agent}
              />
              <TextField
                label={m.queue}
                optional
                value={values.queue}
                onChange={(e) => set('queue')(e.target.value)}
                error={form.errors.queue}
                maxLength={metadataLimits.queue}
              />
            </div>
            <div className="form-row">
              <TextField
                label={m.agentNumber}
                optional
                inputMode="tel"
                value={values.agentNumber}
                onChange={(e) => set('agentNumber')(e.target.value)}
                error={form.errors.agentNumber}
                maxLength={metadataLimits.partyNumber}
                hint={m.partiesHint}
              />
              <TextField
                label={m.customerNumber}
                optional
                inputMode="tel"
                value={values.customerNumber}
                onChange={(e) => set('customerNumber')(e.target.value)}
                error={form.errors.customerNumber}
                maxLength={metadataLimits.partyNumber}
              />
            </div>
            <TextField
              label={m.language}
              hint={m.languageHint}
              optional
              value={values.language}
              onChange={(e) => set('language')(e.target.value)}
              error={form.errors.language}
              maxLength={metadataLimits.language}
              autoComplete="off"
            />
            {busy ? (
              <div className="recordings-upload-progress">
                <progress
                  max={1}
                  value={percent}
                  aria-label={m.progressLabel}
                  aria-valuetext={
                    progress
                      ? m.progress(
                          formatBytes(progress.loaded),
                          formatBytes(progress.total),
                          formatRatio(percent),
                        )
                      : m.uploading
                  }
                />
                <p className="subtle" aria-live="polite">
                  {progress
                    ? m.progress(
                        formatBytes(progress.loaded),
                        formatBytes(progress.total),
                        formatRatio(percent),
                      )
                    : m.uploading}
                </p>
              </div>
            ) : null}
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={() => close(false)}>{m.cancel}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {m.submit}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
