import { datePresets, presetRange, type DatePreset } from '@/kit/data-table';
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
  const given = text(value, 40);
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

const text = (value: unknown, max = 256) => {
  if (typeof value === 'number') value = String(value);
  return typeof value === 'string' && value.trim() && value.trim().length <= max ? value.trim() : undefined;
};

const instant = (value: unknown) => {
  const given = text(value, 40);
  return given && !Number.isNaN(Date.parse(given)) ? new Date(given).toISOString() : undefined;
};

function oneOrMore(value: unknown, known: readonly string[]): string | undefined {
  const given = text(value);
  if (!given) return undefined;
  const entries = [...new Set(given.split(',').map((s) => s.trim()))].filter((s) => known.includes(s));
  return entries.length > 0 ? entries.join(',') : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** validateSearch of /recordings: anything malformed in the address is dropped, not an error page. */
export function recordingsSearch(search: Record<string, unknown>): RecordingsSearch {
  const range =
    typeof search.range === 'string' && (datePresets as readonly string[]).includes(search.range)
      ? (search.range as DatePreset)
      : undefined;
  return compact({
    q: text(search.q, 512),
    number: text(search.number),
    agent: text(search.agent),
    queue: text(search.queue),
    range,
    from: range ? undefined : instant(search.from),
    to: range ? undefined : instant(search.to),
    state: oneOrMore(search.state, recordingStates),
    sort: sortParam(search.sort),
    columns: oneOrMore(search.columns, recordingColumnIds),
  });
}

/** The filters and order as the API reads them: a preset becomes today's instants in the tenant's zone. */
export function apiQuery(search: RecordingsSearch, timeZone: string, now = Date.now()): RecordingListQuery {
  const { columns: _columns, range, ...rest } = search;
  return compact({ ...rest, ...(range ? presetRange(range, timeZone, now) : {}) });
}

export function isFiltered(search: RecordingsSearch): boolean {
  return filterKeys.some((key) => search[key] !== undefined);
}

export function searchToState(search: RecordingsSearch): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

export function stateToSearch(state: string): RecordingsSearch {
  return recordingsSearch(Object.fromEntries(new URLSearchParams(state)));
}
