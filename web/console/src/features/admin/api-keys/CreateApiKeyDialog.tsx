import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { CopyButton } from '@/kit/CopyButton';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { Choice, ChoiceGroup, SelectField, TextField } from '@/kit/Field';
import { formatDate } from '@/kit/format';
import { isValid, serverErrors, type FieldErrors } from '@/kit/forms';
import { scopeGroups } from './scopes';

type Field = 'name' | 'scopes' | 'expiresAt';
const fields: readonly Field[] = ['name', 'scopes', 'expiresAt'];

const lifetimes = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
] as const;

type Lifetime = (typeof lifetimes)[number]['value'];

function expiryOf(lifetime: Lifetime, now = Date.now()): string | undefined {
  return lifetime === 'never' ? undefined : new Date(now + Number(lifetime) * 86_400_000).toISOString();
}

export function CreateApiKeyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['calls:ingest']);
  const [lifetime, setLifetime] = useState<Lifetime>('365');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string>();
  const create = useMutation({
    mutationFn: () => {
      const expiresAt = expiryOf(lifetime);
      return unwrap(api.POST('/api/v1/api-keys', { body: { name: name.trim(), scopes, ...(expiresAt ? { expiresAt } : {}) } }));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
    onError: (error) => {
      const split = serverErrors(error, fields);
      setErrors(split.fields);
      setFormError(split.form);
    },
  });

  // The key exists only in this dialog's memory: closing it forgets the key for good.
  const close = (next: boolean) => {
    if (!next) {
      setName('');
      setScopes(['calls:ingest']);
      setLifetime('365');
      setErrors({});
      setFormError(undefined);
      create.reset();
    }
    onOpenChange(next);
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems: FieldErrors<Field> = {
      name: name.trim() ? undefined : 'Name the key after what uses it, such as “Genesys connector”.',
      scopes: scopes.length ? undefined : 'Choose at least one thing the key may do.',
    };
    setErrors(problems);
    setFormError(undefined);
    if (isValid(problems)) create.mutate();
  };

  const toggle = (scope: string, on: boolean) => setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  if (create.data) {
    const { apiKey, key } = create.data;
    return (
      <Modal open={open} onOpenChange={close} title="Copy your API key now" description={`“${apiKey.name}” is ready. This is the only time Switchboard shows it.`}>
        <ModalBody>
          <div className="key-reveal">
            <div className="secret-reveal">
              <code data-testid="new-api-key" aria-label="The new API key">
                {key}
              </code>
              <CopyButton text={key} label="Copy key" />
            </div>
            <Alert tone="warning" icon={<TriangleAlert aria-hidden="true" />} title="It is not stored in readable form">
              Put it in your connector’s configuration or secret store now. If it is lost, revoke it and create another.
            </Alert>
            <p className="subtle">
              Send it in the <code>x-api-key</code> header. {apiKey.expiresAt ? `It expires on ${formatDate(apiKey.expiresAt)}.` : 'It does not expire.'}
            </p>
          </div>
        </ModalBody>
        <ModalFooter>
          <Button variant="primary" onClick={() => close(false)}>
            Done
          </Button>
        </ModalFooter>
      </Modal>
    );
  }

  return (
    <Modal open={open} onOpenChange={close} title="Create an API key" description="For a connector, script or integration. It acts for the organisation, with only the access you give it." wide>
      <form onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            {formError ? <Alert tone="danger">{formError}</Alert> : null}
            <div className="form-row">
              <TextField label="Name" placeholder="Genesys Cloud connector" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoFocus maxLength={200} />
              <SelectField label="Expires after" value={lifetime} onChange={(e) => setLifetime(e.target.value as Lifetime)} error={errors.expiresAt}>
                {lifetimes.map((l) => (
                  <option key={l.value} value={l.value}>
                    {l.label}
                  </option>
                ))}
              </SelectField>
            </div>
            <ChoiceGroup legend="What it may do" hint="Give only what it needs. A key can never manage users, keys or sign-in." error={errors.scopes} columns={false}>
              <div className="scope-groups">
                {scopeGroups.map((group) => (
                  <div key={group.title} className="scope-group" role="group" aria-label={group.title}>
                    <p className="scope-group__title" aria-hidden="true">
                      {group.title}
                    </p>
                    <div className="choice-grid">
                      {group.scopes.map((s) => (
                        <Choice
                          key={s.scope}
                          name="scopes"
                          value={s.scope}
                          checked={scopes.includes(s.scope)}
                          onChange={(e) => toggle(s.scope, e.target.checked)}
                          title={s.label}
                          description={'hint' in s ? `${s.scope} · ${s.hint}` : s.scope}
                        />
                      ))}
                    </div>
                  </div>
                ))}
              </div>
            </ChoiceGroup>
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={() => close(false)}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create key
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
