import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Wand2 } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Role } from '@/api/types';
import { messagesNow, useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { CopyButton } from '@/kit/CopyButton';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { FormError, TextField } from '@/kit/Field';
import { emailPattern, useForm, type FieldErrors } from '@/kit/forms';
import { toast } from '@/kit/toast';
import { RolePicker } from './RolePicker';
import { usersMessages } from './users.messages';

type Field = 'email' | 'displayName' | 'password' | 'roles';
const fields: readonly Field[] = ['email', 'displayName', 'password', 'roles'];
export const minPasswordLength = 12;

interface Values {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
}

/** The form's own checks; the server's length limits are checked by `useForm` beside them. */
export function validateNewUser(values: Values): FieldErrors<Field> {
  const m = messagesNow(usersMessages).create;
  return {
    email: !values.email.trim()
      ? m.emailMissing
      : emailPattern.test(values.email.trim())
        ? undefined
        : m.emailInvalid,
    password:
      values.password && values.password.length < minPasswordLength
        ? m.passwordShort(minPasswordLength)
        : undefined,
    roles: values.roles.length === 0 ? messagesNow(usersMessages).roles.missing : undefined,
  };
}

/** 20 characters from an unambiguous alphabet: about 115 bits. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

const empty: Values = { email: '', displayName: '', password: '', roles: ['agent'] };

export function CreateUserDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const m = useMessages(usersMessages).create;
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(empty);
  const form = useForm(fields, 'POST /api/v1/users');
  const create = useMutation({
    mutationFn: (v: Values) =>
      unwrap(
        api.POST('/api/v1/users', {
          body: {
            email: v.email.trim(),
            kind: 'employee',
            roles: v.roles,
            ...(v.displayName.trim() ? { displayName: v.displayName.trim() } : {}),
            ...(v.password ? { password: v.password } : {}),
          },
        }),
      ),
  });

  const close = (next: boolean) => {
    if (!next) {
      setValues(empty);
      form.reset();
      create.reset();
    }
    onOpenChange(next);
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const sent = {
      email: values.email.trim(),
      displayName: values.displayName.trim(),
      password: values.password,
      roles: values.roles,
    };
    if (!form.check(sent, validateNewUser(values))) return;
    create.mutate(values, {
      onSuccess: (user) => {
        void queryClient.invalidateQueries({ queryKey: ['users'] });
        toast.success(m.added, m.addedDetail(user.email));
        close(false);
      },
      onError: form.refuse,
    });
  };

  const set = (field: Exclude<Field, 'roles'>) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    form.clear(field);
  };

  return (
    <Modal open={open} onOpenChange={close} title={m.title} description={m.description} wide>
      <form id={form.id} onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            <FormError message={form.formError} />
            <div className="form-row">
              <TextField
                label={m.email}
                type="email"
                autoComplete="off"
                value={values.email}
                onChange={set('email')}
                error={form.errors.email}
                limits={form.limit('email')}
                autoFocus
              />
              <TextField
                label={m.name}
                optional
                autoComplete="off"
                value={values.displayName}
                onChange={set('displayName')}
                error={form.errors.displayName}
                limits={form.limit('displayName')}
              />
            </div>
            <TextField
              label={m.password}
              optional
              type="text"
              autoComplete="new-password"
              spellCheck={false}
              className="input--mono"
              value={values.password}
              onChange={set('password')}
              error={form.errors.password}
              limits={form.limit('password')}
              hint={m.passwordHint}
              action={
                <>
                  <Button
                    icon={<Wand2 aria-hidden="true" />}
                    onClick={() => setValues((v) => ({ ...v, password: generatePassword() }))}
                  >
                    {m.generate}
                  </Button>
                  {values.password ? (
                    <CopyButton text={values.password} compact label={m.copyPassword} />
                  ) : null}
                </>
              }
            />
            <RolePicker
              value={values.roles}
              onChange={(roles) => {
                setValues((v) => ({ ...v, roles }));
                form.clear('roles');
              }}
              error={form.errors.roles}
            />
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={() => close(false)}>{m.cancel}</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {m.submit}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
