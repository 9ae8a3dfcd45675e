import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import type { Translation } from '@/i18n';
import { Button } from '@/kit/Button';
import { Choice, SelectField, TextAreaField, TextField } from '@/kit/Field';
import type { FieldErrors } from '@/kit/forms';
import {
  checkFields,
  checkTypes,
  emptyCheck,
  ruleIdFrom,
  scorecardLimits as limits,
  type CheckDraft,
  type CheckField,
  type RuleDraft,
} from './scorecard-draft';
import type { scorecardsMessages } from './scorecards.messages';

type Words = Translation<(typeof scorecardsMessages)['en']>;

interface RuleEditorProps {
  readonly rule: RuleDraft;
  readonly index: number;
  readonly count: number;
  readonly canEdit: boolean;
  readonly errors: FieldErrors<string>;
  readonly m: Words;
  readonly onChange: (rule: RuleDraft, changed: string) => void;
  readonly onMove: (by: -1 | 1) => void;
  readonly onRemove: () => void;
}

/** One rule of a scorecard: what it is, how it weighs, and how it is judged (an LLM or a check). */
export function RuleEditor({
  rule,
  index,
  count,
  canEdit,
  errors,
  m,
  onChange,
  onMove,
  onRemove,
}: RuleEditorProps) {
  const prefix = `rules.${index}`;
  const title = rule.name.trim() || m.untitledRule;
  const set = <K extends keyof RuleDraft>(field: K, value: RuleDraft[K]) =>
    onChange({ ...rule, [field]: value }, `${prefix}.${field}`);
  const setCheck = <K extends keyof CheckDraft>(field: K, value: CheckDraft[K], path: string = field) =>
    onChange({ ...rule, check: { ...rule.check, [field]: value } }, `${prefix}.check.${path}`);
  const error = (field: string) => errors[`${prefix}.${field}`];

  return (
    <li className="rule-editor" aria-labelledby={`${rule.key}-title`}>
      <div className="rule-editor__header">
        <h3 id={`${rule.key}-title`}>
          <span className="subtle">{m.rule(index + 1)}</span> {title}
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
            <Button aria-label={`${m.removeRule}: ${title}`} disabled={count === 1} onClick={onRemove}>
              <Trash2 size={16} aria-hidden="true" />
            </Button>
          </div>
        ) : null}
      </div>
      {error('') ? <p className="field-error">{error('')}</p> : null}
      <div className="rule-editor__grid">
        <TextField
          label={m.ruleName}
          value={rule.name}
          onChange={(e) => {
            const name = e.target.value;
            onChange({ ...rule, name, id: rule.idTouched ? rule.id : ruleIdFrom(name) }, `${prefix}.name`);
          }}
          error={error('name')}
          maxLength={limits.ruleName.maxLength}
          readOnly={!canEdit}
          autoComplete="off"
        />
        <TextField
          label={m.ruleId}
          hint={m.ruleIdHint}
          value={rule.id}
          onChange={(e) => onChange({ ...rule, id: e.target.value, idTouched: true }, `${prefix}.id`)}
          error={error('id')}
          maxLength={limits.ruleId.maxLength}
          readOnly={!canEdit}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label={m.category}
          hint={m.categoryHint}
          value={rule.category}
          onChange={(e) => set('category', e.target.value)}
          error={error('category')}
          maxLength={limits.category.maxLength}
          readOnly={!canEdit}
          autoComplete="off"
        />
        <TextField
          label={m.weight}
          hint={m.weightHint}
          value={rule.weight}
          inputMode="decimal"
          onChange={(e) => set('weight', e.target.value)}
          error={error('weight')}
          readOnly={!canEdit}
          autoComplete="off"
        />
      </div>
      <TextAreaField
        label={m.ruleDescription}
        optional
        rows={2}
        value={rule.description}
        onChange={(e) => set('description', e.target.value)}
        error={error('description')}
        maxLength={limits.ruleDescription.maxLength}
        readOnly={!canEdit}
      />
      <TextAreaField
        label={m.howToJudge}
        hint={m.howToJudgeHint}
        optional
        rows={3}
        value={rule.howToJudge}
        onChange={(e) => set('howToJudge', e.target.value)}
        error={error('howToJudge')}
        maxLength={limits.howToJudge.maxLength}
        readOnly={!canEdit}
      />
      <Choice
        title={m.autoFail}
        description={m.autoFailHint}
        checked={rule.autoFail}
        disabled={!canEdit}
        onChange={(e) => set('autoFail', e.target.checked)}
      />
      <SelectField
        label={m.kind}
        value={rule.kind}
        onChange={(e) => set('kind', e.target.value as RuleDraft['kind'])}
        error={error('kind')}
        disabled={!canEdit}
      >
        <option value="llm">{m.kinds.llm}</option>
        <option value="deterministic">{m.kinds.deterministic}</option>
      </SelectField>
      {rule.kind === 'deterministic' ? (
        <div className="rule-editor__check">
          {error('check') ? <p className="field-error">{error('check')}</p> : null}
          <SelectField
            label={m.checkType}
            value={rule.check.type}
            onChange={(e) => {
              const type = e.target.value as CheckDraft['type'];
              // Speakers differ per check: keep the typed values, reset the one default that would not fit.
              const speaker =
                (type === 'talk_ratio' || type === 'min_sentiment') && rule.check.speaker === 'any'
                  ? emptyCheck(type).speaker
                  : rule.check.speaker;
              onChange({ ...rule, check: { ...rule.check, type, speaker } }, `${prefix}.check.type`);
            }}
            error={error('check.type')}
            disabled={!canEdit}
          >
            {checkTypes.map((type) => (
              <option key={type} value={type}>
                {m.checkTypes[type]}
              </option>
            ))}
          </SelectField>
          <div className="rule-editor__grid">
            {checkFields[rule.check.type].map((field: CheckField) => (
              <CheckInput
                key={field}
                field={field}
                check={rule.check}
                canEdit={canEdit}
                error={error(`check.${field}`)}
                m={m}
                set={setCheck}
              />
            ))}
          </div>
        </div>
      ) : null}
    </li>
  );
}

function CheckInput({
  field,
  check,
  canEdit,
  error,
  m,
  set,
}: {
  field: CheckField;
  check: CheckDraft;
  canEdit: boolean;
  error: string | undefined;
  m: Words;
  set: <K extends keyof CheckDraft>(field: K, value: CheckDraft[K], path?: string) => void;
}) {
  const number = (
    key: 'maxSeconds' | 'maxPercent' | 'minPercent' | 'max' | 'min',
    label: string,
    hint?: string,
  ) => (
    <TextField
      label={label}
      hint={hint}
      optional={key === 'maxPercent' || key === 'minPercent'}
      value={check[key]}
      inputMode="decimal"
      onChange={(e) => set(key, e.target.value)}
      error={error}
      readOnly={!canEdit}
      autoComplete="off"
    />
  );
  switch (field) {
    case 'phrases':
      return (
        <TextAreaField
          label={m.phrases}
          hint={m.phrasesHint}
          rows={3}
          value={check.phrases}
          onChange={(e) => set('phrases', e.target.value)}
          error={error}
          readOnly={!canEdit}
        />
      );
    case 'match':
      return (
        <SelectField
          label={m.match}
          value={check.match}
          onChange={(e) => set('match', e.target.value as CheckDraft['match'])}
          error={error}
          disabled={!canEdit}
        >
          <option value="any">{m.matchAny}</option>
          <option value="all">{m.matchAll}</option>
        </SelectField>
      );
    case 'speaker': {
      const anyone = check.type !== 'talk_ratio' && check.type !== 'min_sentiment';
      return (
        <SelectField
          label={m.speaker}
          value={check.speaker}
          onChange={(e) => set('speaker', e.target.value as CheckDraft['speaker'])}
          error={error}
          disabled={!canEdit}
        >
          <option value="agent">{m.speakers.agent}</option>
          <option value="customer">{m.speakers.customer}</option>
          {anyone ? <option value="any">{m.speakers.any}</option> : null}
        </SelectField>
      );
    }
    case 'by':
      return (
        <SelectField
          label={m.interruptedBy}
          value={check.by}
          onChange={(e) => set('by', e.target.value as CheckDraft['by'])}
          error={error}
          disabled={!canEdit}
        >
          <option value="agent">{m.speakers.agent}</option>
          <option value="customer">{m.speakers.customer}</option>
        </SelectField>
      );
    case 'within':
      return (
        <div className="rule-editor__within">
          <SelectField
            label={m.within}
            value={check.withinFrom}
            onChange={(e) => set('withinFrom', e.target.value as CheckDraft['withinFrom'], 'within')}
            error={error}
            disabled={!canEdit}
          >
            <option value="">{m.withinAnywhere}</option>
            <option value="start">{m.withinStart}</option>
            <option value="end">{m.withinEnd}</option>
          </SelectField>
          {check.withinFrom !== '' ? (
            <TextField
              label={m.withinSeconds}
              value={check.withinSeconds}
              inputMode="decimal"
              onChange={(e) => set('withinSeconds', e.target.value, 'within')}
              readOnly={!canEdit}
              autoComplete="off"
            />
          ) : null}
        </div>
      );
    case 'measure':
      return (
        <SelectField
          label={m.measure}
          value={check.measure}
          onChange={(e) => set('measure', e.target.value as CheckDraft['measure'])}
          error={error}
          disabled={!canEdit}
        >
          <option value="average">{m.measures.average}</option>
          <option value="every_segment">{m.measures.every_segment}</option>
        </SelectField>
      );
    case 'maxSeconds':
      return number('maxSeconds', m.maxSeconds);
    case 'maxPercent':
      return number('maxPercent', m.maxPercent, m.percentHint);
    case 'minPercent':
      return number('minPercent', m.minPercent);
    case 'max':
      return number('max', m.maxInterruptions);
    case 'min':
      return number('min', m.minSentiment, m.minSentimentHint);
  }
}
