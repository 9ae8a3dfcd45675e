import { Columns3 } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useMessages } from '@/i18n';
import { Button } from '../Button';
import { columnsShown, type Column } from './columns';
import { dataTableMessages } from './data-table.messages';

interface Props<Row> {
  readonly columns: readonly Column<Row>[];
  /** The ids shown; undefined: the table's defaults. */
  readonly shown: readonly string[] | undefined;
  readonly onChange: (shown: readonly string[]) => void;
}

/** A menu of the table's columns with a check box each; the columns that name a row cannot be hidden. */
export function ColumnChooser<Row>({ columns, shown, onChange }: Props<Row>) {
  const t = useMessages(dataTableMessages);
  const visible = new Set(columnsShown(columns, shown).map((c) => c.id));
  const toggle = (id: string, on: boolean) => {
    const next = columns.filter((c) => (c.id === id ? on : visible.has(c.id))).map((c) => c.id);
    onChange(next);
  };
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button
          size="sm"
          icon={<Columns3 aria-hidden="true" />}
          aria-label={t.columnsMenu}
          title={t.columnsMenu}
        >
          {t.columns}
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
          <DropdownMenu.Label className="menu__label subtle">{t.columnsMenu}</DropdownMenu.Label>
          {columns.map((column) => (
            <DropdownMenu.CheckboxItem
              key={column.id}
              className="menu__item data-table-chooser__item"
              checked={visible.has(column.id)}
              disabled={column.hideable === false}
              onCheckedChange={(on) => toggle(column.id, on)}
              // Several columns are often changed at once: the menu stays open.
              onSelect={(event) => event.preventDefault()}
            >
              <span className="data-table-chooser__box" aria-hidden="true">
                {visible.has(column.id) ? '✓' : ''}
              </span>
              {column.label}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
