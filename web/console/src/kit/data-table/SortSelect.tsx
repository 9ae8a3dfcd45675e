import { useId } from 'react';
import { useMessages } from '@/i18n';
import { sortToParam, type Column, type Sort } from './columns';
import { dataTableMessages } from './data-table.messages';

/**
 * The sort as a select, for narrow screens where rows are cards and the headers are hidden
 * (the stylesheet shows it only there).
 */
export function SortSelect<Row>({
  columns,
  sort,
  onSortChange,
}: {
  columns: readonly Column<Row>[];
  sort: Sort | undefined;
  onSortChange: (sort: Sort) => void;
}) {
  const t = useMessages(dataTableMessages);
  const id = useId();
  const sortable = columns.filter((c): c is Column<Row> & { sort: string } => c.sort !== undefined);
  if (sortable.length === 0) return null;
  const options = sortable.flatMap((c) => [
    { value: sortToParam({ key: c.sort, direction: 'desc' }), label: t.sortDescending(c.label) },
    { value: sortToParam({ key: c.sort, direction: 'asc' }), label: t.sortAscending(c.label) },
  ]);
  return (
    <div className="field data-table-sort-select">
      <label className="label" htmlFor={id}>
        {t.sortBy}
      </label>
      <select
        id={id}
        className="select"
        value={sort ? sortToParam(sort) : ''}
        onChange={(event) => {
          const value = event.target.value;
          const key = value.replace(/^-/, '');
          onSortChange({ key, direction: value.startsWith('-') ? 'desc' : 'asc' });
        }}
      >
        {sort ? null : <option value="" />}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
