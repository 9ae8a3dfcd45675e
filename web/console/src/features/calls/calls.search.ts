import type { Schema } from '@/api/types';
import {
  compactSearch,
  datePresets,
  presetRange,
  searchInstant,
  searchOneOrMore,
  searchText,
  type DatePreset,
} from '@/kit/data-table';

/**
 * The calls list's filters, kept in the address so a filtered view can be shared or bookmarked.
 * Names and values are the API's (`GET /api/v1/calls`): the search goes to the API as it is.
 */
export const callSources = [
  'teams',
  'twilio',
  'asterisk',
  'freeswitch',
  '3cx',
  'cucm',
  'connect',
  'genesys',
  'sbc',
  'vcon',
  'generic',
] as const;
export const callDirections = ['inbound', 'outbound', 'internal', 'unknown'] as const;
export const callDispositions = [
  'answered',
  'no_answer',
  'busy',
  'failed',
  'cancelled',
  'voicemail',
] as const;

export type CallSource = (typeof callSources)[number];
export type CallDirection = (typeof callDirections)[number];
export type CallDisposition = (typeof callDispositions)[number];

/*
 * The lists above are the server's enums again (the filters need them at run time); these checks
 * make a value added or dropped on the server fail the console's typecheck until they match.
 */
type Api = Schema<'CallSummary'>;
type SameValues<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : never;
export const enumsMatchTheApi: [
  SameValues<CallSource, Api['source']>,
  SameValues<CallDirection, Api['direction']>,
  SameValues<CallDisposition, NonNullable<Api['disposition']>>,
] = [true, true, true];

export interface CallsSearch {
  /** Whole words of names (callers, callees, agents). */
  readonly q?: string;
  /** A number on any leg: E.164 or the raw address. */
  readonly number?: string;
  /** A period of the tenant's calendar, computed when the list is read (a saved view stays "today"). */
  readonly range?: DatePreset;
  /** ISO instants: started at or after `from`, before `to` (a custom range; ignored with `range`). */
  readonly from?: string;
  readonly to?: string;
  /** Comma-separated lists of known values. */
  readonly source?: string;
  readonly direction?: string;
  readonly disposition?: string;
  readonly agent?: string;
  readonly queue?: string;
  /** Seconds. */
  readonly minDuration?: number;
  /** The API's order: `startedAt`, `-startedAt` (the default), `duration`, `-duration`. */
  readonly sort?: CallSortParam;
  /** The ids of the columns shown, comma-separated (none: the reader's remembered choice). */
  readonly columns?: string;
}

export const callSortKeys = ['startedAt', 'duration'] as const;
export type CallSortParam = (typeof callSortKeys)[number] | `-${(typeof callSortKeys)[number]}`;
export const callColumnIds = ['started', 'from', 'to', 'outcome', 'duration', 'agent', 'source'] as const;

export const filterKeys = [
  'range',
  'q',
  'number',
  'from',
  'to',
  'source',
  'direction',
  'disposition',
  'agent',
  'queue',
  'minDuration',
] as const satisfies readonly (keyof CallsSearch)[];

const seconds = (value: unknown) => {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value.trim())
        ? Number(value)
        : Number.NaN;
  return Number.isInteger(n) && n > 0 && n <= 604_800 ? n : undefined;
};

const sortParam = (value: unknown): CallSortParam | undefined => {
  const given = searchText(value, 20);
  return given && (callSortKeys as readonly string[]).includes(given.replace(/^-/, ''))
    ? (given as CallSortParam)
    : undefined;
};

/** validateSearch of /calls: anything malformed in the address is dropped, not an error page. */
export function callsSearch(search: Record<string, unknown>): CallsSearch {
  const range =
    typeof search.range === 'string' && (datePresets as readonly string[]).includes(search.range)
      ? (search.range as DatePreset)
      : undefined;
  return compactSearch({
    range,
    q: searchText(search.q),
    number: searchText(search.number),
    from: range ? undefined : searchInstant(search.from),
    to: range ? undefined : searchInstant(search.to),
    source: searchOneOrMore(search.source, callSources),
    direction: searchOneOrMore(search.direction, callDirections),
    disposition: searchOneOrMore(search.disposition, callDispositions),
    agent: searchText(search.agent),
    queue: searchText(search.queue),
    minDuration: seconds(search.minDuration),
    sort: sortParam(search.sort),
    columns: searchOneOrMore(search.columns, callColumnIds),
  });
}

/** The search with a preset turned into the instants it means today, in the tenant's zone: what the API reads. */
export function resolveRange(search: CallsSearch, timeZone: string, now: number = Date.now()): CallsSearch {
  if (!search.range) return search;
  const { range, ...rest } = search;
  return { ...rest, ...presetRange(range, timeZone, now) };
}

/** The filters and order as the API takes them. */
export type ApiFilters = Omit<CallsSearch, 'columns' | 'range'>;

/** The filters and order the API takes (`range` resolved, `columns` the console's own). */
export function apiFilters(search: CallsSearch, timeZone: string): ApiFilters {
  const { columns: _columns, range: _range, ...query } = resolveRange(search, timeZone);
  return query;
}

export function isFiltered(search: CallsSearch): boolean {
  return filterKeys.some((key) => search[key] !== undefined);
}

/** The filters as a query string for the API (export); give it a search with its range resolved. */
export function toQueryString(search: CallsSearch, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    if (key === 'range') continue;
    const value = search[key];
    if (value !== undefined) params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** datetime-local works in the reader's local time without a zone; the API wants an instant. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
