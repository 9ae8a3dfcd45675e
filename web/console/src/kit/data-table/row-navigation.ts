import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';

const focusable = 'a[href], button, input, select, textarea, [tabindex]';
const pageStep = 10;

interface Options {
  readonly count: number;
  readonly body: RefObject<HTMLTableSectionElement | null>;
  /** Brings a row into view before it takes focus (a virtual list renders it first). */
  readonly reveal: (index: number) => void;
  readonly onOpen?: ((index: number) => void) | undefined;
}

/**
 * Keyboard row navigation with a roving tab index: the table is one tab stop (the active row),
 * arrow keys, Home/End and Page Up/Down move between rows, Enter opens the row. Links and buttons
 * inside rows leave the tab order except in the active row, so Tab from a row reaches that row's
 * actions and then leaves the table.
 */
export function useRowNavigation({ count, body, reveal, onOpen }: Options) {
  const [active, setActive] = useState(0);
  const focusNext = useRef<number | undefined>(undefined);
  const current = Math.min(active, Math.max(0, count - 1));

  // After every render: the rows' own controls follow the active row, a pending move takes focus.
  useLayoutEffect(() => {
    const rows = body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row-index]') ?? [];
    for (const row of rows) {
      const inActive = Number(row.dataset.rowIndex) === current;
      for (const control of row.querySelectorAll<HTMLElement>(focusable)) {
        if (control !== row) control.tabIndex = inActive ? 0 : -1;
      }
    }
    if (focusNext.current !== undefined) {
      const row = body.current?.querySelector<HTMLTableRowElement>(
        `tr[data-row-index="${focusNext.current}"]`,
      );
      if (row) {
        focusNext.current = undefined;
        row.focus({ preventScroll: false });
      }
    }
  });

  // A virtual list renders the row a moment after the scroll: look again for a few frames.
  const [tries, retry] = useState(0);
  useEffect(() => {
    if (focusNext.current === undefined) return;
    if (tries > 10) {
      focusNext.current = undefined;
      return;
    }
    const frame = requestAnimationFrame(() => retry((n) => n + 1));
    return () => cancelAnimationFrame(frame);
  });

  const moveTo = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(count - 1, index));
      setActive(target);
      retry(0);
      focusNext.current = target;
      reveal(target);
    },
    [count, reveal],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = event.target as HTMLElement;
    // Keys inside a row's own controls (a menu button, a link) are theirs.
    if (row.dataset.rowIndex === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = Number(row.dataset.rowIndex);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: count - 1,
      PageDown: index + pageStep,
      PageUp: index - pageStep,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      moveTo(to);
    } else if (event.key === 'Enter' && onOpen) {
      event.preventDefault();
      onOpen(index);
    }
  };

  /** A row focused by a click or by Shift+Tab becomes the active one. */
  const onFocus = (event: FocusEvent<HTMLTableSectionElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLTableRowElement>('tr[data-row-index]');
    if (row) setActive(Number(row.dataset.rowIndex));
  };

  return { active: current, onKeyDown, onFocus };
}
