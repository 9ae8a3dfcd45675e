import { CircleAlert, CircleCheck, CircleMinus, CircleX, Clock } from 'lucide-react';
import type { ReactNode } from 'react';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { formatNumber } from '@/kit/format';
import { Panel } from '@/kit/Page';
import type { Analysis, Grade, QaEvaluation, QaRule } from './analysis.api';
import { analysisMessages } from './analysis.messages';
import { EvidenceButton, type Jump } from './Evidence';

/**
 * The slot for a reviewer's actions on one rule (override the score, dispute it): the review
 * feature renders them; this panel only places them under the rule.
 */
export type RuleActions = (rule: QaRule, context: { analysis: Analysis; qa: QaEvaluation }) => ReactNode;

export const gradeTone: Readonly<Record<Grade, BadgeTone>> = {
  A: 'success',
  B: 'success',
  C: 'info',
  D: 'warning',
  E: 'danger',
};

function RuleOutcome({ rule }: { rule: QaRule }) {
  const m = useMessages(analysisMessages).qa;
  if (rule.status === 'pending')
    return (
      <Badge tone="info">
        <Clock aria-hidden="true" className="analysis__badge-icon" /> {m.pending}
      </Badge>
    );
  if (rule.status === 'not_applicable')
    return (
      <Badge>
        <CircleMinus aria-hidden="true" className="analysis__badge-icon" /> {m.notApplicable}
      </Badge>
    );
  return rule.pass ? (
    <Badge tone="success">
      <CircleCheck aria-hidden="true" className="analysis__badge-icon" /> {m.pass}
    </Badge>
  ) : (
    <Badge tone="danger">
      <CircleX aria-hidden="true" className="analysis__badge-icon" /> {m.fail}
    </Badge>
  );
}

/** The scorecard's result: score and grade, an automatic fail, each rule with its evidence and coach note. */
export function QaPanel({
  analysis,
  names,
  onJump,
  renderRuleActions,
}: {
  readonly analysis: Analysis;
  readonly names: ReadonlyMap<string, string>;
  readonly onJump: Jump;
  /** Review slot: rendered under each rule (features/recordings/detail/review plugs in here). */
  readonly renderRuleActions?: RuleActions;
}) {
  const m = useMessages(analysisMessages).qa;
  const qa = analysis.qa;
  if (!qa)
    return (
      <Panel title={m.title} labelledBy="recording-qa">
        <p className="subtle">{m.none}</p>
      </Panel>
    );
  const ruleName = new Map(qa.rules.map((r) => [r.ruleId, r.name]));
  return (
    <Panel title={m.title} labelledBy="recording-qa">
      <div className="stack stack--sm">
        <div className="qa-score">
          <span className="qa-score__figure" data-testid="qa-score">
            <span className="subtle">{m.score}</span>{' '}
            <strong>{qa.score === null ? '—' : formatNumber(qa.score)}</strong>
            <span className="subtle"> / 100</span>
          </span>
          {qa.grade ? (
            <span className={`qa-grade qa-grade--${qa.grade}`} title={m.grade(qa.grade)}>
              <span className="visually-hidden">{m.grade(qa.grade)}</span>
              <span aria-hidden="true">{qa.grade}</span>
            </span>
          ) : (
            <Badge>{m.ungraded}</Badge>
          )}
        </div>
        {qa.autoFailed ? (
          <Alert tone="danger" icon={<CircleAlert aria-hidden="true" />}>
            {m.autoFailed(qa.autoFailedBy.map((id) => ruleName.get(id) ?? id).join(', '))}
            {qa.weightedScore !== null ? ` ${m.wouldHave(formatNumber(qa.weightedScore))}` : ''}
          </Alert>
        ) : null}
        {!qa.complete ? <p className="subtle">{m.incomplete}</p> : null}
        {qa.categories.length > 1 ? (
          <p className="subtle">
            {m.byCategory}:{' '}
            {qa.categories
              .map((c) => `${c.category} ${c.score === null ? '—' : formatNumber(c.score)}`)
              .join(' · ')}
          </p>
        ) : null}
        <h3 className="analysis__heading">{m.rules}</h3>
        <ol className="qa-rules">
          {qa.rules.map((rule) => (
            <li key={rule.ruleId} className="qa-rule" data-rule={rule.ruleId}>
              <div className="qa-rule__head">
                <span className="qa-rule__name">{rule.name}</span>
                <span className="qa-rule__score mono">
                  {rule.score === null ? '—' : formatNumber(rule.score)}
                </span>
                <RuleOutcome rule={rule} />
              </div>
              <p className="subtle qa-rule__meta">
                {rule.category} · {m.weight(formatNumber(rule.weight))}
                {rule.autoFail ? ` · ${m.autoFailRule}` : ''}
              </p>
              {rule.evidence.length > 0 ? (
                <ul className="analysis__evidence" aria-label={m.evidence}>
                  {rule.evidence.map((e, i) => (
                    <li key={i}>
                      <EvidenceButton {...e} names={names} onJump={onJump} />
                    </li>
                  ))}
                </ul>
              ) : rule.status === 'evaluated' ? (
                <p className="subtle">{m.noEvidence}</p>
              ) : null}
              {rule.coachNote ? (
                <p className="qa-rule__note">
                  <span className="subtle">{m.coachNote}: </span>
                  {rule.coachNote}
                </p>
              ) : null}
              {renderRuleActions ? (
                <div className="qa-rule__actions">{renderRuleActions(rule, { analysis, qa })}</div>
              ) : null}
            </li>
          ))}
        </ol>
      </div>
    </Panel>
  );
}
