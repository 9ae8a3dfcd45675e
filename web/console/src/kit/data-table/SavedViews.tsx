import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Bookmark, Trash2 } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Button, IconButton } from '../Button';
import { CopyButton } from '../CopyButton';
import { Modal, ModalBody, ModalFooter } from '../Dialog';
import { SelectField, TextField } from '../Field';
import { serverErrors } from '../forms';
import { toast } from '../toast';
import { dataTableMessages } from './data-table.messages';

const maxName = 80;

interface Props {
  /** The list's name on the server (`calls`, `users`…). */
  readonly list: string;
  /** The list's state now: its address query string. */
  readonly state: string;
  /** Opens a view: the page puts its state in the address. */
  readonly onPick: (state: string) => void;
}

/**
 * A user's saved views of a list: pick one (its state goes to the address, so it is a link like
 * any other), save the current state under a name, delete one, or copy the link to share the state.
 */
export function SavedViews({ list, state, onPick }: Props) {
  const t = useMessages(dataTableMessages).views;
  const queryClient = useQueryClient();
  const key = ['views', list];
  const views = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/views', { params: { query: { list } } })),
  });
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();

  const create = useMutation({
    mutationFn: (viewName: string) =>
      unwrap(api.POST('/api/v1/views', { body: { list, name: viewName, state } })),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: key });
      toast.success(t.saved(view.name));
      setSaving(false);
      setName('');
    },
  });
  const remove = useMutation({
    mutationFn: (view: { id: string; name: string }) =>
      unwrap(api.DELETE('/api/v1/views/{viewId}', { params: { path: { viewId: view.id } } })).then(
        () => view,
      ),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: key });
      toast.success(t.deleted(view.name));
    },
  });

  const items = views.data?.items ?? [];
  const current = items.find((v) => v.state === state);
  const server = serverErrors(create.error, ['name'] as const);
  const shownNameError = nameError ?? server.fields.name;

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const problem = trimmed === '' ? t.empty : trimmed.length > maxName ? t.tooLong : undefined;
    setNameError(problem);
    if (!problem) create.mutate(trimmed);
  };

  return (
    <div className="data-table-views">
      {items.length > 0 ? (
        <SelectField
          label={t.label}
          value={current?.id ?? ''}
          onChange={(event) => {
            const view = items.find((v) => v.id === event.target.value);
            if (view) onPick(view.state);
          }}
        >
          <option value="">{t.none}</option>
          {items.map((view) => (
            <option key={view.id} value={view.id}>
              {view.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {current ? (
        <IconButton label={t.delete(current.name)} onClick={() => remove.mutate(current)}>
          <Trash2 aria-hidden="true" />
        </IconButton>
      ) : null}
      <Button size="sm" icon={<Bookmark aria-hidden="true" />} onClick={() => setSaving(true)}>
        {t.save}
      </Button>
      <CopyButton text={typeof window === 'undefined' ? '' : window.location.href} label={t.copyLink} />
      <Modal
        open={saving}
        onOpenChange={(open) => {
          setSaving(open);
          if (!open) create.reset();
        }}
        title={t.title}
        description={t.description}
      >
        <form onSubmit={submit} noValidate>
          <ModalBody>
            <TextField
              label={t.name}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                setNameError(undefined);
              }}
              hint={`${t.nameHint} (${name.trim().length}/${maxName})`}
              error={shownNameError ?? (server.form && !server.fields.name ? server.form : undefined)}
              autoFocus
            />
          </ModalBody>
          <ModalFooter>
            <Button variant="ghost" onClick={() => setSaving(false)}>
              {t.cancel}
            </Button>
            <Button type="submit" variant="primary" busy={create.isPending}>
              {t.saveConfirm}
            </Button>
          </ModalFooter>
        </form>
      </Modal>
    </div>
  );
}
