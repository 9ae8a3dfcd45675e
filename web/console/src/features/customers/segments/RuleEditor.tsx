import { Plus, Trash2 } from 'lucide-react';
import { useMessages } from '@/i18n';
import { Button, IconButton } from '@/kit/Button';
import { SelectField, TextField } from '@/kit/Field';
import { labelIn } from '@/kit/labels';
import { customersMessages } from '../customers.messages';
import {
  newCondition,
  newGroup,
  operatorsFor,
  periods,
  replaceNode,
  ruleFacts,
  type EditorCondition,
  type EditorGroup,
  type EditorOp,
  type Fact,
} from './rule-tree';

/** Groups nest this deep at most: a rule a person can still read. */
const maxDepth = 2;

/** The rule builder: a group of conditions (fact, condition, value) and, one level down, groups. */
export function RuleEditor({
  root,
  onChange,
  error,
}: {
  root: EditorGroup;
  onChange: (root: EditorGroup) => void;
  error: string | undefined;
}) {
  const s = useMessages(customersMessages).segments;
  return (
    <fieldset
      className="choice-group"
      aria-invalid={error ? true : undefined}
      aria-describedby="segment-rules-hint"
    >
      <legend className="label">{s.rules}</legend>
      <p className="hint" id="segment-rules-hint">
        {s.rulesHint}
      </p>
      <GroupEditor group={root} depth={1} onChange={onChange} onRemove={undefined} />
      {error ? (
        <p className="field-error" role="alert">
          <span>{error}</span>
        </p>
      ) : null}
    </fieldset>
  );
}

function GroupEditor({
  group,
  depth,
  onChange,
  onRemove,
}: {
  group: EditorGroup;
  depth: number;
  onChange: (group: EditorGroup) => void;
  onRemove: (() => void) | undefined;
}) {
  const s = useMessages(customersMessages).segments;
  // Conditions are numbered within their group, for the Remove buttons' names.
  const positions = new Map(
    group.children.filter((child) => child.type === 'condition').map((child, i) => [child.key, i + 1]),
  );
  return (
    <div className="customers-rule-group" role="group" aria-label={depth === 1 ? s.rules : s.group}>
      <div className="customers-rule">
        <SelectField
          label={s.match}
          value={group.combinator}
          onChange={(e) => {
            const value = e.target.value;
            onChange({ ...group, combinator: value === 'any' || value === 'none' ? value : 'all' });
          }}
        >
          <option value="all">{s.all}</option>
          <option value="any">{s.any}</option>
          <option value="none">{s.none}</option>
        </SelectField>
        {onRemove ? (
          <Button variant="danger-ghost" icon={<Trash2 aria-hidden="true" />} onClick={onRemove}>
            {s.removeGroup}
          </Button>
        ) : null}
      </div>
      {group.children.length === 0 ? <p className="subtle">{s.emptyGroup}</p> : null}
      {group.children.map((child) => {
        if (child.type === 'group')
          return (
            <GroupEditor
              key={child.key}
              group={child}
              depth={depth + 1}
              onChange={(next) => onChange(replaceNode(group, child.key, next))}
              onRemove={() => onChange(replaceNode(group, child.key, undefined))}
            />
          );
        return (
          <ConditionEditor
            key={child.key}
            condition={child}
            position={positions.get(child.key) ?? 0}
            onChange={(next) => onChange(replaceNode(group, child.key, next))}
            onRemove={() => onChange(replaceNode(group, child.key, undefined))}
          />
        );
      })}
      <div className="cluster">
        <Button
          size="sm"
          icon={<Plus aria-hidden="true" />}
          onClick={() => onChange({ ...group, children: [...group.children, newCondition()] })}
        >
          {s.addCondition}
        </Button>
        {depth < maxDepth ? (
          <Button
            size="sm"
            icon={<Plus aria-hidden="true" />}
            onClick={() =>
              onChange({ ...group, children: [...group.children, newGroup('any', [newCondition()])] })
            }
          >
            {s.addGroup}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function ConditionEditor({
  condition,
  position,
  onChange,
  onRemove,
}: {
  condition: EditorCondition;
  position: number;
  onChange: (condition: EditorCondition) => void;
  onRemove: () => void;
}) {
  const s = useMessages(customersMessages).segments;
  const fact = condition.fact;
  const operators = operatorsFor[fact].includes(condition.op)
    ? operatorsFor[fact]
    : [...operatorsFor[fact], condition.op];
  const periodChoices = (current: string) => (periods.includes(current) ? periods : [...periods, current]);
  const periodLabel = (period: string) => labelIn(s.periods, period) ?? period;
  return (
    <div className="customers-rule" aria-label={`${s.field} ${position}`} role="group">
      <SelectField
        label={s.field}
        value={fact}
        onChange={(e) => {
          const next = ruleFacts.find((f) => f === e.target.value) ?? 'orders.count';
          onChange({ ...newCondition(next), key: condition.key });
        }}
      >
        {ruleFacts.map((f: Fact) => (
          <option key={f} value={f}>
            {labelIn(s.ruleFields, f) ?? f}
          </option>
        ))}
      </SelectField>
      {fact === 'consent' ? (
        <TextField
          label={s.purpose}
          value={condition.purpose}
          onChange={(e) => onChange({ ...condition, purpose: e.target.value })}
        />
      ) : null}
      <SelectField
        label={s.operator}
        value={condition.op}
        onChange={(e) =>
          onChange({ ...condition, op: operators.find((op) => op === e.target.value) ?? condition.op })
        }
      >
        {operators.map((op: EditorOp) => (
          <option key={op} value={op}>
            {s.operators[op]}
          </option>
        ))}
      </SelectField>
      {fact === 'consent' ? (
        <SelectField
          label={s.value}
          value={condition.value === 'false' ? 'false' : 'true'}
          onChange={(e) => onChange({ ...condition, value: e.target.value })}
        >
          <option value="true">{s.yes}</option>
          <option value="false">{s.no}</option>
        </SelectField>
      ) : fact === 'orders.lastOrderAt' ? (
        <SelectField
          label={s.since}
          value={condition.value}
          onChange={(e) => onChange({ ...condition, value: e.target.value })}
        >
          {periodChoices(condition.value)
            .filter((period) => period !== '')
            .map((period) => (
              <option key={period} value={period}>
                {periodLabel(period)}
              </option>
            ))}
        </SelectField>
      ) : (
        <TextField
          label={s.value}
          inputMode={fact === 'customer.language' ? undefined : 'decimal'}
          value={condition.value}
          onChange={(e) => onChange({ ...condition, value: e.target.value })}
        />
      )}
      {fact === 'orders.total' ? (
        <TextField
          label={s.currency}
          value={condition.currency}
          maxLength={3}
          onChange={(e) => onChange({ ...condition, currency: e.target.value })}
        />
      ) : null}
      {fact === 'orders.count' || fact === 'orders.total' ? (
        <SelectField
          label={s.since}
          value={condition.since}
          onChange={(e) => onChange({ ...condition, since: e.target.value })}
        >
          {periodChoices(condition.since).map((period) => (
            <option key={period || 'all'} value={period}>
              {periodLabel(period)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <IconButton label={s.removeCondition(position)} onClick={onRemove}>
        <Trash2 aria-hidden="true" />
      </IconButton>
    </div>
  );
}
