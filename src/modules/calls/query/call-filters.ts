import type { FieldProblem } from '../../../platform/errors.js';
import { decodeCursorFields, encodeCursorFields } from '../../../platform/http/index.js';
import type { CallCursor, CallFilters, StatsInterval } from '../contract.js';
import { CallsErrors } from '../errors.js';
import type { IndexFilters } from './call-reads.repo.js';
import type { CallCrypto } from '../store/call-crypto.js';
import { nameWords, normaliseAgentKey, numberQueryTerm, termPurposes } from './search-terms.js';

/*
 * Checks and translation of the query filters. Field names are the filter names as the API
 * spells them; the HTTP layer runs the same checks inside its schema, so its answers name
 * `querystring.<filter>`.
 */

const maxNameWords = 8;
/** A stats answer is at most this many intervals (per group): 15 minutes over 100 days. */
export const maxStatsBuckets = 10_000;
const intervalMs: Record<StatsInterval, number> = {
  '15m': 15 * 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  range: Number.POSITIVE_INFINITY,
};

/** Text PostgreSQL cannot hold or compare: a NUL character, or half of a UTF-16 surrogate pair (matched alone under the u flag). */
const unstorable = (text: string) => text.includes('\0') || /[\uD800-\uDFFF]/u.test(text);

export function filterProblems(filters: CallFilters): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['number', 'agent', 'queue', 'q'] as const) {
    const value = filters[field];
    if (value !== undefined && unstorable(value))
      problems.push({ field, message: 'must not contain NUL characters or unpaired surrogates' });
  }
  const { from, to } = filters;
  if (from && Number.isNaN(from.getTime()))
    problems.push({ field: 'from', message: 'is not a valid instant' });
  if (to && Number.isNaN(to.getTime())) problems.push({ field: 'to', message: 'is not a valid instant' });
  if (from && to && !(from < to)) problems.push({ field: 'to', message: 'must be later than from' });
  if (filters.number !== undefined && numberQueryTerm(filters.number) === undefined) {
    problems.push({ field: 'number', message: 'must be an E.164 number or an address' });
  }
  if (filters.q !== undefined) {
    const words = nameWords(filters.q);
    if (words.length === 0)
      problems.push({
        field: 'q',
        message: 'needs a word of two or more letters or digits (whole-word search on names)',
      });
    else if (words.length > maxNameWords)
      problems.push({ field: 'q', message: `may have at most ${maxNameWords} words` });
  }
  if (filters.agent !== undefined && filters.agent.trim() === '')
    problems.push({ field: 'agent', message: 'must not be empty' });
  const min = filters.minDurationSeconds;
  if (min !== undefined && (!Number.isInteger(min) || min < 0))
    problems.push({ field: 'minDuration', message: 'must be a whole number of seconds, 0 or more' });
  return problems;
}

export function statsProblems(
  from: Date | undefined,
  to: Date | undefined,
  interval: StatsInterval,
): FieldProblem[] {
  if (!from) return [{ field: 'from', message: 'is required for statistics' }];
  if (!to) return [{ field: 'to', message: 'is required for statistics' }];
  const buckets = Math.max(1, Math.ceil((to.getTime() - from.getTime()) / intervalMs[interval]));
  return buckets > maxStatsBuckets
    ? [
        {
          field: 'interval',
          message: `gives ${buckets} intervals over this range; at most ${maxStatsBuckets}: choose a longer interval or a shorter range`,
        },
      ]
    : [];
}

export function assertNoProblems(problems: readonly FieldProblem[]): void {
  const [first] = problems;
  if (first) throw CallsErrors.invalidFilter(first.field, first.message);
}

/** The filters as the index reads them: personal values replaced by their blind indexes. */
export async function resolveFilters(
  crypto: CallCrypto,
  tenantId: string,
  filters: CallFilters,
): Promise<IndexFilters> {
  assertNoProblems(filterProblems(filters));
  const numberTerm = filters.number === undefined ? undefined : numberQueryTerm(filters.number);
  const words = filters.q === undefined ? [] : nameWords(filters.q);
  return {
    from: filters.from,
    to: filters.to,
    sources: filters.sources,
    directions: filters.directions,
    dispositions: filters.dispositions,
    queue: filters.queue,
    minDurationSeconds: filters.minDurationSeconds,
    numberIndex: numberTerm && (await crypto.blindIndex(tenantId, numberTerm.purpose, numberTerm.value)),
    agentIndex:
      filters.agent === undefined
        ? undefined
        : await crypto.blindIndex(tenantId, termPurposes.agent, normaliseAgentKey(filters.agent)),
    nameTerms: await Promise.all(
      words.map((word) => crypto.blindIndex(tenantId, termPurposes.nameWord, word)),
    ),
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The default order as the API spells it; other orders are named in their cursors. */
export const defaultSortParam = '-startedAt';

/**
 * Opaque page cursor: base64url of "<startedAt ISO>|<uuid>" in the default order, with
 * "|<sort>|<duration>" appended in another, so a cursor is refused with any other order.
 */
export function encodeCursor(cursor: CallCursor, sort: string = defaultSortParam): string {
  const tail = sort === defaultSortParam ? [] : [sort, String(cursor.duration ?? '')];
  return encodeCursorFields([cursor.startedAt.toISOString(), cursor.id, ...tail]);
}

export function decodeCursor(text: string): (CallCursor & { readonly sort: string }) | undefined {
  const [iso = '', id = '', sort = defaultSortParam, duration = ''] = decodeCursorFields(text);
  const startedAt = new Date(iso);
  if (Number.isNaN(startedAt.getTime()) || !uuidPattern.test(id)) return undefined;
  if (duration !== '' && !/^-?\d{1,9}$/.test(duration)) return undefined;
  return { startedAt, id, sort, ...(duration === '' ? {} : { duration: Number(duration) }) };
}
