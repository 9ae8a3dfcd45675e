import { useMutation } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { FormDialog } from '@/kit/Dialog';
import { OptionsField, TextAreaField } from '@/kit/Field';
import { useForm, type FieldErrors } from '@/kit/forms';
import { privacyApi, verificationMethods, type RequestDetail, type VerificationMethod } from '../privacy.api';
import { privacyMessages } from '../privacy.messages';

interface DialogProps {
  readonly request: RequestDetail;
  readonly onClose: () => void;
  readonly onDone: () => void;
}

/** How the person's identity was checked, with a note: the request may then be processed. */
export function VerifyDialog({ request, onClose, onDone }: DialogProps) {
  const m = useMessages(privacyMessages);
  const a = m.actions;
  const form = useForm(['method', 'note'] as const);
  const [method, setMethod] = useState<VerificationMethod>('id_document');
  const [note, setNote] = useState('');
  const verify = useMutation({
    mutationFn: () => privacyApi.verify(request.id, { method, note: note.trim() }),
    onSuccess: onDone,
    onError: (error) => form.refuse(error),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    // The server keeps the note (sealed under the person's keys): it is what the check rests on.
    const problems: FieldErrors<'note'> = {};
    if (!note.trim()) problems.note = a.noteMissing;
    if (form.check({ note }, problems)) verify.mutate();
  };
  const labels = m.methods;
  return (
    <FormDialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={a.verifyTitle}
      description={a.verifyText}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={a.cancel}
      onCancel={onClose}
      submitLabel={a.verify}
      busy={verify.isPending}
    >
      <OptionsField
        label={a.method}
        value={method}
        options={verificationMethods}
        labels={labels}
        onPick={setMethod}
        error={form.errors.method}
      />
      <TextAreaField
        label={a.note}
        rows={2}
        value={note}
        onChange={(e) => {
          setNote(e.target.value);
          form.clear('note');
        }}
        error={form.errors.note}
        maxLength={1000}
      />
    </FormDialog>
  );
}

/** Reject or extend: both need a reason the person is told. */
export function ReasonDialog({
  request,
  onClose,
  onDone,
  action,
}: DialogProps & { action: 'reject' | 'extend' }) {
  const a = useMessages(privacyMessages).actions;
  const form = useForm(['reason'] as const);
  const [reason, setReason] = useState('');
  const send = useMutation({
    mutationFn: () =>
      action === 'reject'
        ? privacyApi.reject(request.id, reason.trim())
        : privacyApi.extend(request.id, reason.trim()),
    onSuccess: onDone,
    onError: (error) => form.refuse(error),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems: FieldErrors<'reason'> = {};
    if (!reason.trim()) problems.reason = a.reasonMissing;
    if (form.check({ reason }, problems)) send.mutate();
  };
  return (
    <FormDialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={action === 'reject' ? a.rejectTitle : a.extendTitle}
      description={action === 'reject' ? a.rejectText : a.extendText}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={a.cancel}
      onCancel={onClose}
      submitLabel={action === 'reject' ? a.reject : a.extend}
      busy={send.isPending}
    >
      <TextAreaField
        label={a.reason}
        rows={3}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          form.clear('reason');
        }}
        error={form.errors.reason}
        maxLength={1000}
      />
    </FormDialog>
  );
}
