import type { Schema } from '@/api/types';
import { numberOrText } from '@/kit/forms';

/*
 * A category set as the editor holds it: numbers as typed, one flat draft per condition (switching
 * its type keeps what was typed), local keys so moving keeps inputs. `toCategorySetBody` makes the
 * API's shape; groups hold leaf conditions only (two levels, as the API allows).
 */

export type CategorySetBody = Schema<'CategorySetInput'>;
type SavedSet = Schema<'CategorySet'>;
type SavedCondition = SavedSet['categories'][number]['conditions'][number];
type SavedLeaf = Exclude<SavedCondition, { type: 'group' }>;
export type LeafType = SavedLeaf['type'];
export const leafTypes = ['phrase', 'sentiment', 'characteristic'] as const satisfies readonly LeafType[];
export const metrics = [
  'longest_silence_seconds',
  'talk_ratio_percent',
  'interruptions',
  'longest_monologue_seconds',
] as const;
export const comparisons = ['>', '>=', '<', '<='] as const;

export const categoryLimits = {
  name: { maxLength: 200 },
  categories: { minItems: 1, maxItems: 200 },
  categoryName: { maxLength: 200 },
  description: { maxLength: 2000 },
  conditions: { minItems: 1, maxItems: 20 },
} as const;

export interface LeafDraft {
  key: string;
  type: LeafType;
  phrases: string;
  match: 'any' | 'all';
  speaker: 'agent' | 'customer' | 'either';
  negate: boolean;
  withinFrom: '' | 'start' | 'end';
  withinSeconds: string;
  measure: 'average' | 'any_segment';
  below: string;
  atLeast: string;
  metric: (typeof metrics)[number];
  operator: (typeof comparisons)[number];
  value: string;
}

export interface GroupDraft {
  key: string;
  type: 'group';
  operator: 'and' | 'or';
  conditions: LeafDraft[];
}

export type ConditionDraft = LeafDraft | GroupDraft;

export interface CategoryDraft {
  key: string;
  id: string;
  idTouched: boolean;
  name: string;
  description: string;
  operator: 'and' | 'or';
  conditions: ConditionDraft[];
}

export interface CategorySetDraft {
  name: string;
  categories: CategoryDraft[];
}

let keys = 0;
const nextKey = () => `c-${(keys += 1)}`;

export const emptyLeaf = (): LeafDraft => ({
  key: nextKey(),
  type: 'phrase',
  phrases: '',
  match: 'any',
  speaker: 'either',
  negate: false,
  withinFrom: '',
  withinSeconds: '',
  measure: 'average',
  below: '',
  atLeast: '',
  metric: 'longest_silence_seconds',
  operator: '>',
  value: '',
});

export const emptyGroup = (): GroupDraft => ({
  key: nextKey(),
  type: 'group',
  operator: 'or',
  conditions: [emptyLeaf()],
});

export const emptyCategory = (): CategoryDraft => ({
  key: nextKey(),
  id: '',
  idTouched: false,
  name: '',
  description: '',
  operator: 'and',
  conditions: [emptyLeaf()],
});

export const newCategorySetDraft = (): CategorySetDraft => ({ name: '', categories: [emptyCategory()] });

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

function leafDraftOf(leaf: SavedLeaf): LeafDraft {
  const draft: LeafDraft = { ...emptyLeaf(), type: leaf.type };
  switch (leaf.type) {
    case 'phrase':
      return {
        ...draft,
        phrases: leaf.phrases.join('\n'),
        match: leaf.match,
        speaker: leaf.speaker,
        negate: leaf.negate,
        withinFrom: leaf.within?.from ?? '',
        withinSeconds: text(leaf.within?.seconds),
      };
    case 'sentiment':
      return {
        ...draft,
        speaker: leaf.speaker,
        measure: leaf.measure,
        below: text(leaf.below),
        atLeast: text(leaf.atLeast),
        withinFrom: leaf.within?.from ?? '',
        withinSeconds: text(leaf.within?.seconds),
      };
    case 'characteristic':
      return {
        ...draft,
        metric: leaf.metric,
        speaker: leaf.speaker,
        operator: leaf.operator,
        value: text(leaf.value),
      };
  }
}

export const categorySetDraftOf = (body: SavedSet): CategorySetDraft => ({
  name: body.name,
  categories: body.categories.map((category) => ({
    key: nextKey(),
    id: category.id,
    idTouched: true,
    name: category.name,
    description: category.description,
    operator: category.operator,
    conditions: category.conditions.map((condition) =>
      condition.type === 'group'
        ? {
            key: nextKey(),
            type: 'group',
            operator: condition.operator,
            conditions: condition.conditions.map(leafDraftOf),
          }
        : leafDraftOf(condition),
    ),
  })),
});

function within(leaf: LeafDraft) {
  const seconds = numberOrText(leaf.withinSeconds);
  return leaf.withinFrom !== '' && seconds !== undefined
    ? { within: { from: leaf.withinFrom, seconds } }
    : {};
}

const party = (speaker: LeafDraft['speaker']) => (speaker === 'either' ? 'customer' : speaker);

type LeafBody = Exclude<CategorySetBody['categories'][number]['conditions'][number], { type: 'group' }>;

function leafBody(leaf: LeafDraft): LeafBody {
  switch (leaf.type) {
    case 'phrase':
      return {
        type: 'phrase',
        phrases: leaf.phrases
          .split('\n')
          .map((p) => p.trim())
          .filter(Boolean),
        match: leaf.match,
        speaker: leaf.speaker,
        negate: leaf.negate,
        ...within(leaf),
      };
    case 'sentiment':
      return {
        type: 'sentiment',
        speaker: party(leaf.speaker),
        measure: leaf.measure,
        below: numberOrText(leaf.below),
        atLeast: numberOrText(leaf.atLeast),
        ...within(leaf),
      };
    case 'characteristic':
      return {
        type: 'characteristic',
        metric: leaf.metric,
        speaker: leaf.speaker,
        operator: leaf.operator,
        value: numberOrText(leaf.value) as number,
      };
  }
}

export const toCategorySetBody = (draft: CategorySetDraft): CategorySetBody => ({
  name: draft.name.trim(),
  categories: draft.categories.map((category) => ({
    id: category.id.trim(),
    name: category.name.trim(),
    description: category.description,
    operator: category.operator,
    conditions: category.conditions.map((condition) =>
      condition.type === 'group'
        ? { type: 'group', operator: condition.operator, conditions: condition.conditions.map(leafBody) }
        : leafBody(condition),
    ),
  })),
});

const leafFields = [
  'type',
  'phrases',
  'match',
  'speaker',
  'negate',
  'within',
  'measure',
  'below',
  'atLeast',
  'metric',
  'operator',
  'value',
];

/** The form's fields: every condition's own fields before the condition, the category's before the category. */
export const categoryDraftFields = (draft: CategorySetDraft): string[] => [
  'name',
  ...draft.categories.flatMap((category, i) => [
    ...['id', 'name', 'description', 'operator'].map((f) => `categories.${i}.${f}`),
    ...category.conditions.flatMap((condition, j) => {
      const at = `categories.${i}.conditions.${j}`;
      return condition.type === 'group'
        ? [
            ...condition.conditions.flatMap((_, k) => [
              ...leafFields.map((f) => `${at}.conditions.${k}.${f}`),
              `${at}.conditions.${k}`,
            ]),
            `${at}.operator`,
            `${at}.conditions`,
            at,
          ]
        : [...leafFields.map((f) => `${at}.${f}`), at];
    }),
    `categories.${i}.conditions`,
    `categories.${i}`,
  ]),
  'categories',
];
