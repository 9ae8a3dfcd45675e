import { formatDateTime, formatDateTimeLong, formatRelative } from './format';
import { useNow } from './useNow';

const week = 7 * 24 * 3600 * 1000;

/** A point in time: relative when recent ("5 minutes ago"), the full date and zone on hover. */
export function DateTime({ value, relative = false }: { value: string; relative?: boolean }) {
  const now = useNow();
  const recent = Math.abs(now - new Date(value).getTime()) < week;
  return (
    <time dateTime={value} title={formatDateTimeLong(value)} className="nowrap">
      {relative && recent ? formatRelative(value, now) : formatDateTime(value)}
    </time>
  );
}
