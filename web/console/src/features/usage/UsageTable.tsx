import { useMessages } from '@/i18n';
import { TableScroll } from '@/kit/TableScroll';
import type { UsageSummary } from './usage.api';
import { formatAmount, formatQuantity } from './usage.format';
import { usageMessages } from './usage.messages';

/** Every meter of the period with its quantity, unit price and cost; the total beneath. */
export function UsageTable({ usage }: { usage: UsageSummary }) {
  const m = useMessages(usageMessages);
  const name = (meter: string) => m.meterNames[meter] ?? meter;
  return (
    <TableScroll label={m.meters}>
      <table className="table usage-table">
        <caption className="visually-hidden">{m.meters}</caption>
        <thead>
          <tr>
            <th scope="col">{m.columns.meter}</th>
            <th scope="col">{m.columns.module}</th>
            <th scope="col" className="num">
              {m.columns.quantity}
            </th>
            <th scope="col" className="num">
              {m.columns.unitPrice}
            </th>
            <th scope="col" className="num">
              {m.columns.cost}
            </th>
          </tr>
        </thead>
        <tbody>
          {usage.lines.map((line) => (
            <tr
              key={`${line.meter}|${line.area ?? ''}`}
              data-muted={line.quantity === '0' ? 'true' : undefined}
            >
              <th scope="row">
                <span className="cell-primary">{name(line.meter)}</span>
                {line.area ? <span className="subtle"> · {m.area(line.area)}</span> : null}
              </th>
              <td className="subtle">{line.module}</td>
              <td className="num">
                {formatQuantity(line.quantity)} <span className="subtle">{line.unit}</span>
              </td>
              <td className="num">{formatAmount(line.unitPrice, usage.currency)}</td>
              <td className="num">{formatAmount(line.cost, usage.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {m.total}
            </th>
            <td className="num cell-primary" data-testid="usage-total">
              {formatAmount(usage.totalCost, usage.currency)}
            </td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
