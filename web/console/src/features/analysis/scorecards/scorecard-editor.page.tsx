import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { Schema } from '@/api/types';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { Choice, ChoiceGroup, FormError, TextAreaField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import {
  callDirections,
  draftFields,
  draftOf,
  emptyRule,
  newScorecardDraft,
  scorecardLimits as limits,
  toScorecardBody,
  type RuleDraft,
  type ScorecardDraft,
} from './scorecard-draft';
import { scorecardsMessages } from './scorecards.messages';
import { RuleEditor } from './RuleEditor';
import { draftProblems } from './scorecard-checks';
import { ScorecardPreview } from './ScorecardPreview';
import { VersionsPanel, type VersionsApi } from '../shared/VersionsPanel';
import '../analysis.css';

type ScorecardVersion = Schema<'ScorecardVersion'>;

/** The scorecard's history and activation, for the shared versions panel. */
const scorecardVersionsApi = (id: string): VersionsApi => ({
  queryKey: ['scorecard', id],
  listKey: ['scorecards'],
  versions: () =>
    unwrap(api.GET('/api/v1/conversations/scorecards/{id}/versions', { params: { path: { id } } })),
  activate: (version) =>
    unwrap(
      api.POST('/api/v1/conversations/scorecards/{id}/activate', {
        params: { path: { id } },
        body: { version },
      }),
    ),
});

const route = getRouteApi('/console/conversations/scorecards/$scorecardId');

/** Where the editor saves: a new scorecard, or a new version of a saved one. */
type Target = { kind: 'new' } | { kind: 'saved'; id: string; version: number };

function ScorecardEditor({
  initial,
  target,
  canEdit,
  onSaved,
  onOpenVersion,
}: {
  initial: ScorecardDraft;
  target: Target;
  canEdit: boolean;
  onSaved: (saved: ScorecardVersion) => void;
  onOpenVersion?: (version: number) => void;
}) {
  const m = useMessages(scorecardsMessages);
  const [draft, setDraft] = useState(initial);
  const [activate, setActivate] = useState(true);
  const form = useForm(draftFields(draft));

  const save = useMutation({
    mutationFn: () => {
      const body = toScorecardBody(draft);
      return target.kind === 'new'
        ? unwrap(api.POST('/api/v1/conversations/scorecards', { body }))
        : unwrap(
            api.POST('/api/v1/conversations/scorecards/{id}/versions', {
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
    if (form.check({}, draftProblems(draft, m))) save.mutate();
  };

  const setRules = (update: (rules: RuleDraft[]) => RuleDraft[]) => {
    setDraft((current) => ({ ...current, rules: update(current.rules) }));
    // Indexes move: errors placed by index would land on the wrong rule.
    form.reset();
  };
  const move = (index: number, by: -1 | 1) =>
    setRules((rules) => {
      const next = [...rules];
      const [taken] = next.splice(index, 1);
      if (taken) next.splice(index + by, 0, taken);
      return next;
    });

  return (
    <div className="scorecard-editor">
      <form id={form.id} onSubmit={submit} noValidate className="stack">
        {!canEdit ? <Alert tone="info">{m.readOnly}</Alert> : null}
        <FormError message={form.formError} />
        <Panel title={m.details} labelledBy="scorecard-details">
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
              label={m.scorecardDescription}
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
            <TextAreaField
              label={m.appliesToQueues}
              hint={m.appliesToQueuesHint}
              optional
              rows={2}
              value={draft.queues}
              onChange={(e) => {
                setDraft({ ...draft, queues: e.target.value });
                form.clear('appliesTo.queues');
              }}
              error={form.errors['appliesTo.queues'] ?? form.errors.appliesTo}
              readOnly={!canEdit}
            />
            <ChoiceGroup
              legend={m.appliesToDirections}
              hint={m.appliesToDirectionsHint}
              error={form.errors['appliesTo.directions']}
            >
              {callDirections.map((direction) => (
                <Choice
                  key={direction}
                  title={m.directions[direction]}
                  checked={draft.directions.includes(direction)}
                  disabled={!canEdit}
                  onChange={(e) => {
                    const on = e.target.checked;
                    setDraft({
                      ...draft,
                      directions: on
                        ? callDirections.filter((d) => d === direction || draft.directions.includes(d))
                        : draft.directions.filter((d) => d !== direction),
                    });
                    form.clear('appliesTo.directions');
                  }}
                />
              ))}
            </ChoiceGroup>
          </div>
        </Panel>
        <Panel
          title={m.rules}
          description={m.rulesDescription}
          labelledBy="scorecard-rules"
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
          {form.errors.rules ? <Alert tone="danger">{form.errors.rules}</Alert> : null}
          <ol className="rule-list">
            {draft.rules.map((rule, index) => (
              <RuleEditor
                key={rule.key}
                rule={rule}
                index={index}
                count={draft.rules.length}
                canEdit={canEdit}
                errors={form.errors}
                m={m}
                onChange={(next, changed) => {
                  setDraft((current) => ({
                    ...current,
                    rules: current.rules.map((r, i) => (i === index ? next : r)),
                  }));
                  form.clear(changed);
                }}
                onMove={(by) => move(index, by)}
                onRemove={() => setRules((rules) => rules.filter((_, i) => i !== index))}
              />
            ))}
          </ol>
          {canEdit ? (
            <Button
              icon={<Plus aria-hidden="true" />}
              disabled={draft.rules.length >= limits.rules.maxItems}
              onClick={() => setRules((rules) => [...rules, emptyRule()])}
            >
              {m.addRule}
            </Button>
          ) : null}
        </Panel>
      </form>
      {canEdit ? (
        <ScorecardPreview
          body={() => toScorecardBody(draft)}
          check={() => form.check({}, draftProblems(draft, m))}
          onScorecardRefused={form.refuse}
        />
      ) : null}
      {target.kind === 'saved' ? (
        <VersionsPanel
          source={scorecardVersionsApi(target.id)}
          showing={target.version}
          canEdit={canEdit}
          onOpen={(version) => onOpenVersion?.(version)}
        />
      ) : null}
    </div>
  );
}

export function NewScorecardPage() {
  const m = useMessages(scorecardsMessages);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <div className="stack">
      <PageHeader eyebrow={m.title} title={m.newTitle} description={m.description} />
      <ScorecardEditor
        initial={newScorecardDraft()}
        target={{ kind: 'new' }}
        canEdit
        onSaved={(saved) => {
          void queryClient.invalidateQueries({ queryKey: ['scorecards'] });
          queryClient.setQueryData(['scorecard', saved.id, 'latest'], saved);
          void navigate({ to: '/conversations/scorecards/$scorecardId', params: { scorecardId: saved.id } });
        }}
      />
    </div>
  );
}

export function ScorecardPage() {
  const m = useMessages(scorecardsMessages);
  const { scorecardId } = route.useParams();
  const canEdit = useCan('analysis:configure');
  const queryClient = useQueryClient();
  const [version, setVersion] = useState<number | 'latest'>('latest');
  const scorecard = useQuery({
    queryKey: ['scorecard', scorecardId, version],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/conversations/scorecards/{id}', {
          params: { path: { id: scorecardId }, query: { version } },
        }),
      ),
  });
  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.title}
        title={scorecard.data?.name ?? m.title}
        description={scorecard.data ? m.showing(scorecard.data.version) : undefined}
      />
      {scorecard.isPending ? (
        <Panel>
          <LoadingBlock label={m.editorLoading} lines={6} />
        </Panel>
      ) : scorecard.isError ? (
        <Panel>
          <ErrorState
            error={scorecard.error}
            onRetry={() => void scorecard.refetch()}
            title={m.editorLoadFailed}
          />
        </Panel>
      ) : (
        <ScorecardEditor
          key={scorecard.data.version}
          initial={draftOf(scorecard.data.body)}
          target={{ kind: 'saved', id: scorecardId, version: scorecard.data.version }}
          canEdit={canEdit}
          onSaved={(saved) => {
            queryClient.setQueryData(['scorecard', scorecardId, saved.version], saved);
            void queryClient.invalidateQueries({ queryKey: ['scorecards'] });
            void queryClient.invalidateQueries({ queryKey: ['scorecard', scorecardId] });
            setVersion(saved.version);
          }}
          onOpenVersion={setVersion}
        />
      )}
    </div>
  );
}
