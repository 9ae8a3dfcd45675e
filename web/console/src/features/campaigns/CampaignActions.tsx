import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { ConfirmDialog } from '@/kit/Dialog';
import { useCan } from '@/kit/session';
import { toast } from '@/kit/toast';
import {
  actionsFor,
  campaignsApi,
  type Campaign,
  type CampaignAction,
  type CampaignState,
} from './campaigns.api';
import { campaignsMessages } from './campaigns.messages';

const stateTones: Record<CampaignState, BadgeTone> = {
  draft: 'neutral',
  running: 'success',
  paused: 'warning',
  completed: 'info',
  cancelled: 'danger',
};

export function CampaignStateBadge({ state }: { state: CampaignState }) {
  const m = useMessages(campaignsMessages);
  return (
    <Badge tone={stateTones[state]} dot={state === 'running'}>
      {m.states[state]}
    </Badge>
  );
}

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: ['campaigns', 'list'] as const,
  one: (campaignId: string) => ['campaigns', 'one', campaignId] as const,
};

/**
 * Start, pause, resume and cancel (after a question), as the campaign's state allows; offered only
 * to roles with campaigns:write. The server decides: a refused transition (409) is shown as said.
 */
export function CampaignActions({ campaign, size = 'sm' }: { campaign: Campaign; size?: 'sm' | 'md' }) {
  const m = useMessages(campaignsMessages);
  const canWrite = useCan('campaigns:write');
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const act = useMutation({
    mutationFn: (action: CampaignAction) => campaignsApi.act(campaign.id, action),
    onSuccess: (updated, action) => {
      queryClient.setQueryData(campaignKeys.one(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      toast.success(m.actionDone[action]);
    },
  });
  if (!canWrite) return null;
  const actions = actionsFor(campaign.state);
  if (actions.length === 0) return null;
  const run = (action: CampaignAction) =>
    act.mutateAsync(action).catch((error: unknown) => {
      toast.error(m.actionFor(m.actions[action], campaign.name), messageOf(error));
    });
  return (
    <div className="cluster">
      {actions
        .filter((action) => action !== 'cancel')
        .map((action) => (
          <Button
            key={action}
            size={size}
            variant={action === 'start' || action === 'resume' ? 'primary' : 'secondary'}
            busy={act.isPending && act.variables === action}
            aria-label={m.actionFor(m.actions[action], campaign.name)}
            onClick={() => void run(action)}
          >
            {m.actions[action]}
          </Button>
        ))}
      {actions.includes('cancel') ? (
        <>
          <Button
            size={size}
            variant="danger-ghost"
            aria-label={m.actionFor(m.actions.cancel, campaign.name)}
            onClick={() => setConfirming(true)}
          >
            {m.actions.cancel}
          </Button>
          <ConfirmDialog
            open={confirming}
            onOpenChange={setConfirming}
            title={m.confirmCancel(campaign.name)}
            description={m.confirmCancelText}
            confirmLabel={m.actions.cancel}
            onConfirm={() => act.mutateAsync('cancel')}
          />
        </>
      ) : null}
    </div>
  );
}
