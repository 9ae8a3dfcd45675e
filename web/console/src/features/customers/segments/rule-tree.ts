import type { RuleLeaf, RuleOp, SegmentRule } from '../customers.api';

/*
 * The rule tree of a segment as the editor holds it: a root group (all / any / none of) of
 * conditions and groups. On the wire (src/modules/customers/segments/segment-rules.ts) a group is
 * `{ all: [...] }`, `{ any: [...] }` or `{ not: ... }` and a condition a leaf over a fact, e.g.
 * "ordered in the last 90 days and spent more than 500 EUR":
 * `{ all: [{ fact: 'orders.lastOrderAt', op: 'within', value: 'P90D' },
 *          { fact: 'orders.total', since: 'P90D', op: '>', value: 500, currency: 'EUR' }] }`.
 * A "none of" group is `{ not: { any: [...] } }` (`{ not: x }` when it holds one).
 */

export type Fact = RuleLeaf['fact'];
export type EditorOp = RuleLeaf['op'];

/** The facts the editor offers, in order. */
export const ruleFacts: readonly Fact[] = [
  'orders.count',
  'orders.total',
  'orders.lastOrderAt',
  'customer.language',
  'consent',
];

const comparisons: readonly RuleOp[] = ['>', '>=', '<', '<=', '=', '!='];

export const operatorsFor: Readonly<Record<Fact, readonly EditorOp[]>> = {
  'orders.count': comparisons,
  'orders.total': comparisons,
  'orders.lastOrderAt': ['within', 'not_within'],
  'customer.language': ['=', '!='],
  consent: ['='],
};

/** ISO 8601 durations offered for `since` ('' = all time) and for the last order. */
export const periods: readonly string[] = ['', 'P30D', 'P90D', 'P6M', 'P1Y'];

export interface EditorCondition {
  readonly key: string;
  readonly type: 'condition';
  readonly fact: Fact;
  readonly op: EditorOp;
  /** As typed (a duration for the last order, 'true' / 'false' for a consent); typed when sent. */
  readonly value: string;
  /** orders.count / orders.total: '' for all time. */
  readonly since: string;
  /** orders.total. */
  readonly currency: string;
  /** consent. */
  readonly purpose: string;
}

export type Combinator = 'all' | 'any' | 'none';

export interface EditorGroup {
  readonly key: string;
  readonly type: 'group';
  readonly combinator: Combinator;
  readonly children: readonly EditorNode[];
}

export type EditorNode = EditorCondition | EditorGroup;

let counter = 0;
export const nextKey = () => `r${++counter}`;

const defaults: Readonly<Record<Fact, Pick<EditorCondition, 'value' | 'since' | 'currency' | 'purpose'>>> = {
  'orders.count': { value: '', since: '', currency: '', purpose: '' },
  'orders.total': { value: '', since: '', currency: 'EUR', purpose: '' },
  'orders.lastOrderAt': { value: 'P90D', since: '', currency: '', purpose: '' },
  'customer.language': { value: '', since: '', currency: '', purpose: '' },
  consent: { value: 'true', since: '', currency: '', purpose: 'marketing.email' },
};

export function newCondition(fact: Fact = 'orders.count'): EditorCondition {
  return { key: nextKey(), type: 'condition', fact, op: operatorsFor[fact][0] ?? '=', ...defaults[fact] };
}

export function newGroup(combinator: Combinator = 'all', children: readonly EditorNode[] = []): EditorGroup {
  return { key: nextKey(), type: 'group', combinator, children };
}

/** The server's rule as the editor's tree (a bare condition becomes a group of one). */
export function fromRule(rule: SegmentRule | null | undefined): EditorGroup {
  if (!rule) return newGroup('all', [newCondition()]);
  const node = toNode(rule);
  return node.type === 'group' ? node : newGroup('all', [node]);
}

function toNode(rule: SegmentRule): EditorNode {
  if ('all' in rule) return newGroup('all', rule.all.map(toNode));
  if ('any' in rule) return newGroup('any', rule.any.map(toNode));
  if ('not' in rule) {
    const inner = rule.not;
    return newGroup('none', 'any' in inner ? inner.any.map(toNode) : [toNode(inner)]);
  }
  return {
    key: nextKey(),
    type: 'condition',
    fact: rule.fact,
    op: rule.op,
    value: String(rule.value),
    since: 'since' in rule ? (rule.since ?? '') : '',
    currency: rule.fact === 'orders.total' ? rule.currency : '',
    purpose: rule.fact === 'consent' ? rule.purpose : '',
  };
}

/** A number as typed ("500", "12,50"); NaN when it is none (the server then names the field). */
function numberOf(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed.replace(',', '.'));
}

const isComparison = (op: EditorOp): op is RuleOp => (comparisons as readonly string[]).includes(op);

function toLeaf(c: EditorCondition): RuleLeaf {
  const since = c.since ? { since: c.since } : {};
  const comparison = isComparison(c.op) ? c.op : '>';
  switch (c.fact) {
    case 'orders.count':
      return { fact: c.fact, ...since, op: comparison, value: numberOf(c.value) };
    case 'orders.total':
      return {
        fact: c.fact,
        ...since,
        op: comparison,
        value: numberOf(c.value),
        currency: c.currency.trim().toUpperCase(),
      };
    case 'orders.lastOrderAt':
      return { fact: c.fact, op: c.op === 'not_within' ? 'not_within' : 'within', value: c.value };
    case 'customer.language':
      return { fact: c.fact, op: c.op === '!=' ? '!=' : '=', value: c.value.trim() };
    case 'consent':
      return { fact: c.fact, purpose: c.purpose.trim(), op: '=', value: c.value !== 'false' };
  }
}

/** The editor's tree as the API takes it. */
export function toRule(group: EditorGroup): SegmentRule {
  const children = group.children.map((child) => (child.type === 'group' ? toRule(child) : toLeaf(child)));
  if (group.combinator === 'all') return { all: children };
  if (group.combinator === 'any') return { any: children };
  const [only] = children;
  return children.length === 1 && only ? { not: only } : { not: { any: children } };
}

/** Conditions without a value (a consent always has one; a total needs its currency too). */
export function missingValues(group: EditorGroup): number {
  return group.children.reduce((n, child) => {
    if (child.type === 'group') return n + missingValues(child);
    const blank =
      (child.fact === 'consent' ? child.purpose.trim() === '' : child.value.trim() === '') ||
      (child.fact === 'orders.total' && child.currency.trim() === '');
    return n + (blank ? 1 : 0);
  }, 0);
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
