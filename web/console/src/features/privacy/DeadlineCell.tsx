import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { formatDate, formatDateTimeLong } from '@/kit/format';
import { useNow } from '@/kit/useNow';
import { deadline, deadlineOf, type DataSubjectRequest } from './privacy.api';
import { privacyMessages } from './privacy.messages';

/** "Due in 5 days" (warning within a week), "Overdue by 3 days" (danger), the date beneath. */
export function DeadlineCell({ request }: { request: DataSubjectRequest }) {
  const m = useMessages(privacyMessages).deadline;
  const now = useNow();
  const d = deadline(request, now);
  const due = deadlineOf(request);
  const badge =
    d.state === 'closed' ? null : d.state === 'overdue' ? (
      <Badge tone="danger" dot>
        {m.overdue(d.days)}
      </Badge>
    ) : d.state === 'today' ? (
      <Badge tone="danger" dot>
        {m.today}
      </Badge>
    ) : d.state === 'soon' ? (
      <Badge tone="warning">{m.dueIn(d.days)}</Badge>
    ) : (
      <Badge>{m.dueIn(d.days)}</Badge>
    );
  return (
    <span className="privacy-deadline" data-deadline={d.state}>
      {badge}
      <time dateTime={due} title={formatDateTimeLong(due)} className="subtle nowrap">
        {formatDate(due)}
        {request.extendedDueAt ? ` (${m.extended})` : ''}
      </time>
    </span>
  );
}
