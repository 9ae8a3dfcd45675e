import {
  compactSearch,
  datePresets,
  presetRange,
  searchInstant,
  searchOneOrMore,
  searchText,
  type DatePreset,
} from '@/kit/data-table';
import { conversationGrades, sentimentLabels, type ConversationQuery } from '@/api/conversations';

/**
 * The conversation search's state in the address, so any search is a link and a saved view.
 * Names are the API's (`GET /api/v1/conversations`), except `said` (who said the words of `q`:
 * anyone, the agent or the customer) and `range` (a date preset, in the tenant's time zone).
 */
export interface ConversationsSearch {
  readonly q?: string;
  readonly said?: 'agent' | 'customer';
  readonly grade?: string;
  readonly sentiment?: string;
  readonly customerSentiment?: string;
  readonly qaScoreMin?: string;
  readonly qaScoreMax?: string;
  readonly intent?: string;
  readonly category?: string;
  readonly topic?: string;
  readonly analysed?: 'true' | 'false';
  readonly agent?: string;
  readonly queue?: string;
  readonly range?: DatePreset;
  readonly from?: string;
  readonly to?: string;
}

export const filterKeys = [
  'q',
  'grade',
  'sentiment',
  'customerSentiment',
  'qaScoreMin',
  'qaScoreMax',
  'intent',
  'category',
  'topic',
  'analysed',
  'agent',
  'queue',
  'range',
  'from',
  'to',
] as const satisfies readonly (keyof ConversationsSearch)[];

const score = (value: unknown) => {
  const given = searchText(value, 8);
  return given && /^\d{1,3}(\.\d+)?$/.test(given) && Number(given) <= 100 ? given : undefined;
};

/** Labels (intent kinds, category and topic ids), comma-separated. */
function labels(value: unknown): string | undefined {
  const given = searchText(value, 2000);
  if (!given) return undefined;
  const entries = [...new Set(given.split(',').map((s) => s.trim()))].filter(Boolean);
  return entries.length > 0 ? entries.slice(0, 20).join(',') : undefined;
}

/** validateSearch of /conversations: anything malformed in the address is dropped, not an error page. */
export function conversationsSearch(search: Record<string, unknown>): ConversationsSearch {
  const range =
    typeof search.range === 'string' && (datePresets as readonly string[]).includes(search.range)
      ? (search.range as DatePreset)
      : undefined;
  const q = searchText(search.q, 512);
  return compactSearch({
    q,
    said: q && (search.said === 'agent' || search.said === 'customer') ? search.said : undefined,
    grade: searchOneOrMore(search.grade, conversationGrades),
    sentiment: searchOneOrMore(search.sentiment, sentimentLabels),
    customerSentiment: searchOneOrMore(search.customerSentiment, sentimentLabels),
    qaScoreMin: score(search.qaScoreMin),
    qaScoreMax: score(search.qaScoreMax),
    intent: labels(search.intent),
    category: labels(search.category),
    topic: labels(search.topic),
    analysed: search.analysed === 'true' || search.analysed === 'false' ? search.analysed : undefined,
    agent: searchText(search.agent),
    queue: searchText(search.queue),
    range,
    from: range ? undefined : searchInstant(search.from),
    to: range ? undefined : searchInstant(search.to),
  });
}

/** The filters as the API reads them: `said` picks the text field, a preset becomes instants in the tenant's zone. */
export function apiQuery(search: ConversationsSearch, timeZone: string, now = Date.now()): ConversationQuery {
  const { said, q, range, qaScoreMin, qaScoreMax, ...rest } = search;
  const words =
    q === undefined
      ? {}
      : said === 'agent'
        ? { agentSaid: q }
        : said === 'customer'
          ? { customerSaid: q }
          : { q };
  return compactSearch({
    ...rest,
    ...words,
    qaScoreMin: qaScoreMin === undefined ? undefined : Number(qaScoreMin),
    qaScoreMax: qaScoreMax === undefined ? undefined : Number(qaScoreMax),
    ...(range ? presetRange(range, timeZone, now) : {}),
  });
}

export function isFiltered(search: ConversationsSearch): boolean {
  return filterKeys.some((key) => search[key] !== undefined);
}
