import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Lock } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { TextAreaField, TextField } from '@/kit/Field';
import { isValid, serverErrors, type FieldErrors } from '@/kit/forms';
import { toast } from '@/kit/toast';

type Field = 'name' | 'value';
export const secretNamePattern = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export function validateSecret(name: string, value: string): FieldErrors<Field> {
  return {
    name: !name ? 'Name the secret, such as twilio.auth_token.' : secretNamePattern.test(name) ? undefined : 'Use lower-case letters, digits, dots, dashes and underscores (up to 100), starting with a letter or digit.',
    value: value ? (value.length > 16_384 ? 'A secret holds at most 16,384 characters.' : undefined) : 'Paste the value.',
  };
}

/** Sets a new secret, or replaces one (`existing`): the old value is never shown, only overwritten. */
export function SecretDialog({ existing, open, onOpenChange }: { existing?: string | undefined; open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(existing ?? '');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string>();
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/secrets/{name}', { params: { path: { name } }, body: { value } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['secrets'] });
      toast.success(existing ? 'Secret replaced' : 'Secret stored', `${name} is encrypted; connectors read it from now on.`);
      close(false);
    },
    onError: (error) => {
      const split = serverErrors(error, ['name', 'value']);
      setErrors(split.fields);
      setFormError(split.form);
    },
  });

  function close(next: boolean) {
    if (!next) {
      setName(existing ?? '');
      setValue('');
      setErrors({});
      setFormError(undefined);
      save.reset();
    }
    onOpenChange(next);
  }

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems = validateSecret(name, value);
    setErrors(problems);
    setFormError(undefined);
    if (isValid(problems)) save.mutate();
  };

  return (
    <Modal
      open={open}
      onOpenChange={close}
      title={existing ? `Replace ${existing}` : 'Store a connector secret'}
      description={existing ? 'The new value takes the place of the old one, which is discarded.' : 'A password, token or key a connector needs to reach another system.'}
    >
      <form onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            {formError ? <Alert tone="danger">{formError}</Alert> : null}
            <TextField
              label="Name"
              className="input--mono"
              placeholder="teams.client_secret"
              value={name}
              onChange={(e) => setName(e.target.value.trim())}
              readOnly={Boolean(existing)}
              error={errors.name}
              hint={existing ? undefined : 'Connectors look secrets up by this name.'}
              autoFocus={!existing}
              spellCheck={false}
              autoComplete="off"
            />
            <TextAreaField
              label="Value"
              className="input--mono"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              error={errors.value}
              autoFocus={Boolean(existing)}
              spellCheck={false}
              autoComplete="off"
              rows={3}
            />
            <Alert tone="brand" icon={<Lock aria-hidden="true" />}>
              Write-only: Switchboard encrypts it and never shows it again, to anyone. To change it, replace it.
            </Alert>
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={() => close(false)}>Cancel</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {existing ? 'Replace secret' : 'Store secret'}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
