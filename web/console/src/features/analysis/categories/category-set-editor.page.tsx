import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { ApiError, isApiError } from '@/api/problem';
import type { Schema } from '@/api/types';
import { useMessages, type Translation } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { Choice, FormError, SelectField, TextAreaField, TextField } from '@/kit/Field';
import { formatDuration } from '@/kit/format';
import { limitProblem, useForm, type FieldErrors } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { VersionsPanel, type VersionsApi } from '../shared/VersionsPanel';
import {
  categoryDraftFields,
  categoryLimits as limits,
  categorySetDraftOf,
  emptyCategory,
  emptyGroup,
  emptyLeaf,
  newCategorySetDraft,
  toCategorySetBody,
  type CategoryDraft,
  type CategorySetDraft,
  type ConditionDraft,
} from './category-draft';
import { categoriesMessages } from './categories.messages';
import { LeafEditor } from './ConditionEditor';
import '../analysis.css';

type SavedVersion = Schema<'CategorySetVersion'>;
type Matches = Schema<'CategoryMatches'>;
type Target = { kind: 'new' } | { kind: 'saved'; id: string; version: number };
type Words = Translation<(typeof categoriesMessages)['en']>;

const route = getRouteApi('/console/conversations/categories/$setId');
const CATEGORY_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const versionsApi = (id: string): VersionsApi => ({
  queryKey: ['category-set', id],
  listKey: ['category-sets'],
  versions: () =>
    unwrap(api.GET('/api/v1/conversations/categories/{id}/versions', { params: { path: { id } } })),
  activate: (version) =>
    unwrap(
      api.POST('/api/v1/conversations/categories/{id}/activate', {
        params: { path: { id } },
        body: { version },
      }),
    ),
});

function problemsOf(draft: CategorySetDraft, m: Words): FieldErrors<string> {
  const problems: FieldErrors<string> = {};
  const put = (field: string, message: string | undefined) => {
    if (message && !problems[field]) problems[field] = message;
  };
  put('name', draft.name.trim() === '' ? m.nameRequired : limitProblem(draft.name, limits.name));
  put('categories', limitProblem(draft.categories, limits.categories));
  draft.categories.forEach((category, i) => {
    put(`categories.${i}.id`, CATEGORY_ID.test(category.id.trim()) ? undefined : m.idInvalid);
    put(
      `categories.${i}.name`,
      category.name.trim() === '' ? m.nameRequired : limitProblem(category.name, limits.categoryName),
    );
    put(`categories.${i}.description`, limitProblem(category.description, limits.description));
    put(`categories.${i}.conditions`, limitProblem(category.conditions, limits.conditions));
  });
  return problems;
}

function CategoryEditor({
  category,
  index,
  count,
  canEdit,
  errors,
  m,
  onChange,
  onMove,
  onRemove,
}: {
  category: CategoryDraft;
  index: number;
  count: number;
  canEdit: boolean;
  errors: FieldErrors<string>;
  m: Words;
  onChange: (category: CategoryDraft, field: string) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const at = `categories.${index}`;
  const title = category.name.trim() || m.untitled;
  const setConditions = (conditions: ConditionDraft[]) =>
    onChange({ ...category, conditions }, `${at}.conditions`);
  const replace = (j: number, condition: ConditionDraft, field: string) =>
    onChange(
      { ...category, conditions: category.conditions.map((c, k) => (k === j ? condition : c)) },
      `${at}.conditions.${j}.${field}`,
    );
  return (
    <li className="rule-editor" aria-labelledby={`${category.key}-title`}>
      <div className="rule-editor__header">
        <h3 id={`${category.key}-title`}>
          <span className="subtle">{m.category(index + 1)}</span> {title}
        </h3>
        {canEdit ? (
          <div className="rule-editor__actions">
            <Button aria-label={`${m.moveUp}: ${title}`} disabled={index === 0} onClick={() => onMove(-1)}>
              <ArrowUp size={16} aria-hidden="true" />
            </Button>
            <Button
              aria-label={`${m.moveDown}: ${title}`}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            >
              <ArrowDown size={16} aria-hidden="true" />
            </Button>
            <Button aria-label={`${m.remove}: ${title}`} disabled={count === 1} onClick={onRemove}>
              <Trash2 size={16} aria-hidden="true" />
            </Button>
          </div>
        ) : null}
      </div>
      <div className="rule-editor__grid">
        <TextField
          label={m.categoryName}
          value={category.name}
          onChange={(e) => {
            const name = e.target.value;
            const id = category.idTouched
              ? category.id
              : name
                  .toLowerCase()
                  .replace(/[^a-z0-9]+/g, '-')
                  .replace(/^-+|-+$/g, '')
                  .slice(0, 64);
            onChange({ ...category, name, id }, `${at}.name`);
          }}
          error={errors[`${at}.name`]}
          maxLength={limits.categoryName.maxLength}
          readOnly={!canEdit}
          autoComplete="off"
        />
        <TextField
          label={m.categoryId}
          hint={m.categoryIdHint}
          value={category.id}
          onChange={(e) => onChange({ ...category, id: e.target.value, idTouched: true }, `${at}.id`)}
          error={errors[`${at}.id`]}
          maxLength={64}
          readOnly={!canEdit}
          autoComplete="off"
          spellCheck={false}
        />
        <SelectField
          label={m.combine}
          value={category.operator}
          onChange={(e) =>
            onChange({ ...category, operator: e.target.value as 'and' | 'or' }, `${at}.operator`)
          }
          error={errors[`${at}.operator`]}
          disabled={!canEdit}
        >
          <option value="and">{m.combineAnd}</option>
          <option value="or">{m.combineOr}</option>
        </SelectField>
      </div>
      <TextAreaField
        label={m.categoryDescription}
        optional
        rows={2}
        value={category.description}
        onChange={(e) => onChange({ ...category, description: e.target.value }, `${at}.description`)}
        error={errors[`${at}.description`]}
        maxLength={limits.description.maxLength}
        readOnly={!canEdit}
      />
      {errors[`${at}.conditions`] ? <Alert tone="danger">{errors[`${at}.conditions`]}</Alert> : null}
      {category.conditions.map((condition, j) => {
        const path = `${at}.conditions.${j}`;
        const remove =
          category.conditions.length > 1
            ? () => setConditions(category.conditions.filter((_, k) => k !== j))
            : undefined;
        if (condition.type !== 'group')
          return (
            <LeafEditor
              key={condition.key}
              leaf={condition}
              path={path}
              title={m.condition(j + 1)}
              canEdit={canEdit}
              errors={errors}
              m={m}
              onChange={(leaf, field) => replace(j, leaf, field)}
              onRemove={remove}
            />
          );
        return (
          <fieldset key={condition.key} className="condition-editor condition-editor--group">
            <legend className="label">{m.groupCondition(j + 1)}</legend>
            <SelectField
              label={m.groupOperator}
              value={condition.operator}
              onChange={(e) =>
                replace(j, { ...condition, operator: e.target.value as 'and' | 'or' }, 'operator')
              }
              error={errors[`${path}.operator`]}
              disabled={!canEdit}
            >
              <option value="and">{m.combineAnd}</option>
              <option value="or">{m.combineOr}</option>
            </SelectField>
            {condition.conditions.map((leaf, k) => (
              <LeafEditor
                key={leaf.key}
                leaf={leaf}
                path={`${path}.conditions.${k}`}
                title={`${m.groupCondition(j + 1)} · ${m.condition(k + 1)}`}
                canEdit={canEdit}
                errors={errors}
                m={m}
                onChange={(next, field) =>
                  replace(
                    j,
                    { ...condition, conditions: condition.conditions.map((l, n) => (n === k ? next : l)) },
                    `conditions.${k}.${field}`,
                  )
                }
                onRemove={
                  condition.conditions.length > 1
                    ? () =>
                        replace(
                          j,
                          { ...condition, conditions: condition.conditions.filter((_, n) => n !== k) },
                          'conditions',
                        )
                    : remove
                }
              />
            ))}
            {canEdit ? (
              <div>
                <Button
                  size="sm"
                  icon={<Plus size={14} aria-hidden="true" />}
                  onClick={() =>
                    replace(
                      j,
                      { ...condition, conditions: [...condition.conditions, emptyLeaf()] },
                      'conditions',
                    )
                  }
                >
                  {m.addToGroup}
                </Button>
              </div>
            ) : null}
          </fieldset>
        );
      })}
      {canEdit ? (
        <div className="rule-editor__actions">
          <Button
            size="sm"
            icon={<Plus size={14} aria-hidden="true" />}
            disabled={category.conditions.length >= limits.conditions.maxItems}
            onClick={() => setConditions([...category.conditions, emptyLeaf()])}
          >
            {m.addCondition}
          </Button>
          <Button
            size="sm"
            icon={<Plus size={14} aria-hidden="true" />}
            disabled={category.conditions.length >= limits.conditions.maxItems}
            onClick={() => setConditions([...category.conditions, emptyGroup()])}
          >
            {m.addGroup}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

const PREFIX = 'categorySet.';

function CategoryPreview({
  id,
  body,
  check,
  onSetRefused,
}: {
  id: string;
  body: () => Schema<'CategorySetInput'>;
  check: () => boolean;
  onSetRefused: (error: unknown) => void;
}) {
  const m = useMessages(categoriesMessages);
  const canReadTranscripts = useCan('transcripts:read');
  const [recordingId, setRecordingId] = useState('');
  const form = useForm(['recordingId']);
  const run = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/conversations/categories/{id}/preview', {
          params: { path: { id } },
          body: { recordingId: recordingId.trim(), categorySet: body() },
        }),
      ),
    onError: (error) => {
      const fields = isApiError(error) ? error.fields.filter((f) => f.field.startsWith(PREFIX)) : [];
      if (isApiError(error) && fields.length > 0)
        onSetRefused(
          new ApiError({
            status: error.status,
            code: error.code,
            message: error.message,
            fields: fields.map((f) => ({ ...f, field: f.field.slice(PREFIX.length) })),
          }),
        );
      else form.refuse(error);
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!check()) return;
    if (form.check({}, { recordingId: recordingId.trim() === '' ? m.recordingRequired : undefined }))
      run.mutate();
  };
  return (
    <Panel title={m.preview} description={m.previewDescription} labelledBy="category-preview">
      {!canReadTranscripts ? (
        <Alert tone="info">{m.previewNeedsTranscripts}</Alert>
      ) : (
        <div className="stack">
          <form id={form.id} onSubmit={submit} noValidate className="scorecard-preview__form">
            <FormError message={form.formError} />
            <TextField
              label={m.recording}
              hint={m.recordingHint}
              value={recordingId}
              onChange={(e) => {
                setRecordingId(e.target.value);
                form.clear('recordingId');
              }}
              error={form.errors.recordingId}
              maxLength={120}
              autoComplete="off"
              spellCheck={false}
            />
            <Button type="submit" variant="primary" busy={run.isPending}>
              {m.run}
            </Button>
          </form>
          {run.data ? <MatchesView matches={run.data} m={m} /> : null}
        </div>
      )}
    </Panel>
  );
}

function MatchesView({ matches, m }: { matches: Matches; m: Words }) {
  if (matches.matches.length === 0) return <Alert tone="info">{m.noMatches}</Alert>;
  const at = (ms: number) => formatDuration(ms / 1000);
  return (
    <div className="stack" aria-live="polite">
      <p>{m.matched(matches.matches.length)}</p>
      <ul className="stack">
        {matches.matches.map((match) => (
          <li key={match.categoryId}>
            <Badge tone="brand">{match.name}</Badge>
            <ul className="scorecard-evidence">
              {match.points.map((point, i) => (
                <li key={`${point.condition}-${i}`}>
                  <span className="scorecard-evidence__time">
                    {m.point(`${at(point.startMs)}–${at(point.endMs)}`, point.condition)}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

function CategorySetEditor({
  initial,
  target,
  canEdit,
  onSaved,
  onOpenVersion,
}: {
  initial: CategorySetDraft;
  target: Target;
  canEdit: boolean;
  onSaved: (saved: SavedVersion) => void;
  onOpenVersion?: (version: number) => void;
}) {
  const m = useMessages(categoriesMessages);
  const [draft, setDraft] = useState(initial);
  const [activate, setActivate] = useState(true);
  const form = useForm(categoryDraftFields(draft));
  const save = useMutation({
    mutationFn: () => {
      const body = toCategorySetBody(draft);
      return target.kind === 'new'
        ? unwrap(api.POST('/api/v1/conversations/categories', { body }))
        : unwrap(
            api.POST('/api/v1/conversations/categories/{id}/versions', {
              params: { path: { id: target.id }, query: { activate: activate ? 'true' : 'false' } },
              body,
            }),
          );
    },
    onSuccess: (saved) => {
      toast.success(target.kind === 'new' ? m.created : m.saved(saved.version));
      onSaved(saved);
    },
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({}, problemsOf(draft, m))) save.mutate();
  };
  const setCategories = (update: (categories: CategoryDraft[]) => CategoryDraft[]) => {
    setDraft((current) => ({ ...current, categories: update(current.categories) }));
    form.reset();
  };
  const move = (index: number, by: -1 | 1) =>
    setCategories((categories) => {
      const next = [...categories];
      const [taken] = next.splice(index, 1);
      if (taken) next.splice(index + by, 0, taken);
      return next;
    });

  return (
    <div className="scorecard-editor">
      <form id={form.id} onSubmit={submit} noValidate className="stack">
        {!canEdit ? <Alert tone="info">{m.readOnly}</Alert> : null}
        <FormError message={form.formError} />
        <Panel title={m.details} labelledBy="category-set-details">
          <div className="form">
            <TextField
              label={m.name}
              value={draft.name}
              onChange={(e) => {
                setDraft({ ...draft, name: e.target.value });
                form.clear('name');
              }}
              error={form.errors.name}
              maxLength={limits.name.maxLength}
              readOnly={!canEdit}
              autoComplete="off"
            />
          </div>
        </Panel>
        <Panel
          title={m.categories}
          description={m.categoriesDescription}
          labelledBy="category-set-categories"
          footer={
            canEdit ? (
              <div className="scorecard-editor__footer">
                {target.kind === 'saved' ? (
                  <Choice
                    title={m.activateOnSave}
                    description={m.activateOnSaveHint}
                    checked={activate}
                    onChange={(e) => setActivate(e.target.checked)}
                  />
                ) : null}
                <Button type="submit" variant="primary" busy={save.isPending}>
                  {target.kind === 'new' ? m.create : m.save}
                </Button>
              </div>
            ) : undefined
          }
        >
          {form.errors.categories ? <Alert tone="danger">{form.errors.categories}</Alert> : null}
          <ol className="rule-list">
            {draft.categories.map((category, index) => (
              <CategoryEditor
                key={category.key}
                category={category}
                index={index}
                count={draft.categories.length}
                canEdit={canEdit}
                errors={form.errors}
                m={m}
                onChange={(next, field) => {
                  setDraft((current) => ({
                    ...current,
                    categories: current.categories.map((c, i) => (i === index ? next : c)),
                  }));
                  form.clear(field);
                }}
                onMove={(by) => move(index, by)}
                onRemove={() => setCategories((categories) => categories.filter((_, i) => i !== index))}
              />
            ))}
          </ol>
          {canEdit ? (
            <Button
              icon={<Plus aria-hidden="true" />}
              disabled={draft.categories.length >= limits.categories.maxItems}
              onClick={() => setCategories((categories) => [...categories, emptyCategory()])}
            >
              {m.addCategory}
            </Button>
          ) : null}
        </Panel>
      </form>
      {canEdit && target.kind === 'saved' ? (
        <CategoryPreview
          id={target.id}
          body={() => toCategorySetBody(draft)}
          check={() => form.check({}, problemsOf(draft, m))}
          onSetRefused={form.refuse}
        />
      ) : null}
      {target.kind === 'saved' ? (
        <VersionsPanel
          source={versionsApi(target.id)}
          showing={target.version}
          canEdit={canEdit}
          onOpen={(version) => onOpenVersion?.(version)}
        />
      ) : null}
    </div>
  );
}

export function NewCategorySetPage() {
  const m = useMessages(categoriesMessages);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <div className="stack">
      <PageHeader eyebrow={m.title} title={m.newTitle} description={m.description} />
      <CategorySetEditor
        initial={newCategorySetDraft()}
        target={{ kind: 'new' }}
        canEdit
        onSaved={(saved) => {
          void queryClient.invalidateQueries({ queryKey: ['category-sets'] });
          queryClient.setQueryData(['category-set', saved.id, 'latest'], saved);
          void navigate({ to: '/conversations/categories/$setId', params: { setId: saved.id } });
        }}
      />
    </div>
  );
}

export function CategorySetPage() {
  const m = useMessages(categoriesMessages);
  const { setId } = route.useParams();
  const canEdit = useCan('analysis:configure');
  const queryClient = useQueryClient();
  const [version, setVersion] = useState<number | 'latest'>('latest');
  const set = useQuery({
    queryKey: ['category-set', setId, version],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/conversations/categories/{id}', {
          params: { path: { id: setId }, query: { version } },
        }),
      ),
  });
  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.title}
        title={set.data?.name ?? m.title}
        description={set.data ? m.showing(set.data.version) : undefined}
      />
      {set.isPending ? (
        <Panel>
          <LoadingBlock label={m.editorLoading} lines={6} />
        </Panel>
      ) : set.isError ? (
        <Panel>
          <ErrorState error={set.error} onRetry={() => void set.refetch()} title={m.editorLoadFailed} />
        </Panel>
      ) : (
        <CategorySetEditor
          key={set.data.version}
          initial={categorySetDraftOf(set.data.body)}
          target={{ kind: 'saved', id: setId, version: set.data.version }}
          canEdit={canEdit}
          onSaved={(saved) => {
            queryClient.setQueryData(['category-set', setId, saved.version], saved);
            void queryClient.invalidateQueries({ queryKey: ['category-sets'] });
            void queryClient.invalidateQueries({ queryKey: ['category-set', setId] });
            setVersion(saved.version);
          }}
          onOpenVersion={setVersion}
        />
      )}
    </div>
  );
}
