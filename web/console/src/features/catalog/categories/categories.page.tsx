import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FolderInput, FolderPlus, FolderTree, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { isApiError } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Button, IconButton } from '@/kit/Button';
import { ConfirmDialog, FormDialog } from '@/kit/Dialog';
import { TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can } from '@/kit/session';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { catalogKeys, createCategory, deleteCategory, updateCategory, type Category } from '../catalog.api';
import { catalogWords, categoriesMessages } from '../catalog.messages';
import { CategoryPicker, useCategories } from './CategoryPicker';
import { buildTree, subtreeIds, type CategoryNode } from './tree';
import '../catalog.css';

type Editing =
  | { readonly mode: 'create'; readonly parent: Category | undefined }
  | { readonly mode: 'rename' | 'move'; readonly category: Category };

/** The category tree: add a child, rename, move under another parent, delete (only when empty). */
export function CategoriesPage() {
  const m = useMessages(categoriesMessages);
  const words = useMessages(catalogWords);
  const categories = useCategories();
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<Category>();
  const queryClient = useQueryClient();
  const items = categories.data?.items ?? [];

  return (
    <div className="stack">
      <PageHeader
        eyebrow={words.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Can permission="products:write">
            <Button
              variant="primary"
              icon={<Plus aria-hidden="true" />}
              onClick={() => setEditing({ mode: 'create', parent: undefined })}
            >
              {m.addRoot}
            </Button>
          </Can>
        }
      />
      <Panel title={m.tree}>
        {categories.isPending ? (
          <LoadingBlock label={m.loading} />
        ) : categories.isError ? (
          <ErrorState error={categories.error} title={m.failed} onRetry={() => void categories.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={<FolderTree />} title={m.emptyTitle}>
            {m.emptyBody}
          </EmptyState>
        ) : (
          <CategoryList nodes={buildTree(items)} label={m.tree} onEdit={setEditing} onDelete={setDeleting} />
        )}
      </Panel>
      {editing ? (
        <CategoryDialog editing={editing} categories={items} onClose={() => setEditing(undefined)} />
      ) : null}
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={m.deleteTitle(deleting?.name ?? '')}
        description={m.deleteBody}
        confirmLabel={m.delete}
        onConfirm={async () => {
          if (!deleting) return;
          try {
            await deleteCategory(deleting.id);
          } catch (error) {
            // 409: products or children are still filed under it; say what to do, not just "conflict".
            if (isApiError(error) && error.status === 409) throw new Error(m.inUse);
            throw error;
          }
          toast.success(m.deleted);
          await queryClient.invalidateQueries({ queryKey: catalogKeys.categories });
        }}
      />
    </div>
  );
}

function CategoryList({
  nodes,
  label,
  onEdit,
  onDelete,
}: {
  readonly nodes: readonly CategoryNode[];
  readonly label?: string;
  readonly onEdit: (editing: Editing) => void;
  readonly onDelete: (category: Category) => void;
}) {
  const m = useMessages(categoriesMessages);
  return (
    <ul className="catalog-tree" aria-label={label}>
      {nodes.map(({ category, children }) => (
        <li key={category.id}>
          <div className="catalog-tree__row">
            <span className="catalog-tree__name">{category.name}</span>
            <span className="subtle">{m.products(formatNumber(category.productCount))}</span>
            <Can permission="products:write">
              <span className="row-actions">
                <IconButton
                  label={m.addChild(category.name)}
                  onClick={() => onEdit({ mode: 'create', parent: category })}
                >
                  <FolderPlus aria-hidden="true" />
                </IconButton>
                <IconButton
                  label={m.rename(category.name)}
                  onClick={() => onEdit({ mode: 'rename', category })}
                >
                  <Pencil aria-hidden="true" />
                </IconButton>
                <IconButton label={m.move(category.name)} onClick={() => onEdit({ mode: 'move', category })}>
                  <FolderInput aria-hidden="true" />
                </IconButton>
                <IconButton label={m.remove(category.name)} onClick={() => onDelete(category)}>
                  <Trash2 aria-hidden="true" />
                </IconButton>
              </span>
            </Can>
          </div>
          {children.length ? <CategoryList nodes={children} onEdit={onEdit} onDelete={onDelete} /> : null}
        </li>
      ))}
    </ul>
  );
}

function CategoryDialog({
  editing,
  categories,
  onClose,
}: {
  readonly editing: Editing;
  readonly categories: readonly Category[];
  readonly onClose: () => void;
}) {
  const m = useMessages(categoriesMessages);
  const words = useMessages(catalogWords);
  const queryClient = useQueryClient();
  const current = editing.mode === 'create' ? undefined : editing.category;
  const [name, setName] = useState(current?.name ?? '');
  const [parentId, setParentId] = useState(
    editing.mode === 'create' ? (editing.parent?.id ?? '') : (editing.category.parentId ?? ''),
  );
  const form = useForm(['name', 'parentId']);
  const save = useMutation({
    mutationFn: () =>
      editing.mode === 'create'
        ? createCategory({ name: name.trim(), parentId: parentId || null })
        : updateCategory(
            editing.category.id,
            editing.mode === 'rename' ? { name: name.trim() } : { parentId: parentId || null },
          ),
    onSuccess: async () => {
      toast.success(m.saved);
      await queryClient.invalidateQueries({ queryKey: catalogKeys.categories });
      onClose();
    },
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems = editing.mode !== 'move' && !name.trim() ? { name: m.nameMissing } : {};
    if (form.check({ name }, problems)) save.mutate();
  };
  const title =
    editing.mode === 'create'
      ? editing.parent
        ? m.createChildTitle(editing.parent.name)
        : m.createTitle
      : editing.mode === 'rename'
        ? m.renameTitle
        : m.moveTitle;
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={title}
      description={current ? current.name : undefined}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={words.cancel}
      onCancel={onClose}
      submitLabel={editing.mode === 'create' ? m.create : words.save}
      busy={save.isPending}
    >
      {editing.mode !== 'move' ? (
        <TextField
          label={m.name}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            form.clear('name');
          }}
          error={form.errors.name}
          maxLength={200}
          autoComplete="off"
        />
      ) : null}
      {editing.mode !== 'rename' ? (
        <CategoryPicker
          label={m.parent}
          emptyLabel={m.root}
          value={parentId}
          onChange={(id) => {
            setParentId(id);
            form.clear('parentId');
          }}
          error={form.errors.parentId}
          {...(current ? { exclude: subtreeIds(categories, current.id) } : {})}
        />
      ) : null}
    </FormDialog>
  );
}
