import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Wand2 } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Role } from '@/api/types';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { CopyButton } from '@/kit/CopyButton';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { TextField } from '@/kit/Field';
import { emailPattern, isValid, serverErrors, type FieldErrors } from '@/kit/forms';
import { toast } from '@/kit/toast';
import { RolePicker } from './RolePicker';

type Field = 'email' | 'displayName' | 'password' | 'roles';
const fields: readonly Field[] = ['email', 'displayName', 'password', 'roles'];
export const minPasswordLength = 12;

interface Values {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
}

export function validateNewUser(values: Values): FieldErrors<Field> {
  return {
    email: !values.email.trim() ? 'Enter their e-mail address.' : emailPattern.test(values.email.trim()) ? undefined : 'Enter an e-mail address such as name@example.com.',
    password:
      values.password && values.password.length < minPasswordLength ? `Use at least ${minPasswordLength} characters, or leave it empty for single sign-on only.` : undefined,
    roles: values.roles.length === 0 ? 'Choose at least one role.' : undefined,
  };
}

/** 20 characters from an unambiguous alphabet: about 115 bits. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

const empty: Values = { email: '', displayName: '', password: '', roles: ['agent'] };

export function CreateUserDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(empty);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string>();
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
      setErrors({});
      setFormError(undefined);
      create.reset();
    }
    onOpenChange(next);
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems = validateNewUser(values);
    setErrors(problems);
    setFormError(undefined);
    if (!isValid(problems)) return;
    create.mutate(values, {
      onSuccess: (user) => {
        void queryClient.invalidateQueries({ queryKey: ['users'] });
        toast.success('User added', `${user.email} can sign in now.`);
        close(false);
      },
      onError: (error) => {
        const split = serverErrors(error, fields);
        setErrors(split.fields);
        setFormError(split.form);
      },
    });
  };

  const set = (field: Exclude<Field, 'roles'>) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  return (
    <Modal open={open} onOpenChange={close} title="Add a user" description="They sign in with this e-mail address and password, or through your sign-in provider." wide>
      <form onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            {formError ? <Alert tone="danger">{formError}</Alert> : null}
            <div className="form-row">
              <TextField label="E-mail address" type="email" autoComplete="off" value={values.email} onChange={set('email')} error={errors.email} autoFocus />
              <TextField label="Name" optional autoComplete="off" value={values.displayName} onChange={set('displayName')} error={errors.displayName} />
            </div>
            <TextField
              label="Initial password"
              optional
              type="text"
              autoComplete="new-password"
              spellCheck={false}
              className="input--mono"
              value={values.password}
              onChange={set('password')}
              error={errors.password}
              hint="Share it with them securely. Leave it empty if they only sign in through a sign-in provider."
              action={
                <>
                  <Button icon={<Wand2 aria-hidden="true" />} onClick={() => setValues((v) => ({ ...v, password: generatePassword() }))}>
                    Generate
                  </Button>
                  {values.password ? <CopyButton text={values.password} compact label="Copy password" /> : null}
                </>
              }
            />
            <RolePicker value={values.roles} onChange={(roles) => setValues((v) => ({ ...v, roles }))} error={errors.roles} />
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={() => close(false)}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Add user
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
