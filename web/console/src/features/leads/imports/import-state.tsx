import { useMessages } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import type { LeadImportState } from '../leads.api';
import { outboundWords } from '../leads.messages';

const tones: Record<LeadImportState, BadgeTone> = {
  queued: 'neutral',
  scanning: 'info',
  importing: 'info',
  completed: 'success',
  failed: 'danger',
};

export const runningStates: readonly LeadImportState[] = ['queued', 'scanning', 'importing'];

export function ImportStateBadge({ state }: { state: LeadImportState }) {
  const words = useMessages(outboundWords);
  return (
    <Badge tone={tones[state]} dot={runningStates.includes(state)}>
      {words.importState[state]}
    </Badge>
  );
}
