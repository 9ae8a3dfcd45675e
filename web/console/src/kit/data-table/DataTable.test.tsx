import { render, renderHook, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ColumnChooser } from './ColumnChooser';
import { nextSort, sortFromParam, sortToParam, useColumnChoice, type Column, type Sort } from './columns';
import { DataTable } from './DataTable';
import { TimeCell } from './TimeCell';
import { roundEstimate, useFormatTotal } from './total';

interface Person {
  readonly id: string;
  readonly name: string;
  readonly age: number;
}

const people: Person[] = [
  { id: 'p1', name: 'Ada', age: 36 },
  { id: 'p2', name: 'Grace', age: 45 },
  { id: 'p3', name: 'Linus', age: 28 },
];

const columns: Column<Person>[] = [
  { id: 'name', label: 'Name', hideable: false, cell: (p) => <a href={`#${p.id}`}>{p.name}</a> },
  { id: 'age', label: 'Age', sort: 'age', firstDirection: 'desc', align: 'end', cell: (p) => p.age },
  { id: 'note', label: 'Note', hiddenByDefault: true, cell: (p) => `note of ${p.name}` },
];

const done = { isPending: false, isError: false, error: null, refetch: () => undefined };

function Table({
  onOpen = () => undefined,
  initialSort,
}: {
  onOpen?: (p: Person) => void;
  initialSort?: Sort;
}) {
  const [sort, setSort] = useState<Sort | undefined>(initialSort);
  const [shown, setShown] = useColumnChoice('people');
  return (
    <>
      <ColumnChooser columns={columns} shown={shown} onChange={setShown} />
      <DataTable
        caption="People"
        columns={columns}
        shown={shown}
        rows={people}
        rowKey={(p) => p.id}
        onOpen={onOpen}
        sort={sort}
        onSortChange={setSort}
        query={done}
        loadingLabel="Loading people"
        errorTitle="People could not be loaded"
        empty="Nobody"
        summary="3 people"
      />
    </>
  );
}

const headers = () => within(screen.getByRole('table')).getAllByRole('columnheader');
const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('DataTable', () => {
  it('says which columns sort and in which order, and flips the order on a second click', async () => {
    const user = userEvent.setup();
    render(<Table />);
    const [name, age] = headers();
    expect(name?.getAttribute('aria-sort')).toBeNull();
    expect(age?.getAttribute('aria-sort')).toBe('none');

    await user.click(within(age as HTMLElement).getByRole('button', { name: /Age/ }));
    expect(headers()[1]?.getAttribute('aria-sort')).toBe('descending');
    await user.click(within(headers()[1] as HTMLElement).getByRole('button', { name: /Age/ }));
    expect(headers()[1]?.getAttribute('aria-sort')).toBe('ascending');
  });

  it('is one tab stop; arrow keys move between rows and Enter opens the focused one', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<Table onOpen={onOpen} />);
    const rows = bodyRows();
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1]);
    // The links inside rows leave the tab order, but for the active row's.
    expect(rows.map((r) => within(r).getByRole('link').tabIndex)).toEqual([0, -1, -1]);

    await user.tab(); // the column chooser
    await user.tab(); // the sort button of "Age"
    await user.tab();
    expect(document.activeElement).toBe(rows[0]);

    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(bodyRows()[1]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(bodyRows()[2]);
    expect(bodyRows().map((r) => r.tabIndex)).toEqual([-1, -1, 0]);
    await user.keyboard('{ArrowDown}'); // stays on the last row
    expect(document.activeElement).toBe(bodyRows()[2]);
    await user.keyboard('{Home}{Enter}');
    expect(onOpen).toHaveBeenCalledWith(people[0]);
  });

  it('opens a row on a click', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<Table onOpen={onOpen} />);
    await user.click(within(bodyRows()[1] as HTMLElement).getByText('45'));
    expect(onOpen).toHaveBeenCalledWith(people[1]);
  });

  it('shows the columns chosen, remembers the choice, and keeps the naming column', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<Table />);
    expect(headers().map((h) => h.textContent)).toEqual(['Name', 'Age']);

    await user.click(screen.getByRole('button', { name: 'Show or hide columns' }));
    const menu = await screen.findByRole('menu');
    expect(within(menu).getByRole('menuitemcheckbox', { name: /Name/ }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    await user.click(within(menu).getByRole('menuitemcheckbox', { name: /Note/ }));
    await user.click(within(menu).getByRole('menuitemcheckbox', { name: /Age/ }));
    await user.keyboard('{Escape}');
    expect(headers().map((h) => h.textContent)).toEqual(['Name', 'Note']);
    // The cards of a narrow screen label each value with its column.
    expect(
      within(bodyRows()[0] as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.dataset.label),
    ).toEqual(['Name', 'Note']);

    unmount();
    render(<Table />);
    expect(headers().map((h) => h.textContent)).toEqual(['Name', 'Note']);
  });

  it('shows the query’s states in place of rows', () => {
    const { rerender } = render(
      <DataTable
        caption="People"
        columns={columns}
        rows={[]}
        rowKey={(p) => p.id}
        query={{ ...done, isPending: true }}
        loadingLabel="Loading people"
        errorTitle="Failed"
        empty="Nobody here"
      />,
    );
    expect(screen.getByText('Loading people…')).toBeTruthy();
    rerender(
      <DataTable
        caption="People"
        columns={columns}
        rows={[]}
        rowKey={(p) => p.id}
        query={done}
        loadingLabel="Loading people"
        errorTitle="Failed"
        empty="Nobody here"
      />,
    );
    expect(screen.getByText('Nobody here')).toBeTruthy();
  });

  it('renders only the rows in view of a long virtual list and asks for more near its end', () => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, name: `Person ${i}`, age: i }));
    const onLoadMore = vi.fn();
    render(
      <DataTable
        caption="People"
        columns={columns}
        rows={many}
        rowKey={(p) => p.id}
        query={done}
        loadingLabel="Loading"
        errorTitle="Failed"
        empty="Nobody"
        virtual={{ rowHeight: 40 }}
        paging={{ hasMore: true, loadingMore: false, onLoadMore }}
      />,
    );
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('31');
    expect(bodyRows().filter((r) => r.dataset.rowIndex !== undefined).length).toBeLessThan(30);
    expect(onLoadMore).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeTruthy();
  });
});

describe('sorts in the address', () => {
  it('reads and writes `-key` for descending and ignores what the API cannot sort', () => {
    expect(sortToParam({ key: 'startedAt', direction: 'desc' })).toBe('-startedAt');
    expect(sortFromParam('-startedAt', ['startedAt'])).toEqual({ key: 'startedAt', direction: 'desc' });
    expect(sortFromParam('duration', ['startedAt'])).toBeUndefined();
    expect(nextSort(undefined, { sort: 'duration', firstDirection: 'desc' })).toEqual({
      key: 'duration',
      direction: 'desc',
    });
  });
});

describe('totals and times', () => {
  it('says an estimate is one, with two significant digits', () => {
    const { result } = renderHook(() => useFormatTotal());
    expect(result.current({ count: 1234, exact: true })).toBe('1,234');
    expect(result.current({ count: 90_817, exact: false })).toBe('about 91,000');
    expect(roundEstimate(42)).toBe(42);
  });

  it('shows the absolute time with the relative one as a hint', () => {
    vi.useFakeTimers({ now: new Date('2026-03-02T12:00:00Z'), toFake: ['Date'] });
    try {
      render(<TimeCell value="2026-03-01T21:00:00Z" />);
      const time = screen.getByText((_, element) => element?.tagName === 'TIME');
      expect(time.getAttribute('datetime')).toBe('2026-03-01T21:00:00Z');
      expect(time.textContent).toMatch(/2026/);
      expect(screen.getByText('15 hours ago')).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });
});
