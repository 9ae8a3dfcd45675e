import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { CopyButton } from '@/kit/CopyButton';
import { Modal, ModalBody, ModalFooter } from '@/kit/Dialog';
import { Choice, ChoiceGroup, FormError, SelectField, TextField } from '@/kit/Field';
import { formatDate } from '@/kit/format';
import { useForm } from '@/kit/forms';
import { apiKeysMessages } from './api-keys.messages';
import { scopeGroups } from './scopes';
import { scopeMessages } from './scopes.messages';

type Field = 'name' | 'scopes' | 'expiresAt';
const fields: readonly Field[] = ['name', 'scopes', 'expiresAt'];

const lifetimes = [
  { value: '30', label: 'days30' },
  { value: '90', label: 'days90' },
  { value: '365', label: 'year' },
  { value: 'never', label: 'never' },
] as const;

type Lifetime = (typeof lifetimes)[number]['value'];

function expiryOf(lifetime: Lifetime, now = Date.now()): string | undefined {
  return lifetime === 'never' ? undefined : new Date(now + Number(lifetime) * 86_400_000).toISOString();
}

export function CreateApiKeyDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const m = useMessages(apiKeysMessages);
  const scopeWords = useMessages(scopeMessages);
  // Only some scopes have a hint.
  const hints: Partial<Record<string, string>> = scopeWords.hints;
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['calls:ingest']);
  const [lifetime, setLifetime] = useState<Lifetime>('365');
  const form = useForm(fields, 'POST /api/v1/api-keys');
  const create = useMutation({
    mutationFn: () => {
      const expiresAt = expiryOf(lifetime);
      return unwrap(
        api.POST('/api/v1/api-keys', {
          body: { name: name.trim(), scopes, ...(expiresAt ? { expiresAt } : {}) },
        }),
      );
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
    onError: form.refuse,
  });

  // The key exists only in this dialog's memory: closing it forgets the key for good.
  const close = (next: boolean) => {
    if (!next) {
      setName('');
      setScopes(['calls:ingest']);
      setLifetime('365');
      form.reset();
      create.reset();
    }
    onOpenChange(next);
  };

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const valid = form.check(
      { name: name.trim(), scopes },
      {
        name: name.trim() ? undefined : m.dialog.nameMissing,
        scopes: scopes.length ? undefined : m.dialog.scopesMissing,
      },
    );
    if (valid) create.mutate();
  };

  const toggle = (scope: string, on: boolean) => {
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
    form.clear('scopes');
  };

  if (create.data) {
    const { apiKey, key } = create.data;
    return (
      <Modal
        open={open}
        onOpenChange={close}
        title={m.reveal.title}
        description={m.reveal.description(apiKey.name)}
      >
        <ModalBody>
          <div className="key-reveal">
            <div className="secret-reveal">
              <code data-testid="new-api-key" aria-label={m.reveal.keyLabel}>
                {key}
              </code>
              <CopyButton text={key} label={m.reveal.copy} />
            </div>
            <Alert tone="warning" icon={<TriangleAlert aria-hidden="true" />} title={m.reveal.notStored}>
              {m.reveal.notStoredDetail}
            </Alert>
            <p className="subtle">
              {m.reveal.sendInBefore}
              <code>x-api-key</code>
              {m.reveal.sendInAfter}{' '}
              {apiKey.expiresAt ? m.reveal.expiresOn(formatDate(apiKey.expiresAt)) : m.reveal.neverExpires}
            </p>
          </div>
        </ModalBody>
        <ModalFooter>
          <Button variant="primary" onClick={() => close(false)}>
            {m.reveal.done}
          </Button>
        </ModalFooter>
      </Modal>
    );
  }

  return (
    <Modal open={open} onOpenChange={close} title={m.dialog.title} description={m.dialog.description} wide>
      <form id={form.id} onSubmit={submit} noValidate className="dialog-form">
        <ModalBody>
          <div className="form">
            <FormError message={form.formError} />
            <div className="form-row">
              <TextField
                label={m.dialog.name}
                placeholder={m.dialog.namePlaceholder}
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  form.clear('name');
                }}
                error={form.errors.name}
                limits={form.limit('name')}
                autoFocus
              />
              <SelectField
                label={m.dialog.expires}
                value={lifetime}
                onChange={(e) => setLifetime(e.target.value as Lifetime)}
                error={form.errors.expiresAt}
              >
                {lifetimes.map((l) => (
                  <option key={l.value} value={l.value}>
                    {m.dialog.lifetimes[l.label]}
                  </option>
                ))}
              </SelectField>
            </div>
            <ChoiceGroup
              legend={m.dialog.scopes}
              hint={m.dialog.scopesHint}
              error={form.errors.scopes}
              columns={false}
            >
              <div className="scope-groups">
                {scopeGroups.map((group) => (
                  <div
                    key={group.id}
                    className="scope-group"
                    role="group"
                    aria-label={scopeWords.groups[group.id]}
                  >
                    <p className="scope-group__title" aria-hidden="true">
                      {scopeWords.groups[group.id]}
                    </p>
                    <div className="choice-grid">
                      {group.scopes.map((scope) => {
                        const hint = hints[scope];
                        return (
                          <Choice
                            key={scope}
                            name="scopes"
                            value={scope}
                            checked={scopes.includes(scope)}
                            onChange={(e) => toggle(scope, e.target.checked)}
                            title={scopeWords.labels[scope]}
                            description={hint ? `${scope} · ${hint}` : scope}
                          />
                        );
                      })}
                    </div>
                  </div>
                ))}
              </div>
            </ChoiceGroup>
          </div>
        </ModalBody>
        <ModalFooter>
          <Button onClick={() => close(false)}>{m.dialog.cancel}</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {m.dialog.submit}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
