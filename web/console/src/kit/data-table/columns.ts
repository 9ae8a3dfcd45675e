import { useCallback, useMemo, useSyncExternalStore, type ReactNode } from 'react';

/** One column of a DataTable. */
export interface Column<Row> {
  /** Stable id: the key of the column chooser's memory and of a saved view's `columns`. */
  readonly id: string;
  /** The header, and the label of the value when a narrow screen shows rows as cards. */
  readonly label: string;
  readonly cell: (row: Row) => ReactNode;
  /** The API's name for sorting by this column; only columns the API can sort have one. */
  readonly sort?: string;
  /** The direction a first click sorts in (times and durations read best newest/longest first). */
  readonly firstDirection?: SortDirection;
  readonly align?: 'start' | 'end';
  /** A CSS width for a fixed layout (`'150px'`); columns without one share what is left. */
  readonly width?: string;
  /** False keeps the column on screen whatever the chooser says (the one that names the row). */
  readonly hideable?: boolean;
  /** Hidden until the reader asks for it. */
  readonly hiddenByDefault?: boolean;
  readonly className?: string;
}

export type SortDirection = 'asc' | 'desc';

export interface Sort {
  readonly key: string;
  readonly direction: SortDirection;
}

/** A sort as it travels in an address: `startedAt` ascending, `-startedAt` descending. */
export function sortToParam(sort: Sort): string {
  return sort.direction === 'desc' ? `-${sort.key}` : sort.key;
}

/** The sort an address names, if it is one of `allowed`; anything else is no sort. */
export function sortFromParam(value: unknown, allowed: readonly string[]): Sort | undefined {
  if (typeof value !== 'string') return undefined;
  const direction: SortDirection = value.startsWith('-') ? 'desc' : 'asc';
  const key = value.replace(/^-/, '');
  return allowed.includes(key) ? { key, direction } : undefined;
}

/** The next sort when the reader picks a column: the other direction on the same column. */
export function nextSort(
  current: Sort | undefined,
  column: Pick<Column<unknown>, 'sort' | 'firstDirection'>,
): Sort | undefined {
  if (!column.sort) return current;
  if (current?.key === column.sort)
    return { key: column.sort, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key: column.sort, direction: column.firstDirection ?? 'asc' };
}

/** The shown columns from a list of ids, keeping the table's order; unknown ids are ignored. */
export function columnsShown<Row>(
  columns: readonly Column<Row>[],
  shown: readonly string[] | undefined,
): readonly Column<Row>[] {
  if (!shown) return columns.filter((c) => !c.hiddenByDefault || c.hideable === false);
  const wanted = new Set(shown);
  return columns.filter((c) => c.hideable === false || wanted.has(c.id));
}

const storagePrefix = 'switchboard.columns.';
const listeners = new Set<() => void>();

function read(tableId: string): string | null {
  try {
    return localStorage.getItem(storagePrefix + tableId);
  } catch {
    return null;
  }
}

/**
 * The columns a reader chose for a table, remembered in this browser (per table id). Returns the
 * ids shown (undefined: the table's defaults) and a setter.
 */
export function useColumnChoice(
  tableId: string,
): [readonly string[] | undefined, (ids: readonly string[] | undefined) => void] {
  const subscribe = useCallback((listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  const stored = useSyncExternalStore(subscribe, () => read(tableId));
  const shown = useMemo(() => {
    if (!stored) return undefined;
    try {
      const parsed: unknown = JSON.parse(stored);
      return Array.isArray(parsed) && parsed.every((id) => typeof id === 'string') ? parsed : undefined;
    } catch {
      return undefined;
    }
  }, [stored]);
  const set = useCallback(
    (ids: readonly string[] | undefined) => {
      try {
        if (ids) localStorage.setItem(storagePrefix + tableId, JSON.stringify(ids));
        else localStorage.removeItem(storagePrefix + tableId);
      } catch {
        // storage blocked: the table keeps its defaults
      }
      for (const listener of listeners) listener();
    },
    [tableId],
  );
  return [shown, set];
}
