import { Link } from '@tanstack/react-router';
import { useMessages } from '@/i18n';
import { useCan } from '@/kit/session';
import { isSkipReason, skipReasons } from './campaigns.api';
import { campaignsMessages } from './campaigns.messages';

/** A skip reason's name and what it means, in the reader's language; a reason this console does not know yet is shown as sent. */
export function useReasonText(): (reason: string) => { label: string; explanation: string | undefined } {
  const m = useMessages(campaignsMessages);
  return (reason) =>
    isSkipReason(reason)
      ? { label: m.reasons[reason], explanation: m.reasonExplanations[reason] }
      : { label: m.unknownReason(reason), explanation: undefined };
}

/** Counts by reason in the pre-dial check's order (the order that decides which reason is recorded), unknown ones last. */
export function byReasonOrder(counts: Readonly<Record<string, number>>): [string, number][] {
  const rank = (reason: string) => {
    const index = (skipReasons as readonly string[]).indexOf(reason);
    return index < 0 ? skipReasons.length : index;
  };
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A lead, by its id: a link that opens it on the leads page, for a reader who may see leads. */
export function LeadRef({ leadId }: { leadId: string }) {
  const canRead = useCan('leads:read');
  if (!canRead) return <span className="mono">{leadId}</span>;
  return (
    <Link to="/outbound/leads" search={{ leadId }} className="mono">
      {leadId}
    </Link>
  );
}
