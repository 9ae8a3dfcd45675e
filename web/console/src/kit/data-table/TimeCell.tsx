import { formatDateTime, formatDateTimeLong, formatRelative } from '../format';
import { useNow } from '../useNow';

/**
 * A point in time as a table shows it: the absolute date and time first (what a reader compares
 * and copies), the relative one beneath as a hint ("15 hours ago"), the full date and zone on hover.
 */
export function TimeCell({ value }: { value: string }) {
  const now = useNow();
  return (
    <span className="data-table-time">
      <time dateTime={value} title={formatDateTimeLong(value)} className="nowrap">
        {formatDateTime(value)}
      </time>
      <span className="subtle data-table-time__relative">{formatRelative(value, now)}</span>
    </span>
  );
}
