import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { ApiError, isApiError } from '@/api/problem';
import { recordingsApi } from '@/api/recordings';
import type { Schema } from '@/api/types';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { FormError, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { formatDuration } from '@/kit/format';
import { Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import type { ScorecardBody } from './scorecard-draft';
import { scorecardsMessages } from './scorecards.messages';

type Evaluation = Schema<'ScorecardEvaluation'>;
type Grade = NonNullable<Evaluation['grade']>;

export const gradeTone: Record<Grade, BadgeTone> = {
  A: 'success',
  B: 'success',
  C: 'warning',
  D: 'warning',
  E: 'danger',
};

const SCORECARD_PREFIX = 'scorecard.';

/**
 * The server's refusal of the scorecard inside a preview request (`scorecard.rules.2.weight`), as
 * a refusal of the editor's own fields (`rules.2.weight`); null when it was about something else.
 */
export function scorecardRefusal(error: unknown): ApiError | null {
  if (!isApiError(error)) return null;
  const fields = error.fields.filter((f) => f.field.startsWith(SCORECARD_PREFIX));
  if (fields.length === 0) return null;
  return new ApiError({
    status: error.status,
    code: error.code,
    message: error.message,
    fields: fields.map((f) => ({ ...f, field: f.field.slice(SCORECARD_PREFIX.length) })),
  });
}

const at = (ms: number) => formatDuration(ms / 1000);

/** "Test on this call": the editor's scorecard, unsaved, against a stored recording. */
export function ScorecardPreview({
  body,
  check,
  onScorecardRefused,
}: {
  body: () => ScorecardBody;
  /** The editor's own checks; false when the scorecard cannot be sent as it stands. */
  check: () => boolean;
  onScorecardRefused: (error: unknown) => void;
}) {
  const m = useMessages(scorecardsMessages);
  const canReadTranscripts = useCan('transcripts:read');
  const canListRecordings = useCan('recordings:read');
  const listId = useId();
  const [recordingId, setRecordingId] = useState('');
  const form = useForm(['recordingId']);
  const recent = useQuery({
    queryKey: ['recordings', 'scorecard-preview'],
    queryFn: ({ signal }) => recordingsApi.list({ state: 'ready', limit: 20 }, signal),
    enabled: canListRecordings && canReadTranscripts,
  });
  const run = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/conversations/scorecards/preview', {
          body: { recordingId: recordingId.trim(), scorecard: body() },
        }),
      ),
    onError: (error) => {
      const refusal = scorecardRefusal(error);
      if (refusal) onScorecardRefused(refusal);
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
    <Panel title={m.preview} description={m.previewDescription} labelledBy="scorecard-preview">
      {!canReadTranscripts ? (
        <Alert tone="info">{m.previewNeedsTranscripts}</Alert>
      ) : (
        <div className="stack">
          <form id={form.id} onSubmit={submit} noValidate className="scorecard-preview__form">
            <FormError message={form.formError} />
            <datalist id={listId}>
              {(recent.data?.items ?? []).map((recording) => (
                <option key={recording.id} value={recording.id}>
                  {[recording.sourceRecordingId, recording.queue].filter(Boolean).join(' · ')}
                </option>
              ))}
            </datalist>
            <TextField
              label={m.recording}
              hint={m.recordingHint}
              value={recordingId}
              list={listId}
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
          {run.data ? <EvaluationView evaluation={run.data} /> : null}
        </div>
      )}
    </Panel>
  );
}

export function EvaluationView({ evaluation }: { evaluation: Evaluation }) {
  const m = useMessages(scorecardsMessages);
  const score = evaluation.score === null ? '—' : String(Math.round(evaluation.score));
  return (
    <div className="stack" aria-live="polite">
      <dl className="scorecard-result">
        <div>
          <dt>{m.score}</dt>
          <dd>
            <strong className="scorecard-result__figure">{score}</strong>
            {evaluation.autoFailed && evaluation.weightedScore !== null ? (
              <span className="subtle"> {m.weightedScore(String(Math.round(evaluation.weightedScore)))}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{m.grade}</dt>
          <dd>
            {evaluation.grade ? (
              <Badge tone={gradeTone[evaluation.grade]}>
                <span aria-label={`${m.grade} ${evaluation.grade}`}>{evaluation.grade}</span>
              </Badge>
            ) : (
              <span className="subtle">{m.noGrade}</span>
            )}
          </dd>
        </div>
      </dl>
      {evaluation.autoFailed ? (
        <Alert tone="danger">
          {m.autoFailed(
            evaluation.autoFailedBy
              .map((id) => evaluation.rules.find((rule) => rule.ruleId === id)?.name ?? id)
              .join(', '),
          )}
        </Alert>
      ) : null}
      {!evaluation.complete ? <Alert tone="info">{m.incomplete}</Alert> : null}
      <table className="scorecard-results">
        <caption className="visually-hidden">{m.resultCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.resultColumns.rule}</th>
            <th scope="col">{m.resultColumns.score}</th>
            <th scope="col">{m.resultColumns.result}</th>
            <th scope="col">{m.resultColumns.evidence}</th>
          </tr>
        </thead>
        <tbody>
          {evaluation.rules.map((rule) => (
            <tr key={rule.ruleId}>
              <th scope="row">
                <span className="identity__text">
                  <span>{rule.name}</span>
                  <span className="subtle">
                    {rule.category} · {m.weight} {rule.weight}
                  </span>
                </span>
              </th>
              <td>{rule.score === null ? '—' : Math.round(rule.score)}</td>
              <td>
                {rule.status !== 'evaluated' ? (
                  <Badge>{m.status[rule.status]}</Badge>
                ) : rule.pass ? (
                  <Badge tone="success">{m.pass}</Badge>
                ) : (
                  <Badge tone="danger">{m.fail}</Badge>
                )}
              </td>
              <td>
                {rule.evidence.length === 0 ? (
                  <span className="subtle">{m.noEvidence}</span>
                ) : (
                  <ul className="scorecard-evidence">
                    {rule.evidence.map((evidence, i) => (
                      <li key={`${evidence.segmentId ?? 'time'}-${i}`}>
                        <span className="scorecard-evidence__time">
                          {m.at(at(evidence.startMs), at(evidence.endMs))}
                        </span>{' '}
                        {evidence.quote ? (
                          <q>{evidence.quote}</q>
                        ) : (
                          <span className="subtle">{m.silence}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {rule.coachNote ? <p className="scorecard-coach-note">{rule.coachNote}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {evaluation.categories.length > 0 ? (
        <div>
          <h3 className="label">{m.categoryScores}</h3>
          <ul className="cluster">
            {evaluation.categories.map((category) => (
              <li key={category.category}>
                <Badge>
                  {category.category}: {category.score === null ? '—' : Math.round(category.score)}
                </Badge>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
