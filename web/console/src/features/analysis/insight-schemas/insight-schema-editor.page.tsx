import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Schema } from '@/api/types';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { Choice, FormError, SelectField, TextAreaField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { VersionsPanel, type VersionsApi } from '../shared/VersionsPanel';
import {
  emptyField,
  insightDraftFields,
  insightDraftOf,
  insightDraftProblems,
  insightFieldTypes,
  insightLimits as limits,
  newInsightSchemaDraft,
  toInsightSchemaBody,
  type FieldDraft,
  type InsightSchemaDraft,
} from './insight-schema-draft';
import { insightSchemasMessages } from './insight-schemas.messages';
import '../analysis.css';

type SavedVersion = Schema<'InsightSchemaVersion'>;
type Target = { kind: 'new' } | { kind: 'saved'; id: string; version: number };

const route = getRouteApi('/console/conversations/insight-schemas/$schemaId');

const versionsApi = (id: string): VersionsApi => ({
  queryKey: ['insight-schema', id],
  listKey: ['insight-schemas'],
  versions: () =>
    unwrap(api.GET('/api/v1/conversations/insight-schemas/{id}/versions', { params: { path: { id } } })),
  activate: (version) =>
    unwrap(
      api.POST('/api/v1/conversations/insight-schemas/{id}/activate', {
        params: { path: { id } },
        body: { version },
      }),
    ),
});

function InsightSchemaEditor({
  initial,
  target,
  canEdit,
  onSaved,
  onOpenVersion,
}: {
  initial: InsightSchemaDraft;
  target: Target;
  canEdit: boolean;
  onSaved: (saved: SavedVersion) => void;
  onOpenVersion?: (version: number) => void;
}) {
  const m = useMessages(insightSchemasMessages);
  const [draft, setDraft] = useState(initial);
  const [activate, setActivate] = useState(true);
  const form = useForm(insightDraftFields(draft));
  const save = useMutation({
    mutationFn: () => {
      const body = toInsightSchemaBody(draft);
      return target.kind === 'new'
        ? unwrap(api.POST('/api/v1/conversations/insight-schemas', { body }))
        : unwrap(
            api.POST('/api/v1/conversations/insight-schemas/{id}/versions', {
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
    if (form.check({}, insightDraftProblems(draft, m))) save.mutate();
  };
  const setFields = (update: (fields: FieldDraft[]) => FieldDraft[]) => {
    setDraft((current) => ({ ...current, fields: update(current.fields) }));
    form.reset();
  };
  const update = (index: number, change: Partial<FieldDraft>, field: string) => {
    setDraft((current) => ({
      ...current,
      fields: current.fields.map((f, i) => (i === index ? { ...f, ...change } : f)),
    }));
    form.clear(`fields.${index}.${field}`);
  };
  const move = (index: number, by: -1 | 1) =>
    setFields((fields) => {
      const next = [...fields];
      const [taken] = next.splice(index, 1);
      if (taken) next.splice(index + by, 0, taken);
      return next;
    });

  return (
    <div className="scorecard-editor">
      <form id={form.id} onSubmit={submit} noValidate className="stack">
        {!canEdit ? <Alert tone="info">{m.readOnly}</Alert> : null}
        <FormError message={form.formError} />
        <Panel title={m.details} labelledBy="insight-schema-details">
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
            <TextAreaField
              label={m.schemaDescription}
              optional
              rows={2}
              value={draft.description}
              onChange={(e) => {
                setDraft({ ...draft, description: e.target.value });
                form.clear('description');
              }}
              error={form.errors.description}
              maxLength={limits.description.maxLength}
              readOnly={!canEdit}
            />
          </div>
        </Panel>
        <Panel
          title={m.fields}
          description={m.fieldsDescription}
          labelledBy="insight-schema-fields"
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
          {form.errors.fields ? <Alert tone="danger">{form.errors.fields}</Alert> : null}
          <ol className="rule-list">
            {draft.fields.map((field, index) => {
              const title = field.name.trim() || m.untitledField;
              const error = (name: string) => form.errors[`fields.${index}.${name}`];
              return (
                <li key={field.key} className="rule-editor" aria-labelledby={`${field.key}-title`}>
                  <div className="rule-editor__header">
                    <h3 id={`${field.key}-title`}>
                      <span className="subtle">{m.field(index + 1)}</span> {title}
                    </h3>
                    {canEdit ? (
                      <div className="rule-editor__actions">
                        <Button
                          aria-label={`${m.moveUp}: ${title}`}
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                        >
                          <ArrowUp size={16} aria-hidden="true" />
                        </Button>
                        <Button
                          aria-label={`${m.moveDown}: ${title}`}
                          disabled={index === draft.fields.length - 1}
                          onClick={() => move(index, 1)}
                        >
                          <ArrowDown size={16} aria-hidden="true" />
                        </Button>
                        <Button
                          aria-label={`${m.remove}: ${title}`}
                          disabled={draft.fields.length === 1}
                          onClick={() => setFields((fields) => fields.filter((_, i) => i !== index))}
                        >
                          <Trash2 size={16} aria-hidden="true" />
                        </Button>
                      </div>
                    ) : null}
                  </div>
                  <div className="rule-editor__grid">
                    <TextField
                      label={m.fieldName}
                      hint={m.fieldNameHint}
                      value={field.name}
                      onChange={(e) => update(index, { name: e.target.value }, 'name')}
                      error={error('name')}
                      maxLength={64}
                      readOnly={!canEdit}
                      autoComplete="off"
                      spellCheck={false}
                    />
                    <SelectField
                      label={m.fieldType}
                      value={field.type}
                      onChange={(e) => update(index, { type: e.target.value as FieldDraft['type'] }, 'type')}
                      error={error('type')}
                      disabled={!canEdit}
                    >
                      {insightFieldTypes.map((type) => (
                        <option key={type} value={type}>
                          {m.types[type]}
                        </option>
                      ))}
                    </SelectField>
                  </div>
                  <TextAreaField
                    label={m.fieldDescription}
                    hint={m.fieldDescriptionHint}
                    rows={2}
                    value={field.description}
                    onChange={(e) => update(index, { description: e.target.value }, 'description')}
                    error={error('description')}
                    maxLength={limits.fieldDescription.maxLength}
                    readOnly={!canEdit}
                  />
                  {field.type === 'enum' ? (
                    <TextAreaField
                      label={m.enumValues}
                      hint={m.enumValuesHint}
                      rows={3}
                      value={field.enumValues}
                      onChange={(e) => update(index, { enumValues: e.target.value }, 'enumValues')}
                      error={error('enumValues')}
                      readOnly={!canEdit}
                    />
                  ) : null}
                  <Choice
                    title={m.required}
                    description={m.requiredHint}
                    checked={field.required}
                    disabled={!canEdit}
                    onChange={(e) => update(index, { required: e.target.checked }, 'required')}
                  />
                </li>
              );
            })}
          </ol>
          {canEdit ? (
            <Button
              icon={<Plus aria-hidden="true" />}
              disabled={draft.fields.length >= limits.fields.maxItems}
              onClick={() => setFields((fields) => [...fields, emptyField()])}
            >
              {m.addField}
            </Button>
          ) : null}
        </Panel>
      </form>
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

export function NewInsightSchemaPage() {
  const m = useMessages(insightSchemasMessages);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <div className="stack">
      <PageHeader eyebrow={m.title} title={m.newTitle} description={m.description} />
      <InsightSchemaEditor
        initial={newInsightSchemaDraft()}
        target={{ kind: 'new' }}
        canEdit
        onSaved={(saved) => {
          void queryClient.invalidateQueries({ queryKey: ['insight-schemas'] });
          queryClient.setQueryData(['insight-schema', saved.id, 'latest'], saved);
          void navigate({ to: '/conversations/insight-schemas/$schemaId', params: { schemaId: saved.id } });
        }}
      />
    </div>
  );
}

export function InsightSchemaPage() {
  const m = useMessages(insightSchemasMessages);
  const { schemaId } = route.useParams();
  const canEdit = useCan('analysis:configure');
  const queryClient = useQueryClient();
  const [version, setVersion] = useState<number | 'latest'>('latest');
  const schema = useQuery({
    queryKey: ['insight-schema', schemaId, version],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/conversations/insight-schemas/{id}', {
          params: { path: { id: schemaId }, query: { version } },
        }),
      ),
  });
  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.title}
        title={schema.data?.name ?? m.title}
        description={schema.data ? m.showing(schema.data.version) : undefined}
      />
      {schema.isPending ? (
        <Panel>
          <LoadingBlock label={m.editorLoading} lines={6} />
        </Panel>
      ) : schema.isError ? (
        <Panel>
          <ErrorState error={schema.error} onRetry={() => void schema.refetch()} title={m.editorLoadFailed} />
        </Panel>
      ) : (
        <InsightSchemaEditor
          key={schema.data.version}
          initial={insightDraftOf(schema.data.body)}
          target={{ kind: 'saved', id: schemaId, version: schema.data.version }}
          canEdit={canEdit}
          onSaved={(saved) => {
            queryClient.setQueryData(['insight-schema', schemaId, saved.version], saved);
            void queryClient.invalidateQueries({ queryKey: ['insight-schemas'] });
            void queryClient.invalidateQueries({ queryKey: ['insight-schema', schemaId] });
            setVersion(saved.version);
          }}
          onOpenVersion={setVersion}
        />
      )}
    </div>
  );
}
