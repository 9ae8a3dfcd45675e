import type { RuleCondition, RuleOperator, SegmentRule } from '../customers.api';

/*
 * The rule tree of a segment as the editor holds it: a root group (all / any) of conditions and
 * groups. On the wire (API-18, customers segments) a group is `{ all: [...] }` or `{ any: [...] }`
 * and a condition `{ field, op, value }`; e.g. "ordered in the last 90 days and total > 500":
 * `{ all: [{ field: 'orders.lastAt', op: 'within_days', value: 90 }, { field: 'orders.total', op: 'gt', value: 500 }] }`.
 */

export type FieldKind = 'number' | 'text' | 'days' | 'boolean' | 'status';

/** The fields the editor offers, with the kind of value each takes. */
export const ruleFields: Readonly<Record<string, FieldKind>> = {
  'orders.count': 'number',
  'orders.total': 'number',
  'orders.lastAt': 'days',
  createdAt: 'days',
  lastActivityAt: 'days',
  language: 'text',
  status: 'status',
  'address.country': 'text',
  'consent.marketing': 'boolean',
};

export const operatorsFor: Readonly<Record<FieldKind, readonly RuleOperator[]>> = {
  number: ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'],
  text: ['eq', 'neq', 'contains'],
  days: ['within_days'],
  boolean: ['eq'],
  status: ['eq', 'neq'],
};

export const kindOf = (field: string): FieldKind => ruleFields[field] ?? 'text';

export interface EditorCondition {
  readonly key: string;
  readonly type: 'condition';
  readonly field: string;
  readonly op: RuleOperator;
  /** As typed; turned into a number or boolean by its field's kind when sent. */
  readonly value: string;
}

export interface EditorGroup {
  readonly key: string;
  readonly type: 'group';
  readonly combinator: 'all' | 'any';
  readonly children: readonly EditorNode[];
}

export type EditorNode = EditorCondition | EditorGroup;

let counter = 0;
export const nextKey = () => `r${++counter}`;

export function newCondition(field = 'orders.count'): EditorCondition {
  return { key: nextKey(), type: 'condition', field, op: operatorsFor[kindOf(field)][0] ?? 'eq', value: '' };
}

export function newGroup(
  combinator: 'all' | 'any' = 'all',
  children: readonly EditorNode[] = [],
): EditorGroup {
  return { key: nextKey(), type: 'group', combinator, children };
}

const isCondition = (rule: SegmentRule): rule is RuleCondition => 'field' in rule;

/** The server's rule as the editor's tree (a bare condition becomes a group of one). */
export function fromRule(rule: SegmentRule | null | undefined): EditorGroup {
  if (!rule) return newGroup('all', [newCondition()]);
  const node = toNode(rule);
  return node.type === 'group' ? node : newGroup('all', [node]);
}

function toNode(rule: SegmentRule): EditorNode {
  if (isCondition(rule))
    return { key: nextKey(), type: 'condition', field: rule.field, op: rule.op, value: String(rule.value) };
  if ('all' in rule) return newGroup('all', rule.all.map(toNode));
  return newGroup('any', rule.any.map(toNode));
}

function valueOf(condition: EditorCondition): string | number | boolean {
  const kind = kindOf(condition.field);
  const text = condition.value.trim();
  if (kind === 'boolean') return text === 'true';
  if (kind === 'number' || kind === 'days') {
    const n = Number(text.replace(',', '.'));
    // Not a number: sent as typed, the server names the field.
    return text !== '' && Number.isFinite(n) ? n : text;
  }
  return text;
}

/** The editor's tree as the API takes it. */
export function toRule(group: EditorGroup): SegmentRule {
  const children = group.children.map((child) =>
    child.type === 'group' ? toRule(child) : { field: child.field, op: child.op, value: valueOf(child) },
  );
  return group.combinator === 'all' ? { all: children } : { any: children };
}

/** Conditions without a value (booleans always have one). */
export function missingValues(group: EditorGroup): number {
  return group.children.reduce(
    (n, child) =>
      n +
      (child.type === 'group'
        ? missingValues(child)
        : kindOf(child.field) !== 'boolean' && child.value.trim() === ''
          ? 1
          : 0),
    0,
  );
}

/** Replaces the node with `key` anywhere in the tree (undefined removes it). */
export function replaceNode(group: EditorGroup, key: string, next: EditorNode | undefined): EditorGroup {
  return {
    ...group,
    children: group.children.flatMap((child) => {
      if (child.key === key) return next ? [next] : [];
      return [child.type === 'group' ? replaceNode(child, key, next) : child];
    }),
  };
}
