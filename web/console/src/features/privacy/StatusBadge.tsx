import { useMessages } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import type { RequestStatus } from './privacy.api';
import { privacyMessages } from './privacy.messages';

const tones: Record<RequestStatus, BadgeTone> = {
  received: 'info',
  verifying: 'brand',
  in_progress: 'warning',
  completed: 'success',
  rejected: 'neutral',
};

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const m = useMessages(privacyMessages);
  return <Badge tone={tones[status]}>{m.statuses[status]}</Badge>;
}
