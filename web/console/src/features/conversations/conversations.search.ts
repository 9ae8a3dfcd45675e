import { datePresets, presetRange, type DatePreset } from '@/kit/data-table';
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

const text = (value: unknown, max = 256) => {
  if (typeof value === 'number') value = String(value);
  return typeof value === 'string' && value.trim() && value.trim().length <= max ? value.trim() : undefined;
};

const instant = (value: unknown) => {
  const given = text(value, 40);
  return given && !Number.isNaN(Date.parse(given)) ? new Date(given).toISOString() : undefined;
};

const score = (value: unknown) => {
  const given = text(value, 8);
  return given && /^\d{1,3}(\.\d+)?$/.test(given) && Number(given) <= 100 ? given : undefined;
};

function oneOrMore(value: unknown, known: readonly string[]): string | undefined {
  const given = text(value);
  if (!given) return undefined;
  const entries = [...new Set(given.split(',').map((s) => s.trim()))].filter((s) => known.includes(s));
  return entries.length > 0 ? entries.join(',') : undefined;
}

/** Labels (intent kinds, category and topic ids), comma-separated. */
function labels(value: unknown): string | undefined {
  const given = text(value, 2000);
  if (!given) return undefined;
  const entries = [...new Set(given.split(',').map((s) => s.trim()))].filter(Boolean);
  return entries.length > 0 ? entries.slice(0, 20).join(',') : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** validateSearch of /conversations: anything malformed in the address is dropped, not an error page. */
export function conversationsSearch(search: Record<string, unknown>): ConversationsSearch {
  const range =
    typeof search.range === 'string' && (datePresets as readonly string[]).includes(search.range)
      ? (search.range as DatePreset)
      : undefined;
  const q = text(search.q, 512);
  return compact({
    q,
    said: q && (search.said === 'agent' || search.said === 'customer') ? search.said : undefined,
    grade: oneOrMore(search.grade, conversationGrades),
    sentiment: oneOrMore(search.sentiment, sentimentLabels),
    customerSentiment: oneOrMore(search.customerSentiment, sentimentLabels),
    qaScoreMin: score(search.qaScoreMin),
    qaScoreMax: score(search.qaScoreMax),
    intent: labels(search.intent),
    category: labels(search.category),
    topic: labels(search.topic),
    analysed: search.analysed === 'true' || search.analysed === 'false' ? search.analysed : undefined,
    agent: text(search.agent),
    queue: text(search.queue),
    range,
    from: range ? undefined : instant(search.from),
    to: range ? undefined : instant(search.to),
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
  return compact({
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

export function searchToState(search: ConversationsSearch): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

export function stateToSearch(state: string): ConversationsSearch {
  return conversationsSearch(Object.fromEntries(new URLSearchParams(state)));
}
