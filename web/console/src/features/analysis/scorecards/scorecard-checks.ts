import { decimalOf, limitProblem, type FieldErrors } from '@/kit/forms';
import type { Translation } from '@/i18n';
import { checkFields, scorecardLimits as limits, type ScorecardDraft } from './scorecard-draft';
import type { scorecardsMessages } from './scorecards.messages';

type Words = Translation<(typeof scorecardsMessages)['en']>;

const RULE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const isNumber = (value: string) => Number.isFinite(decimalOf(value) ?? NaN);

/**
 * What the editor can tell before sending: missing names, a weight that is no number, a check
 * without its value, and the schema's lengths. The server checks the rest (and this again).
 */
export function draftProblems(draft: ScorecardDraft, m: Words): FieldErrors<string> {
  const problems: FieldErrors<string> = {};
  const put = (field: string, message: string | undefined) => {
    if (message && !problems[field]) problems[field] = message;
  };
  put('name', draft.name.trim() === '' ? m.nameRequired : limitProblem(draft.name, limits.name));
  put('description', limitProblem(draft.description, limits.description));
  put('rules', draft.rules.length === 0 ? m.noRules : limitProblem(draft.rules, limits.rules));
  draft.rules.forEach((rule, i) => {
    const at = (field: string) => `rules.${i}.${field}`;
    put(at('name'), rule.name.trim() === '' ? m.ruleNameRequired : limitProblem(rule.name, limits.ruleName));
    put(at('id'), RULE_ID.test(rule.id.trim()) ? undefined : m.ruleIdInvalid);
    put(
      at('category'),
      rule.category.trim() === '' ? m.categoryRequired : limitProblem(rule.category, limits.category),
    );
    const weight = decimalOf(rule.weight) ?? NaN;
    put(at('weight'), isNumber(rule.weight) && weight > 0 && weight <= 1000 ? undefined : m.weightInvalid);
    put(at('description'), limitProblem(rule.description, limits.ruleDescription));
    put(at('howToJudge'), limitProblem(rule.howToJudge, limits.howToJudge));
    if (rule.kind !== 'deterministic') return;
    const check = rule.check;
    for (const field of checkFields[check.type]) {
      const path = at(`check.${field}`);
      if (field === 'phrases') {
        const phrases = check.phrases
          .split('\n')
          .map((p) => p.trim())
          .filter(Boolean);
        put(path, phrases.length === 0 ? m.phrasesRequired : limitProblem(phrases, limits.phrases));
        for (const phrase of phrases) put(path, limitProblem(phrase, limits.phrase));
      }
      if (field === 'within' && check.withinFrom !== '' && !isNumber(check.withinSeconds))
        put(path, m.numberRequired);
      if ((field === 'maxSeconds' || field === 'max' || field === 'min') && !isNumber(check[field]))
        put(path, m.numberRequired);
      if (
        (field === 'maxPercent' || field === 'minPercent') &&
        check[field].trim() !== '' &&
        !isNumber(check[field])
      )
        put(path, m.numberRequired);
    }
  });
  return problems;
}
