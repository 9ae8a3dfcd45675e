import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  type CSSProperties,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { useMessages } from '@/i18n';
import { Button } from '../Button';
import { ErrorState, LoadingRows, TableMessage, type TableQuery } from '../states';
import { columnsShown, nextSort, type Column, type Sort } from './columns';
import { dataTableMessages } from './data-table.messages';
import { useRowNavigation } from './row-navigation';
import './data-table.css';

export interface Paging {
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly onLoadMore: () => void;
}

export interface DataTableProps<Row> {
  /** What the table lists, for screen readers (the caption is not shown). */
  readonly caption: string;
  readonly columns: readonly Column<Row>[];
  /** The ids of the columns shown (the column chooser's state); undefined: the defaults. */
  readonly shown?: readonly string[] | undefined;
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string;
  /** Enter on a row, or a click on it, opens it. */
  readonly onOpen?: ((row: Row) => void) | undefined;
  /** Rows shown dimmed (disabled users, revoked keys). */
  readonly muted?: ((row: Row) => boolean) | undefined;
  readonly sort?: Sort | undefined;
  readonly onSortChange?: ((sort: Sort) => void) | undefined;
  /** The query the rows come from: skeleton while pending, the error with a retry. */
  readonly query: TableQuery;
  readonly loadingLabel: string;
  readonly errorTitle: string;
  /** Shown when the query succeeded with no rows. */
  readonly empty: ReactNode;
  /**
   * Renders only the rows in view inside a scroll box of its own, for lists of thousands; rows
   * are about `rowHeight` px tall (they are measured once shown).
   */
  readonly virtual?: { readonly rowHeight: number } | undefined;
  /** More rows on request: a button, and (virtual lists) nearing the end. */
  readonly paging?: Paging | undefined;
  /** Beside the paging button: how many rows are shown, of how many. */
  readonly summary?: ReactNode;
  readonly className?: string;
}

const ariaSort = { asc: 'ascending', desc: 'descending' } as const;

function SortIcon({ direction }: { direction: Sort['direction'] | undefined }) {
  if (direction === 'asc') return <ArrowUp aria-hidden="true" className="data-table__sort-icon" />;
  if (direction === 'desc') return <ArrowDown aria-hidden="true" className="data-table__sort-icon" />;
  return <ArrowUpDown aria-hidden="true" className="data-table__sort-icon data-table__sort-icon--idle" />;
}

function alignClass<Row>(column: Column<Row>): string {
  return [column.align === 'end' ? 'data-table__cell--end' : '', column.className ?? '']
    .filter(Boolean)
    .join(' ');
}

/**
 * The console's table: sortable headers for what the API can sort (aria-sort says the order),
 * a column chooser's choice, keyboard row navigation (one tab stop, arrows, Enter opens), the four
 * states of a query, paged or infinite loading, and on a narrow screen every row as a card.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const {
    caption,
    columns,
    shown,
    rows,
    rowKey,
    onOpen,
    muted,
    sort,
    onSortChange,
    query,
    loadingLabel,
    errorTitle,
    empty,
    virtual,
    paging,
    summary,
    className,
  } = props;
  const t = useMessages(dataTableMessages);
  const hintId = useId();
  const visible = columnsShown(columns, shown);
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer returns fresh functions by design; nothing here memoises them.
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => virtual?.rowHeight ?? 48,
    overscan: 12,
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : rowKey(row);
    },
  });
  const windowed = virtual ? virtualizer.getVirtualItems() : [];
  const lastShown = virtual ? (windowed.at(-1)?.index ?? -1) : rows.length - 1;

  const reveal = useCallback(
    (index: number) => {
      if (virtual) virtualizer.scrollToIndex(index, { align: 'auto' });
      else body.current?.querySelector(`tr[data-row-index="${index}"]`)?.scrollIntoView({ block: 'nearest' });
    },
    [virtual, virtualizer],
  );
  const open = onOpen
    ? (index: number) => {
        const row = rows[index];
        if (row !== undefined) onOpen(row);
      }
    : undefined;
  const navigation = useRowNavigation({ count: rows.length, body, reveal, onOpen: open });

  // A virtual list asks for more as the reader nears its end.
  const hasMore = paging?.hasMore ?? false;
  const loadingMore = paging?.loadingMore ?? false;
  const onLoadMore = paging?.onLoadMore;
  useEffect(() => {
    if (virtual && onLoadMore && hasMore && !loadingMore && rows.length > 0 && lastShown >= rows.length - 20)
      onLoadMore();
  }, [virtual, hasMore, loadingMore, rows.length, lastShown, onLoadMore]);

  const columnCount = visible.length;
  const placeholder = query.isPending ? (
    <LoadingRows columns={columnCount} rows={8} label={loadingLabel} />
  ) : query.isError ? (
    <TableMessage columns={columnCount}>
      <ErrorState error={query.error} onRetry={() => void query.refetch()} title={errorTitle} />
    </TableMessage>
  ) : rows.length === 0 ? (
    <TableMessage columns={columnCount}>{empty}</TableMessage>
  ) : undefined;

  const clickOpen = (index: number) => (event: MouseEvent<HTMLTableRowElement>) => {
    if (!open) return;
    if (
      (event.target as HTMLElement).closest('a, button, input, select, label, summary, details') ||
      window.getSelection()?.toString()
    )
      return;
    open(index);
  };

  const renderRow = (index: number, measure?: (element: HTMLTableRowElement | null) => void) => {
    const row = rows[index];
    if (row === undefined) return null;
    return (
      <tr
        key={rowKey(row)}
        ref={measure}
        data-index={index}
        data-row-index={index}
        aria-rowindex={index + 2}
        tabIndex={index === navigation.active ? 0 : -1}
        data-muted={muted?.(row) ? true : undefined}
        className={['data-table__row', open ? 'data-table__row--opens' : ''].filter(Boolean).join(' ')}
        aria-describedby={index === navigation.active && open ? hintId : undefined}
        onClick={clickOpen(index)}
      >
        {visible.map((column) => (
          <td key={column.id} data-label={column.label} className={alignClass(column) || undefined}>
            {column.cell(row)}
          </td>
        ))}
      </tr>
    );
  };

  const top = windowed[0]?.start ?? 0;
  const bottom = virtual ? virtualizer.getTotalSize() - (windowed.at(-1)?.end ?? 0) : 0;
  const fixed = visible.some((c) => c.width !== undefined);

  return (
    <div className={['data-table', className ?? ''].filter(Boolean).join(' ')}>
      <div
        className={virtual ? 'data-table__scroll data-table__scroll--virtual' : 'data-table__scroll'}
        ref={scroller}
      >
        <table
          className={['table', 'data-table__table', fixed ? 'data-table__table--fixed' : '']
            .filter(Boolean)
            .join(' ')}
          aria-rowcount={placeholder ? undefined : rows.length + 1}
        >
          <caption className="visually-hidden">{caption}</caption>
          {fixed ? (
            <colgroup>
              {visible.map((column) => (
                <col
                  key={column.id}
                  style={column.width ? ({ width: column.width } satisfies CSSProperties) : undefined}
                />
              ))}
            </colgroup>
          ) : null}
          <thead>
            <tr aria-rowindex={1}>
              {visible.map((column) => {
                const sortable = Boolean(column.sort && onSortChange);
                const direction = sort && column.sort === sort.key ? sort.direction : undefined;
                return (
                  <th
                    key={column.id}
                    scope="col"
                    className={alignClass(column) || undefined}
                    aria-sort={sortable ? (direction ? ariaSort[direction] : 'none') : undefined}
                  >
                    {sortable ? (
                      <button
                        type="button"
                        className="data-table__sort"
                        onClick={() => {
                          const next = nextSort(sort, column);
                          if (next) onSortChange?.(next);
                        }}
                      >
                        {column.label}
                        <SortIcon direction={direction} />
                      </button>
                    ) : (
                      column.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          {placeholder ?? (
            <tbody ref={body} onKeyDown={navigation.onKeyDown} onFocus={navigation.onFocus}>
              {virtual ? (
                <>
                  {top > 0 ? (
                    <tr aria-hidden="true" className="data-table__spacer">
                      <td colSpan={columnCount} style={{ height: top }} />
                    </tr>
                  ) : null}
                  {windowed.map((item) => renderRow(item.index, virtualizer.measureElement))}
                  {bottom > 0 ? (
                    <tr aria-hidden="true" className="data-table__spacer">
                      <td colSpan={columnCount} style={{ height: bottom }} />
                    </tr>
                  ) : null}
                </>
              ) : (
                rows.map((_, index) => renderRow(index))
              )}
            </tbody>
          )}
        </table>
      </div>
      {open && !placeholder ? (
        <span id={hintId} className="visually-hidden">
          {t.rowsHint}
        </span>
      ) : null}
      {!placeholder && (summary !== undefined || paging?.hasMore) ? (
        <div className="data-table__footer" aria-live="polite">
          {paging?.hasMore ? (
            <Button busy={paging.loadingMore} onClick={paging.onLoadMore}>
              {t.loadMore}
            </Button>
          ) : null}
          {summary !== undefined ? <span className="subtle">{summary}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
