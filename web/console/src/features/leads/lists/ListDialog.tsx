import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { FormDialog } from '@/kit/Dialog';
import { TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { toast } from '@/kit/toast';
import { leadsKeys, type LeadList } from '../leads.api';
import { listsMessages, outboundWords } from '../leads.messages';

type Field = 'name' | 'description' | 'defaultRegion';
const fields: readonly Field[] = ['name', 'description', 'defaultRegion'];
const regionPattern = /^[A-Za-z]{2}$/;

/** Makes a list, or changes one; the server's refusals go on their fields. */
export function ListDialog({ list, onClose }: { list?: LeadList | undefined; onClose: () => void }) {
  const m = useMessages(listsMessages).form;
  const words = useMessages(outboundWords);
  const queryClient = useQueryClient();
  const [name, setName] = useState(list?.name ?? '');
  const [description, setDescription] = useState(list?.description ?? '');
  const [region, setRegion] = useState(list?.defaultRegion ?? '');
  const form = useForm(
    fields,
    list ? 'PATCH /api/v1/campaigns/lists/{listId}' : 'POST /api/v1/campaigns/lists',
  );
  const body = () => ({
    name: name.trim(),
    description: description.trim() || null,
    defaultRegion: region.trim().toUpperCase() || null,
  });
  const save = useMutation({
    mutationFn: () =>
      list
        ? unwrap(
            api.PATCH('/api/v1/campaigns/lists/{listId}', {
              params: { path: { listId: list.id } },
              body: body(),
            }),
          )
        : unwrap(api.POST('/api/v1/campaigns/lists', { body: body() })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: leadsKeys.lists });
      toast.success(m.saved, saved.name);
      onClose();
    },
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const valid = form.check(
      { name: name.trim(), description: description.trim(), defaultRegion: region.trim() },
      {
        name: name.trim() ? undefined : m.nameMissing,
        defaultRegion: !region.trim() || regionPattern.test(region.trim()) ? undefined : m.regionInvalid,
      },
    );
    if (valid) save.mutate();
  };
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={list ? m.editTitle : m.addTitle}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={words.cancel}
      onCancel={onClose}
      submitLabel={list ? m.save : m.create}
      busy={save.isPending}
    >
      <TextField
        label={m.name}
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          form.clear('name');
        }}
        error={form.errors.name}
        limits={form.limit('name')}
        autoFocus
      />
      <TextField
        label={m.description}
        optional
        value={description}
        onChange={(e) => {
          setDescription(e.target.value);
          form.clear('description');
        }}
        error={form.errors.description}
        limits={form.limit('description')}
      />
      <TextField
        label={m.region}
        hint={m.regionHint}
        optional
        value={region}
        autoCapitalize="characters"
        onChange={(e) => {
          setRegion(e.target.value);
          form.clear('defaultRegion');
        }}
        error={form.errors.defaultRegion}
        className="input--short"
      />
    </FormDialog>
  );
}
