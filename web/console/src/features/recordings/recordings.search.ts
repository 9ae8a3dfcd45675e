import {
  compactSearch,
  datePresets,
  presetRange,
  searchInstant,
  searchOneOrMore,
  searchText,
  type DatePreset,
} from '@/kit/data-table';
import { recordingStates, type RecordingListQuery } from '@/api/recordings';

/**
 * The recordings list's state in the address (filters, order, columns), so any view is a link.
 * Names are the API's (`GET /api/v1/recordings`); without `sort` it lists newest received first.
 */
export interface RecordingsSearch {
  /** Full text over the redacted transcripts. */
  readonly q?: string;
  readonly number?: string;
  readonly agent?: string;
  readonly queue?: string;
  readonly range?: DatePreset;
  readonly from?: string;
  readonly to?: string;
  /** Comma-separated states. */
  readonly state?: string;
  /** `startedAt`, `-duration`…; absent = newest received first (`-createdAt`). */
  readonly sort?: RecordingSortParam;
  readonly columns?: string;
}

/** The orders the API offers (sort=key, or -key for descending). */
export const recordingSortKeys = ['createdAt', 'startedAt', 'duration'] as const;
export type RecordingSortParam =
  (typeof recordingSortKeys)[number] | `-${(typeof recordingSortKeys)[number]}`;

const sortParam = (value: unknown): RecordingSortParam | undefined => {
  const given = searchText(value, 40);
  return given && (recordingSortKeys as readonly string[]).includes(given.replace(/^-/, ''))
    ? (given as RecordingSortParam)
    : undefined;
};

export const recordingColumnIds = [
  'started',
  'state',
  'duration',
  'queue',
  'source',
  'call',
  'received',
  'language',
] as const;

export const filterKeys = [
  'range',
  'q',
  'number',
  'agent',
  'queue',
  'from',
  'to',
  'state',
] as const satisfies readonly (keyof RecordingsSearch)[];

/** validateSearch of /recordings: anything malformed in the address is dropped, not an error page. */
export function recordingsSearch(search: Record<string, unknown>): RecordingsSearch {
  const range =
    typeof search.range === 'string' && (datePresets as readonly string[]).includes(search.range)
      ? (search.range as DatePreset)
      : undefined;
  return compactSearch({
    q: searchText(search.q, 512),
    number: searchText(search.number),
    agent: searchText(search.agent),
    queue: searchText(search.queue),
    range,
    from: range ? undefined : searchInstant(search.from),
    to: range ? undefined : searchInstant(search.to),
    state: searchOneOrMore(search.state, recordingStates),
    sort: sortParam(search.sort),
    columns: searchOneOrMore(search.columns, recordingColumnIds),
  });
}

/** The filters and order as the API reads them: a preset becomes today's instants in the tenant's zone. */
export function apiQuery(search: RecordingsSearch, timeZone: string, now = Date.now()): RecordingListQuery {
  const { columns: _columns, range, ...rest } = search;
  return compactSearch({ ...rest, ...(range ? presetRange(range, timeZone, now) : {}) });
}

export function isFiltered(search: RecordingsSearch): boolean {
  return filterKeys.some((key) => search[key] !== undefined);
}
