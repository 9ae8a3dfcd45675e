import { useMutation } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { FormDialog } from '@/kit/Dialog';
import { OptionsField, TextAreaField, TextField } from '@/kit/Field';
import { useForm, type FieldErrors } from '@/kit/forms';
import {
  privacyApi,
  requestChannels,
  requestKinds,
  type CreateRequestInput,
  type DataSubjectRequest,
  type RequestChannel,
  type RequestKind,
} from '../privacy.api';
import { privacyMessages } from '../privacy.messages';

type Field = 'kind' | 'customerId' | 'email' | 'phone' | 'channel' | 'note';
const fields: readonly Field[] = ['kind', 'customerId', 'email', 'phone', 'channel', 'note'];

/** Records a request made on a person's behalf (by phone, e-mail, letter): who it is about, how it came. */
export function CreateRequestDialog({
  customerId,
  onClose,
  onCreated,
}: {
  customerId: string | undefined;
  onClose: () => void;
  onCreated: (request: DataSubjectRequest) => void;
}) {
  const m = useMessages(privacyMessages);
  const c = m.create;
  const form = useForm(fields);
  const [kind, setKind] = useState<RequestKind>('access');
  const [channel, setChannel] = useState<RequestChannel>('email');
  const [values, setValues] = useState({ customerId: customerId ?? '', email: '', phone: '', note: '' });
  const create = useMutation({
    mutationFn: (input: CreateRequestInput) => privacyApi.create(input),
    onSuccess: onCreated,
    onError: (error) => form.refuse(error),
  });
  const set =
    (field: 'customerId' | 'email' | 'phone' | 'note') => (event: { target: { value: string } }) => {
      setValues({ ...values, [field]: event.target.value });
      form.clear(field);
    };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const subject = {
      customerId: values.customerId.trim(),
      email: values.email.trim(),
      phone: values.phone.replace(/[\s()-]/g, ''),
    };
    const problems: FieldErrors<Field> = {};
    if (!subject.customerId && !subject.email && !subject.phone) problems.customerId = c.subjectMissing;
    if (!form.check(values, problems)) return;
    create.mutate({
      kind,
      channel,
      ...(subject.customerId ? { customerId: subject.customerId } : {}),
      ...(subject.email ? { email: subject.email } : {}),
      ...(subject.phone ? { phone: subject.phone } : {}),
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    });
  };
  return (
    <FormDialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={c.title}
      description={c.description}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={c.cancel}
      onCancel={onClose}
      submitLabel={c.submit}
      busy={create.isPending}
    >
      <OptionsField
        label={c.kind}
        value={kind}
        options={requestKinds}
        labels={m.kinds}
        onPick={setKind}
        error={form.errors.kind}
      />
      <TextField
        label={c.customer}
        hint={c.customerHint}
        value={values.customerId}
        onChange={set('customerId')}
        error={form.errors.customerId}
        maxLength={64}
        className="mono"
      />
      <TextField
        label={c.email}
        type="email"
        optional
        value={values.email}
        onChange={set('email')}
        error={form.errors.email}
        maxLength={320}
      />
      <TextField
        label={c.phone}
        type="tel"
        optional
        hint={c.phoneHint}
        value={values.phone}
        onChange={set('phone')}
        error={form.errors.phone}
        maxLength={32}
      />
      <OptionsField
        label={c.channel}
        value={channel}
        options={requestChannels}
        labels={m.channels}
        onPick={setChannel}
        error={form.errors.channel}
      />
      <TextAreaField
        label={c.note}
        hint={c.noteHint}
        optional
        rows={3}
        value={values.note}
        onChange={set('note')}
        error={form.errors.note}
        maxLength={2000}
      />
    </FormDialog>
  );
}
