import type { Timeline, TimelineItem } from '../customers.api';

export interface TimelineDay {
  /** `YYYY-MM-DD` in the reader's time zone, or '' for undated entries. */
  readonly day: string;
  readonly items: readonly TimelineItem[];
}

const localDay = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The entries of the modules that answered, newest first, in one group per day (undated last). */
export function groupByDay(items: readonly TimelineItem[]): TimelineDay[] {
  const sorted = [...items].sort(
    (a, b) => (b.at ? Date.parse(b.at) : -Infinity) - (a.at ? Date.parse(a.at) : -Infinity),
  );
  const days: { day: string; items: TimelineItem[] }[] = [];
  for (const item of sorted) {
    const day = item.at ? localDay(item.at) : '';
    const last = days.at(-1);
    if (last?.day === day) last.items.push(item);
    else days.push({ day, items: [item] });
  }
  return days;
}

/** Modules that could not answer, whether the server lists them apart or as entries of kind `error`. */
export function moduleErrors(pages: readonly Timeline[]): { module: string; message: string }[] {
  const errors = new Map<string, string>();
  for (const page of pages) {
    for (const e of page.errors ?? []) errors.set(e.module, e.message);
    for (const item of page.items)
      if (item.error !== undefined || item.kind === 'error')
        errors.set(item.module, item.error ?? item.summary);
  }
  return [...errors].map(([module, message]) => ({ module, message }));
}

export function entriesOf(pages: readonly Timeline[]): TimelineItem[] {
  return pages.flatMap((page) =>
    page.items.filter((item) => item.error === undefined && item.kind !== 'error'),
  );
}
