import { Trash2 } from 'lucide-react';
import type { Translation } from '@/i18n';
import { Button } from '@/kit/Button';
import { Choice, SelectField, TextAreaField, TextField } from '@/kit/Field';
import type { FieldErrors } from '@/kit/forms';
import { comparisons, leafTypes, metrics, type LeafDraft } from './category-draft';
import type { categoriesMessages } from './categories.messages';

type Words = Translation<(typeof categoriesMessages)['en']>;

/** One condition over phrases, sentiment or a characteristic; its fields typed per kind. */
export function LeafEditor({
  leaf,
  path,
  title,
  canEdit,
  errors,
  m,
  onChange,
  onRemove,
}: {
  leaf: LeafDraft;
  /** `categories.0.conditions.1` (or `….conditions.1.conditions.0` inside a group): where the server's errors point. */
  path: string;
  title: string;
  canEdit: boolean;
  errors: FieldErrors<string>;
  m: Words;
  onChange: (leaf: LeafDraft, field: string) => void;
  onRemove?: (() => void) | undefined;
}) {
  const error = (field: string) => errors[`${path}.${field}`];
  const set = <K extends keyof LeafDraft>(field: K, value: LeafDraft[K], path: string = field) =>
    onChange({ ...leaf, [field]: value }, path);
  const speakers =
    leaf.type === 'sentiment' ? (['agent', 'customer'] as const) : (['agent', 'customer', 'either'] as const);
  const numberField = (
    field: 'below' | 'atLeast' | 'value' | 'withinSeconds',
    label: string,
    hint?: string,
  ) => (
    <TextField
      label={label}
      hint={hint}
      optional={field === 'below' || field === 'atLeast'}
      value={leaf[field]}
      inputMode="decimal"
      onChange={(e) => set(field, e.target.value, field === 'withinSeconds' ? 'within' : field)}
      error={field === 'withinSeconds' ? undefined : error(field)}
      readOnly={!canEdit}
      autoComplete="off"
    />
  );
  const withinFields = (
    <>
      <SelectField
        label={m.within}
        value={leaf.withinFrom}
        onChange={(e) => set('withinFrom', e.target.value as LeafDraft['withinFrom'], 'within')}
        error={error('within')}
        disabled={!canEdit}
      >
        <option value="">{m.withinAnywhere}</option>
        <option value="start">{m.withinStart}</option>
        <option value="end">{m.withinEnd}</option>
      </SelectField>
      {leaf.withinFrom !== '' ? numberField('withinSeconds', m.withinSeconds) : null}
    </>
  );
  return (
    <fieldset className="condition-editor">
      <legend className="label">{title}</legend>
      {error('') ? <p className="field-error">{error('')}</p> : null}
      <div className="rule-editor__grid">
        <SelectField
          label={m.conditionType}
          value={leaf.type}
          onChange={(e) => {
            const type = e.target.value as LeafDraft['type'];
            const speaker = type === 'sentiment' && leaf.speaker === 'either' ? 'customer' : leaf.speaker;
            onChange({ ...leaf, type, speaker }, 'type');
          }}
          error={error('type')}
          disabled={!canEdit}
        >
          {leafTypes.map((type) => (
            <option key={type} value={type}>
              {m.types[type]}
            </option>
          ))}
        </SelectField>
        {leaf.type === 'characteristic' ? (
          <SelectField
            label={m.metric}
            value={leaf.metric}
            onChange={(e) => set('metric', e.target.value as LeafDraft['metric'])}
            error={error('metric')}
            disabled={!canEdit}
          >
            {metrics.map((metric) => (
              <option key={metric} value={metric}>
                {m.metrics[metric]}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField
          label={m.speaker}
          value={leaf.speaker}
          onChange={(e) => set('speaker', e.target.value as LeafDraft['speaker'])}
          error={error('speaker')}
          disabled={!canEdit}
        >
          {speakers.map((speaker) => (
            <option key={speaker} value={speaker}>
              {m.speakers[speaker]}
            </option>
          ))}
        </SelectField>
        {leaf.type === 'characteristic' ? (
          <>
            <SelectField
              label={m.operator}
              value={leaf.operator}
              onChange={(e) => set('operator', e.target.value as LeafDraft['operator'])}
              error={error('operator')}
              disabled={!canEdit}
            >
              {comparisons.map((operator) => (
                <option key={operator} value={operator}>
                  {operator}
                </option>
              ))}
            </SelectField>
            {numberField('value', m.value)}
          </>
        ) : null}
        {leaf.type === 'sentiment' ? (
          <>
            <SelectField
              label={m.measure}
              value={leaf.measure}
              onChange={(e) => set('measure', e.target.value as LeafDraft['measure'])}
              error={error('measure')}
              disabled={!canEdit}
            >
              <option value="average">{m.measures.average}</option>
              <option value="any_segment">{m.measures.any_segment}</option>
            </SelectField>
            {numberField('below', m.below, m.sentimentHint)}
            {numberField('atLeast', m.atLeast)}
            {withinFields}
          </>
        ) : null}
        {leaf.type === 'phrase' ? (
          <>
            <SelectField
              label={m.match}
              value={leaf.match}
              onChange={(e) => set('match', e.target.value as LeafDraft['match'])}
              error={error('match')}
              disabled={!canEdit}
            >
              <option value="any">{m.matchAny}</option>
              <option value="all">{m.matchAll}</option>
            </SelectField>
            {withinFields}
          </>
        ) : null}
      </div>
      {leaf.type === 'phrase' ? (
        <>
          <TextAreaField
            label={m.phrases}
            hint={m.phrasesHint}
            rows={2}
            value={leaf.phrases}
            onChange={(e) => set('phrases', e.target.value)}
            error={error('phrases')}
            readOnly={!canEdit}
          />
          <Choice
            title={m.negate}
            checked={leaf.negate}
            disabled={!canEdit}
            onChange={(e) => set('negate', e.target.checked)}
          />
        </>
      ) : null}
      {canEdit && onRemove ? (
        <div>
          <Button size="sm" icon={<Trash2 size={14} aria-hidden="true" />} onClick={onRemove}>
            {`${m.remove}: ${title}`}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
