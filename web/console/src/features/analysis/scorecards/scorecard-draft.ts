import type { Schema } from '@/api/types';
import { numberOrText } from '@/kit/forms';

/*
 * A scorecard as the editor holds it: numbers as the text typed, every check field kept while the
 * check's type changes (switching back keeps what was typed), and a local key per rule so moving
 * rules keeps their inputs. `toScorecardBody` turns it into what the API takes.
 */

export type ScorecardBody = Schema<'ScorecardInput'>;
export type ScorecardRuleBody = Schema<'ScorecardRuleInput'>;
export type ScorecardCheckBody = Schema<'ScorecardCheckInput'>;
/** A saved version's body, as the API answers it (defaults filled in). */
export type SavedScorecard = Schema<'Scorecard'>;
export type CheckType = ScorecardCheckBody['type'];
export type RuleKind = ScorecardRuleBody['kind'];

export const checkTypes = [
  'phrase_said',
  'phrase_not_said',
  'max_silence',
  'talk_ratio',
  'max_interruptions',
  'max_monologue',
  'min_sentiment',
] as const satisfies readonly CheckType[];

/** The fields each check type shows (and sends), in order. */
export const checkFields = {
  phrase_said: ['phrases', 'match', 'speaker', 'within'],
  phrase_not_said: ['phrases', 'speaker', 'within'],
  max_silence: ['maxSeconds'],
  talk_ratio: ['speaker', 'maxPercent', 'minPercent'],
  max_interruptions: ['by', 'max'],
  max_monologue: ['speaker', 'maxSeconds'],
  min_sentiment: ['speaker', 'min', 'measure'],
} as const satisfies Record<CheckType, readonly string[]>;

export type CheckField = (typeof checkFields)[CheckType][number];

/** The length limits of scorecard.schema.ts (limits.gen.ts carries only top-level request fields). */
export const scorecardLimits = {
  name: { maxLength: 200 },
  description: { maxLength: 2000 },
  rules: { minItems: 1, maxItems: 100 },
  ruleId: { maxLength: 64 },
  ruleName: { maxLength: 200 },
  category: { maxLength: 100 },
  ruleDescription: { maxLength: 2000 },
  howToJudge: { maxLength: 4000 },
  phrase: { maxLength: 200 },
  phrases: { maxItems: 50 },
} as const;

export interface CheckDraft {
  type: CheckType;
  /** One phrase a line. */
  phrases: string;
  match: 'any' | 'all';
  speaker: 'agent' | 'customer' | 'any';
  withinFrom: '' | 'start' | 'end';
  withinSeconds: string;
  maxSeconds: string;
  maxPercent: string;
  minPercent: string;
  by: 'agent' | 'customer';
  max: string;
  min: string;
  measure: 'average' | 'every_segment';
}

export interface RuleDraft {
  /** Local only: React's key, stable while rules move. */
  key: string;
  id: string;
  /** The id follows the name until it is typed in (new rules only). */
  idTouched: boolean;
  name: string;
  category: string;
  weight: string;
  description: string;
  howToJudge: string;
  autoFail: boolean;
  kind: RuleKind;
  check: CheckDraft;
}

export const callDirections = ['inbound', 'outbound', 'internal', 'unknown'] as const;
export type CallDirection = (typeof callDirections)[number];

export interface ScorecardDraft {
  name: string;
  description: string;
  /** The queues it applies to, one a line; empty: every queue. */
  queues: string;
  /** The directions it applies to; none ticked: every direction. */
  directions: CallDirection[];
  rules: RuleDraft[];
}

let keys = 0;
const nextKey = () => `rule-${(keys += 1)}`;

export function emptyCheck(type: CheckType = 'phrase_said'): CheckDraft {
  return {
    type,
    phrases: '',
    match: 'any',
    speaker: 'agent',
    withinFrom: '',
    withinSeconds: '',
    maxSeconds: '',
    maxPercent: '',
    minPercent: '',
    by: 'agent',
    max: '',
    min: '',
    measure: 'average',
  };
}

export function emptyRule(): RuleDraft {
  return {
    key: nextKey(),
    id: '',
    idTouched: false,
    name: '',
    category: '',
    weight: '1',
    description: '',
    howToJudge: '',
    autoFail: false,
    kind: 'llm',
    check: emptyCheck(),
  };
}

/** A rule id from its name: "Greets by name" → "greets-by-name". */
export function ruleIdFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

function checkDraftOf(check: SavedScorecard['rules'][number]['check']): CheckDraft {
  const draft = emptyCheck(check?.type);
  if (!check) return draft;
  switch (check.type) {
    case 'phrase_said':
    case 'phrase_not_said':
      draft.phrases = check.phrases.join('\n');
      draft.match = check.match;
      draft.speaker = check.speaker;
      draft.withinFrom = check.within?.from ?? '';
      draft.withinSeconds = text(check.within?.seconds);
      break;
    case 'max_silence':
      draft.maxSeconds = text(check.maxSeconds);
      break;
    case 'talk_ratio':
      draft.speaker = check.speaker;
      draft.maxPercent = text(check.maxPercent);
      draft.minPercent = text(check.minPercent);
      break;
    case 'max_interruptions':
      draft.by = check.by;
      draft.max = text(check.max);
      break;
    case 'max_monologue':
      draft.speaker = check.speaker;
      draft.maxSeconds = text(check.maxSeconds);
      break;
    case 'min_sentiment':
      draft.speaker = check.speaker;
      draft.min = text(check.min);
      draft.measure = check.measure;
      break;
  }
  return draft;
}

export function draftOf(body: SavedScorecard): ScorecardDraft {
  return {
    name: body.name,
    description: body.description,
    queues: (body.appliesTo?.queues ?? []).join('\n'),
    directions: [...(body.appliesTo?.directions ?? [])],
    rules: body.rules.map((rule) => ({
      key: nextKey(),
      id: rule.id,
      idTouched: true,
      name: rule.name,
      category: rule.category,
      weight: String(rule.weight),
      description: rule.description,
      howToJudge: rule.howToJudge,
      autoFail: rule.autoFail,
      kind: rule.kind,
      check: checkDraftOf(rule.check),
    })),
  };
}

export function newScorecardDraft(): ScorecardDraft {
  return { name: '', description: '', queues: '', directions: [], rules: [emptyRule()] };
}

/** Only the speakers a check takes: talk ratio and sentiment know no "any". */
const party = (speaker: CheckDraft['speaker'], fallback: 'agent' | 'customer') =>
  speaker === 'any' ? fallback : speaker;

function checkBody(check: CheckDraft): ScorecardCheckBody {
  switch (check.type) {
    case 'phrase_said':
    case 'phrase_not_said': {
      const seconds = numberOrText(check.withinSeconds);
      return {
        type: check.type,
        phrases: check.phrases
          .split('\n')
          .map((phrase) => phrase.trim())
          .filter(Boolean),
        match: check.type === 'phrase_not_said' ? 'any' : check.match,
        speaker: check.speaker,
        ...(check.withinFrom !== '' && seconds !== undefined
          ? { within: { from: check.withinFrom, seconds } }
          : {}),
      };
    }
    case 'max_silence':
      return { type: check.type, maxSeconds: numberOrText(check.maxSeconds) as number };
    case 'talk_ratio':
      return {
        type: check.type,
        speaker: party(check.speaker, 'agent'),
        maxPercent: numberOrText(check.maxPercent),
        minPercent: numberOrText(check.minPercent),
      };
    case 'max_interruptions':
      return { type: check.type, by: check.by, max: numberOrText(check.max) as number };
    case 'max_monologue':
      return {
        type: check.type,
        speaker: check.speaker,
        maxSeconds: numberOrText(check.maxSeconds) as number,
      };
    case 'min_sentiment':
      return {
        type: check.type,
        speaker: party(check.speaker, 'customer'),
        min: numberOrText(check.min) as number,
        measure: check.measure,
      };
  }
}

export function toScorecardBody(draft: ScorecardDraft): ScorecardBody {
  const queues = draft.queues
    .split('\n')
    .map((queue) => queue.trim())
    .filter(Boolean);
  const appliesTo = {
    ...(queues.length > 0 ? { queues } : {}),
    ...(draft.directions.length > 0 ? { directions: draft.directions } : {}),
  };
  return {
    name: draft.name.trim(),
    description: draft.description,
    ...(Object.keys(appliesTo).length > 0 ? { appliesTo } : {}),
    rules: draft.rules.map((rule) => ({
      id: rule.id.trim(),
      name: rule.name.trim(),
      category: rule.category.trim(),
      weight: numberOrText(rule.weight) as number,
      description: rule.description,
      howToJudge: rule.howToJudge,
      autoFail: rule.autoFail,
      kind: rule.kind,
      ...(rule.kind === 'deterministic' ? { check: checkBody(rule.check) } : {}),
    })),
  };
}

/** The form's fields for a draft: every rule's own fields before the rule, the rules before the list. */
export function draftFields(draft: ScorecardDraft): string[] {
  const ruleFields = draft.rules.flatMap((rule, i) => [
    ...['id', 'name', 'category', 'weight', 'description', 'howToJudge', 'autoFail', 'kind'].map(
      (field) => `rules.${i}.${field}`,
    ),
    ...['type', ...checkFields[rule.check.type]].map((field) => `rules.${i}.check.${field}`),
    `rules.${i}.check`,
    `rules.${i}`,
  ]);
  return [
    'name',
    'description',
    'appliesTo.queues',
    'appliesTo.directions',
    'appliesTo',
    ...ruleFields,
    'rules',
  ];
}
