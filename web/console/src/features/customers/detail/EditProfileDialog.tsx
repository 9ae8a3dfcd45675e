import { useMutation } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { isApiError } from '@/api/problem';
import { useMessages } from '@/i18n';
import { FormDialog } from '@/kit/Dialog';
import { TextField } from '@/kit/Field';
import { emailPattern, useForm, type FieldErrors } from '@/kit/forms';
import { customersApi, type Customer, type CustomerPatch } from '../customers.api';
import { customersMessages } from '../customers.messages';

type Field = 'name' | 'email' | 'phone' | 'language';
const fields: readonly Field[] = ['name', 'email', 'phone', 'language'];

/**
 * Rectification of the profile: sends only what changed, with the version shown (If-Match). The
 * server's field errors land on their fields; a change made meanwhile (409/412) reloads the profile.
 */
export function EditProfileDialog({
  customer,
  onClose,
  onSaved,
  onStale,
}: {
  customer: Customer;
  onClose: () => void;
  onSaved: (customer: Customer) => void;
  onStale: () => void;
}) {
  const m = useMessages(customersMessages);
  const e = m.edit;
  const form = useForm(fields);
  const [values, setValues] = useState<Record<Field, string>>({
    name: customer.name ?? '',
    email: customer.email ?? '',
    phone: customer.phone ?? '',
    language: customer.language ?? '',
  });
  const save = useMutation({
    mutationFn: (patch: CustomerPatch) => customersApi.update(customer.id, patch, customer.version),
    onSuccess: onSaved,
    onError: (error) => {
      if (isApiError(error) && (error.status === 409 || error.status === 412)) {
        form.show({}, e.stale);
        onStale();
      } else form.refuse(error);
    },
  });
  const set = (field: Field) => (event: { target: { value: string } }) => {
    setValues({ ...values, [field]: event.target.value });
    form.clear(field);
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = {
      name: values.name.trim(),
      email: values.email.trim(),
      phone: values.phone.replace(/[\s()-]/g, ''),
      language: values.language.trim(),
    };
    const problems: FieldErrors<Field> = {};
    if (!trimmed.name) problems.name = e.nameMissing;
    if (trimmed.email && !emailPattern.test(trimmed.email)) problems.email = e.emailInvalid;
    if (trimmed.phone && !/^\+[1-9]\d{6,14}$/.test(trimmed.phone)) problems.phone = e.phoneInvalid;
    if (!form.check(values, problems)) return;
    const patch: { -readonly [K in keyof CustomerPatch]: CustomerPatch[K] } = {};
    if (trimmed.name !== customer.name) patch.name = trimmed.name;
    if (trimmed.email !== (customer.email ?? '')) patch.email = trimmed.email || null;
    if (trimmed.phone !== (customer.phone ?? '')) patch.phone = trimmed.phone || null;
    if (trimmed.language !== (customer.language ?? '')) patch.language = trimmed.language || null;
    if (Object.keys(patch).length === 0) {
      form.show({}, e.nothingChanged);
      return;
    }
    save.mutate(patch);
  };
  return (
    <FormDialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={e.title}
      description={e.description}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={e.cancel}
      onCancel={onClose}
      submitLabel={e.submit}
      busy={save.isPending}
    >
      <TextField
        label={m.fields.name}
        value={values.name}
        onChange={set('name')}
        error={form.errors.name}
        maxLength={200}
      />
      <TextField
        label={m.fields.email}
        type="email"
        optional
        value={values.email}
        onChange={set('email')}
        error={form.errors.email}
        maxLength={320}
      />
      <TextField
        label={m.fields.phone}
        type="tel"
        optional
        hint={e.phoneHint}
        value={values.phone}
        onChange={set('phone')}
        error={form.errors.phone}
        maxLength={32}
      />
      <TextField
        label={m.fields.language}
        optional
        hint={e.languageHint}
        value={values.language}
        onChange={set('language')}
        error={form.errors.language}
        maxLength={35}
      />
    </FormDialog>
  );
}
