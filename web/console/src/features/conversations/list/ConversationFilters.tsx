import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import {
  DateRangeField,
  FilterActions,
  FilterChoices,
  FilterSearchField,
  FiltersNotApplied,
  useCheckRange,
  useRangeInput,
} from '@/kit/data-table';
import { Choice, ChoiceGroup, SelectField, TextField } from '@/kit/Field';
import { conversationGrades, sentimentLabels } from '@/api/conversations';
import { conversationSearchMessages } from '../conversations.messages';
import { conversationsSearch, isFiltered, type ConversationsSearch } from '../conversations.search';

/** Fields a problem can be shown on: the API's filter names (q stands for agentSaid and customerSaid too). */
export type FilterField =
  | 'q'
  | 'grade'
  | 'sentiment'
  | 'customerSentiment'
  | 'qaScoreMin'
  | 'qaScoreMax'
  | 'intent'
  | 'category'
  | 'topic'
  | 'analysed'
  | 'agent'
  | 'queue'
  | 'from'
  | 'to';
export type FilterErrors = Partial<Record<FilterField, string>>;

interface Props {
  readonly search: ConversationsSearch;
  readonly onApply: (search: ConversationsSearch) => void;
  readonly timeZone: string;
  readonly serverErrors?: FilterErrors;
  /** Words need transcripts:read, the analysis facets analysis:read; without them the fields are not offered. */
  readonly canSearchText: boolean;
  readonly canFilterAnalysis: boolean;
}

const toggled = (list: string, value: string, on: boolean) => {
  const set = new Set(list.split(',').filter(Boolean));
  if (on) set.add(value);
  else set.delete(value);
  return [...set].join(',');
};

const scoreText = /^\d{1,3}(\.\d+)?$/;

/**
 * The conversation search's filters: typed values stay local until Apply (or Enter); applying puts
 * them in the address. A value that cannot be applied says why on its field.
 */
export function ConversationFilters({
  search,
  onApply,
  timeZone,
  serverErrors = {},
  canSearchText,
  canFilterAnalysis,
}: Props) {
  const m = useMessages(conversationSearchMessages);
  const t = m.filters;
  const checkRange = useCheckRange();
  const [q, setQ] = useState(search.q ?? '');
  const [said, setSaid] = useState<string>(search.said ?? '');
  const [grade, setGrade] = useState(search.grade ?? '');
  const [sentiment, setSentiment] = useState(search.sentiment ?? '');
  const [customerSentiment, setCustomerSentiment] = useState(search.customerSentiment ?? '');
  const [qaScoreMin, setQaScoreMin] = useState(search.qaScoreMin ?? '');
  const [qaScoreMax, setQaScoreMax] = useState(search.qaScoreMax ?? '');
  const [intent, setIntent] = useState(search.intent ?? '');
  const [category, setCategory] = useState(search.category ?? '');
  const [topic, setTopic] = useState(search.topic ?? '');
  const [analysed, setAnalysed] = useState<string>(search.analysed ?? '');
  const [agent, setAgent] = useState(search.agent ?? '');
  const [queue, setQueue] = useState(search.queue ?? '');
  const [range, setRange] = useRangeInput(search, timeZone);
  const [problems, setProblems] = useState<FilterErrors>({});
  const errors: FilterErrors = { ...serverErrors, ...problems };

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    const period = checkRange(range, timeZone);
    const found: FilterErrors = { ...period.errors };
    const min = qaScoreMin.trim();
    const max = qaScoreMax.trim();
    if (min && !(scoreText.test(min) && Number(min) <= 100)) found.qaScoreMin = t.scoreInvalid;
    if (max && !(scoreText.test(max) && Number(max) <= 100)) found.qaScoreMax = t.scoreInvalid;
    else if (min && max && !found.qaScoreMin && Number(max) < Number(min)) found.qaScoreMax = t.scoreOrder;
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    onApply(
      conversationsSearch({
        q,
        said,
        grade,
        sentiment,
        customerSentiment,
        qaScoreMin: min,
        qaScoreMax: max,
        intent,
        category,
        topic,
        analysed,
        agent,
        queue,
        range: period.range,
        from: period.from,
        to: period.to,
      }),
    );
  };

  const clear = () => {
    for (const set of [
      setQ,
      setSaid,
      setGrade,
      setSentiment,
      setCustomerSentiment,
      setQaScoreMin,
      setQaScoreMax,
      setIntent,
      setCategory,
      setTopic,
      setAnalysed,
      setAgent,
      setQueue,
    ])
      set('');
    setRange({ preset: '', from: '', to: '' });
    setProblems({});
    onApply({});
  };

  return (
    <form className="toolbar list-filters" onSubmit={apply} aria-label={t.label} role="search" noValidate>
      <div className="list-filters__row">
        {canSearchText ? (
          <>
            <FilterSearchField
              id="conversations-q"
              className="list-filters__search"
              label={t.text}
              hint={t.textHint}
              placeholder={t.textPlaceholder}
              value={q}
              onChange={setQ}
              error={errors.q}
              maxLength={512}
            />
            <SelectField label={t.said} value={said} onChange={(e) => setSaid(e.target.value)}>
              <option value="">{t.saidAnyone}</option>
              <option value="agent">{t.saidAgent}</option>
              <option value="customer">{t.saidCustomer}</option>
            </SelectField>
          </>
        ) : null}
        <DateRangeField
          value={range}
          onChange={setRange}
          timeZone={timeZone}
          errors={{ from: errors.from, to: errors.to }}
        />
      </div>
      {canFilterAnalysis ? (
        <>
          <div className="list-filters__row">
            <ChoiceGroup legend={t.grade} error={errors.grade}>
              {conversationGrades.map((g) => (
                <Choice
                  key={g}
                  title={m.grades[g]}
                  checked={grade.split(',').includes(g)}
                  onChange={(e) => setGrade(toggled(grade, g, e.target.checked))}
                />
              ))}
            </ChoiceGroup>
            <ChoiceGroup legend={t.sentiment} error={errors.sentiment}>
              {sentimentLabels.map((s) => (
                <Choice
                  key={s}
                  title={m.sentiments[s]}
                  checked={sentiment.split(',').includes(s)}
                  onChange={(e) => setSentiment(toggled(sentiment, s, e.target.checked))}
                />
              ))}
            </ChoiceGroup>
            <SelectField
              label={t.customerSentiment}
              value={customerSentiment}
              onChange={(e) => setCustomerSentiment(e.target.value)}
              error={errors.customerSentiment}
            >
              <option value="">{t.analysedAny}</option>
              <FilterChoices labels={m.sentiments} value={customerSentiment} />
            </SelectField>
            <SelectField
              label={t.analysed}
              value={analysed}
              onChange={(e) => setAnalysed(e.target.value)}
              error={errors.analysed}
            >
              <option value="">{t.analysedAny}</option>
              <option value="true">{t.analysedYes}</option>
              <option value="false">{t.analysedNo}</option>
            </SelectField>
          </div>
          <div className="list-filters__row">
            <TextField
              label={t.intent}
              hint={t.labelsHint}
              value={intent}
              onChange={(e) => setIntent(e.target.value)}
              maxLength={2000}
              error={errors.intent}
            />
            <TextField
              label={t.category}
              value={category}
              onChange={(e) => setCategory(e.target.value)}
              maxLength={2000}
              error={errors.category}
            />
            <TextField
              label={t.topic}
              value={topic}
              onChange={(e) => setTopic(e.target.value)}
              maxLength={2000}
              error={errors.topic}
            />
            <TextField
              label={t.qaScoreMin}
              value={qaScoreMin}
              onChange={(e) => setQaScoreMin(e.target.value)}
              inputMode="decimal"
              maxLength={8}
              error={errors.qaScoreMin}
            />
            <TextField
              label={t.qaScoreMax}
              value={qaScoreMax}
              onChange={(e) => setQaScoreMax(e.target.value)}
              inputMode="decimal"
              maxLength={8}
              error={errors.qaScoreMax}
            />
          </div>
        </>
      ) : null}
      <div className="list-filters__row">
        <TextField
          label={t.agent}
          value={agent}
          onChange={(e) => setAgent(e.target.value)}
          placeholder={t.agentPlaceholder}
          maxLength={256}
          error={errors.agent}
        />
        <TextField
          label={t.queue}
          value={queue}
          onChange={(e) => setQueue(e.target.value)}
          maxLength={256}
          error={errors.queue}
        />
        <FilterActions filtered={isFiltered(search)} onClear={clear} className="list-filters__actions" />
      </div>
      <FiltersNotApplied errors={errors} />
    </form>
  );
}
