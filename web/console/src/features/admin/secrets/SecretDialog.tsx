import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Lock } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { messagesNow, useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { FormError, TextAreaField, TextField } from '@/kit/Field';
import { useForm, type FieldErrors } from '@/kit/forms';
import { toast } from '@/kit/toast';
import { secretsMessages } from './secrets.messages';

type Field = 'name' | 'value';
const fields: readonly Field[] = ['name', 'value'];
/** The server's pattern for a secret name; its length limit comes with the others from the OpenAPI document. */
export const secretNamePattern = /^[a-z0-9][a-z0-9._-]*$/;

/** The form's own checks; `useForm` adds the server's length limits. */
export function validateSecret(name: string, value: string): FieldErrors<Field> {
  const m = messagesNow(secretsMessages).dialog;
  return {
    name: !name ? m.nameMissing : secretNamePattern.test(name) ? undefined : m.nameInvalid,
    value: value ? undefined : m.valueMissing,
  };
}

/** Sets a new secret, or replaces one (`existing`): the old value is never shown, only overwritten. */
export function SecretDialog({
  existing,
  open,
  onOpenChange,
}: {
  existing?: string | undefined;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const m = useMessages(secretsMessages).dialog;
  const queryClient = useQueryClient();
  const [name, setName] = useState(existing ?? '');
  const [value, setValue] = useState('');
  const form = useForm(fields, 'PUT /api/v1/secrets/{name}');
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.PUT('/api/v1/secrets/{name}', { params: { path: { name } }, body: { value } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['secrets'] });
      toast.success(existing ? m.replaced : m.stored, m.savedDetail(name));
      close(false);
    },
    onError: form.refuse,
  });

  function close(next: boolean) {
    if (!next) {
      setName(existing ?? '');
      setValue('');
      form.reset();
      save.reset();
    }
    onOpenChange(next);
  }

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({ name, value }, validateSecret(name, value))) save.mutate();
  };

  return (
    <Modal
      open={open}
      onOpenChange={close}
      title={existing ? m.replaceTitle(existing) : m.newTitle}
      description={existing ? m.replaceDescription : m.newDescription}
    >
      <form id={form.id} onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            <FormError message={form.formError} />
            <TextField
              label={m.name}
              className="input--mono"
              placeholder="teams.client_secret"
              value={name}
              onChange={(e) => {
                setName(e.target.value.trim());
                form.clear('name');
              }}
              readOnly={Boolean(existing)}
              error={form.errors.name}
              limits={form.limit('name')}
              hint={existing ? undefined : m.nameHint}
              autoFocus={!existing}
              spellCheck={false}
              autoComplete="off"
            />
            <TextAreaField
              label={m.value}
              className="input--mono"
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                form.clear('value');
              }}
              error={form.errors.value}
              limits={form.limit('value')}
              autoFocus={Boolean(existing)}
              spellCheck={false}
              autoComplete="off"
              rows={3}
            />
            <Alert tone="brand" icon={<Lock aria-hidden="true" />}>
              {m.writeOnly}
            </Alert>
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={() => close(false)}>{m.cancel}</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {existing ? m.submitReplace : m.submitNew}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
