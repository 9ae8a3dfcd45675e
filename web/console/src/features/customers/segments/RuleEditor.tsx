import { Plus, Trash2 } from 'lucide-react';
import { useMessages } from '@/i18n';
import { Button, IconButton } from '@/kit/Button';
import { SelectField, TextField } from '@/kit/Field';
import { labelIn } from '@/kit/labels';
import type { RuleOperator } from '../customers.api';
import { customersMessages } from '../customers.messages';
import {
  kindOf,
  newCondition,
  newGroup,
  operatorsFor,
  replaceNode,
  ruleFields,
  type EditorCondition,
  type EditorGroup,
} from './rule-tree';

/** Groups nest this deep at most: a rule a person can still read. */
const maxDepth = 2;

/** The rule builder: a group of conditions (field, condition, value) and, one level down, groups. */
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
          onChange={(e) => onChange({ ...group, combinator: e.target.value === 'any' ? 'any' : 'all' })}
        >
          <option value="all">{s.all}</option>
          <option value="any">{s.any}</option>
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
  const kind = kindOf(condition.field);
  const fields =
    condition.field in ruleFields ? Object.keys(ruleFields) : [...Object.keys(ruleFields), condition.field];
  const operators = operatorsFor[kind].includes(condition.op)
    ? operatorsFor[kind]
    : [...operatorsFor[kind], condition.op];
  return (
    <div className="customers-rule" aria-label={`${s.field} ${position}`} role="group">
      <SelectField
        label={s.field}
        value={condition.field}
        onChange={(e) => {
          const field = e.target.value;
          const op = operatorsFor[kindOf(field)][0] ?? 'eq';
          onChange({ ...condition, field, op, value: kindOf(field) === 'boolean' ? 'true' : '' });
        }}
      >
        {fields.map((field) => (
          <option key={field} value={field}>
            {labelIn(s.ruleFields, field) ?? field}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={s.operator}
        value={condition.op}
        onChange={(e) => onChange({ ...condition, op: e.target.value as RuleOperator })}
      >
        {operators.map((op) => (
          <option key={op} value={op}>
            {s.operators[op]}
          </option>
        ))}
      </SelectField>
      {kind === 'boolean' ? (
        <SelectField
          label={s.value}
          value={condition.value === 'false' ? 'false' : 'true'}
          onChange={(e) => onChange({ ...condition, value: e.target.value })}
        >
          <option value="true">{s.yes}</option>
          <option value="false">{s.no}</option>
        </SelectField>
      ) : kind === 'status' ? (
        <SelectField
          label={s.value}
          value={condition.value}
          onChange={(e) => onChange({ ...condition, value: e.target.value })}
        >
          <option value="" />
          <option value="active">active</option>
          <option value="anonymised">anonymised</option>
        </SelectField>
      ) : (
        <TextField
          label={s.value}
          inputMode={kind === 'number' || kind === 'days' ? 'decimal' : undefined}
          value={condition.value}
          onChange={(e) => onChange({ ...condition, value: e.target.value })}
        />
      )}
      <IconButton label={s.removeCondition(position)} onClick={onRemove}>
        <Trash2 aria-hidden="true" />
      </IconButton>
    </div>
  );
}
