import type { RequestContext } from '../../../platform/context.js';
import { decodeCursorFields, encodeCursorFields } from '../../../platform/http/index.js';
import type { DataSubject, PrivacyParticipants, SubjectDataRef } from '../../../platform/privacy/index.js';
import type { Timeline } from '../contract.js';
import { CustomersErrors } from '../errors.js';

/** How many entries each module is asked for (the contract's default). */
const perModule = 500;
/** A module that does not answer in time is reported as failed; the others are still shown. */
const moduleTimeoutMs = 15_000;

/** Where a page ends: the last entry shown. `at` '' for entries without a moment. */
interface Position {
  readonly at: string;
  readonly module: string;
  readonly id: string;
}

const iso = (at: Date | null) => (at ? at.toISOString() : '');

/** Newest first; entries without a moment last; ties by module, then id (a total order for paging). */
function compare(a: SubjectDataRef, b: SubjectDataRef): number {
  const at = iso(b.at).localeCompare(iso(a.at));
  if (at !== 0) {
    if (!a.at) return 1;
    if (!b.at) return -1;
    return at;
  }
  return a.module.localeCompare(b.module) || a.id.localeCompare(b.id);
}

function after(entry: SubjectDataRef, position: Position): boolean {
  const at = iso(entry.at);
  if (position.at === '')
    return (
      at === '' && (entry.module.localeCompare(position.module) || entry.id.localeCompare(position.id)) > 0
    );
  if (at === '') return true;
  if (at !== position.at) return at < position.at;
  return (entry.module.localeCompare(position.module) || entry.id.localeCompare(position.id)) > 0;
}

/** `before`: an ISO date-time (entries strictly older) or a `nextBefore` of a previous page. */
export function parseBefore(before: string | undefined): Position | undefined {
  if (!before) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T/.test(before) && !Number.isNaN(Date.parse(before)))
    return { at: new Date(before).toISOString(), module: '', id: '' };
  const [at, module, id] = decodeCursorFields(before);
  if (
    at === undefined ||
    module === undefined ||
    id === undefined ||
    (at !== '' && Number.isNaN(Date.parse(at)))
  )
    throw CustomersErrors.invalid([
      { field: 'querystring.before', message: 'must be a date-time or a nextBefore of a previous page' },
    ]);
  return { at, module, id };
}

/** Merges what the modules found into one page, newest first. Pure: the unit under test. */
export function mergeTimeline(
  found: readonly (readonly SubjectDataRef[])[],
  page: { readonly before?: string | undefined; readonly limit: number },
): { items: SubjectDataRef[]; nextBefore: string | null } {
  const position = parseBefore(page.before);
  const seen = new Set<string>();
  const all = found
    .flat()
    .filter((entry) => {
      const key = `${entry.module}\u0000${entry.id}\u0000${entry.kind}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return !position || after(entry, position);
    })
    .sort(compare);
  const items = all.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items,
    nextBefore:
      all.length > page.limit && last ? encodeCursorFields([iso(last.at), last.module, last.id]) : null,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${String(ms / 1000)} s`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/**
 * The 360° timeline: every module taking part in the privacy contract is asked, at once, what it
 * holds about the customer (their id, client user, e-mail, phone); a module that fails is named
 * in `errors` and the rest is shown.
 */
export function createTimelineService(deps: {
  readonly participants: PrivacyParticipants;
  readonly subjectOf: (ctx: RequestContext, customerId: string) => Promise<DataSubject>;
  readonly logger?: { warn(obj: object, msg: string): void };
}) {
  return {
    async of(
      ctx: RequestContext,
      customerId: string,
      page: { readonly before?: string | undefined; readonly limit?: number | undefined },
    ): Promise<Timeline> {
      parseBefore(page.before);
      const subject = await deps.subjectOf(ctx, customerId);
      const participants = deps.participants();
      const settled = await Promise.allSettled(
        participants.map((p) =>
          withTimeout(p.privacy.find(ctx, subject, { limit: perModule }), moduleTimeoutMs),
        ),
      );
      const errors: { module: string; message: string }[] = [];
      const found = settled.map((result, i) => {
        const module = participants[i]?.module ?? 'unknown';
        if (result.status === 'fulfilled')
          return result.value.map((entry) => ({ ...entry, module: entry.module || module }));
        deps.logger?.warn(
          { err: result.reason as unknown, module },
          'customer timeline: a module could not answer',
        );
        errors.push({ module, message: `The ${module} module could not answer; its entries are missing.` });
        return [];
      });
      const merged = mergeTimeline(found, {
        before: page.before,
        limit: Math.min(Math.max(page.limit ?? 50, 1), 200),
      });
      return { ...merged, errors };
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
