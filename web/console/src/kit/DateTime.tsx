import { formatDateTime, formatDateTimeLong, formatDateTimeSeconds, formatRelative } from './format';
import { useNow } from './useNow';

const week = 7 * 24 * 3600 * 1000;

/** A point in time: relative when recent ("5 minutes ago"), the full date and zone on hover; `seconds` where they matter. */
export function DateTime({
  value,
  relative = false,
  seconds = false,
}: {
  value: string;
  relative?: boolean;
  seconds?: boolean;
}) {
  const now = useNow();
  const recent = Math.abs(now - new Date(value).getTime()) < week;
  return (
    <time dateTime={value} title={formatDateTimeLong(value)} className="nowrap">
      {relative && recent
        ? formatRelative(value, now)
        : seconds
          ? formatDateTimeSeconds(value)
          : formatDateTime(value)}
    </time>
  );
}
