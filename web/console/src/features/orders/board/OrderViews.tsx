import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Bookmark, Trash2 } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Button, IconButton } from '@/kit/Button';
import { FormDialog } from '@/kit/Dialog';
import { SelectField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { toast } from '@/kit/toast';
import { orderKeys, ordersApi, type OrderView } from '../orders.api';
import { ordersMessages } from '../orders.messages';
import { sameFilters } from '../orders.search';

const maxName = 80;

/**
 * The reader's saved views of the board (`/orders/views`, per user): pick one (its filters go to
 * the address), save the filters shown now under a name, delete the one shown.
 */
export function OrderViews({
  filters,
  onPick,
}: {
  /** The board's filters now, as a view keeps them. */
  readonly filters: Readonly<Record<string, string>>;
  readonly onPick: (filters: Readonly<Record<string, string>>) => void;
}) {
  const t = useMessages(ordersMessages).views;
  const queryClient = useQueryClient();
  const views = useQuery({ queryKey: orderKeys.views, queryFn: ({ signal }) => ordersApi.views(signal) });
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const form = useForm(['name', 'filters'] as const);

  const create = useMutation({
    mutationFn: (viewName: string) => ordersApi.saveView({ name: viewName, filters: { ...filters } }),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.views });
      toast.success(t.saved(view.name));
      setSaving(false);
      setName('');
      form.reset();
    },
    onError: form.refuse,
  });
  const remove = useMutation({
    mutationFn: (view: OrderView) => ordersApi.deleteView(view.id).then(() => view),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.views });
      toast.success(t.deleted(view.name));
    },
    onError: (error) => toast.error(t.deleteFailed, messageOf(error)),
  });

  const items = views.data?.items ?? [];
  const current = items.find((v) => sameFilters(v.filters, filters));

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const problem = trimmed === '' ? t.nameMissing : trimmed.length > maxName ? t.nameTooLong : undefined;
    if (form.check({ name: trimmed }, { name: problem })) create.mutate(trimmed);
  };

  return (
    <div className="data-table-views">
      {items.length > 0 ? (
        <SelectField
          label={t.label}
          value={current?.id ?? ''}
          onChange={(event) => {
            const view = items.find((v) => v.id === event.target.value);
            if (view) onPick(view.filters);
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
      <FormDialog
        open={saving}
        onOpenChange={(open) => {
          setSaving(open);
          if (!open) form.reset();
        }}
        title={t.saveTitle}
        description={t.saveDescription}
        formId={form.id}
        onSubmit={submit}
        formError={form.formError}
        cancelLabel={t.cancel}
        onCancel={() => setSaving(false)}
        submitLabel={t.saveConfirm}
        busy={create.isPending}
      >
        <TextField
          label={t.name}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            form.clear('name');
          }}
          error={form.errors.name}
          maxLength={maxName}
          autoFocus
        />
      </FormDialog>
    </div>
  );
}
