import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { Download, Pencil } from 'lucide-react';
import { useState } from 'react';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { downloadFromApi } from '@/kit/download';
import { PageHeader } from '@/kit/Page';
import { Can } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { CampaignActions, campaignKeys, CampaignStateBadge } from '../CampaignActions';
import { campaignsApi, type Campaign } from '../campaigns.api';
import { campaignsMessages } from '../campaigns.messages';
import { AttemptsPanel } from './AttemptsPanel';
import { detailMessages } from './detail.messages';
import { DryRunPanel } from './DryRunPanel';
import { LiveDashboard } from './LiveDashboard';
import '../campaigns.css';

const route = getRouteApi('/console/campaigns/$campaignId');

export function CampaignPage() {
  const { campaignId } = route.useParams();
  const m = useMessages(detailMessages);
  const c = useMessages(campaignsMessages);
  const query = useQuery({
    queryKey: campaignKeys.one(campaignId),
    queryFn: ({ signal }) => campaignsApi.get(campaignId, signal),
  });
  if (query.isPending)
    return (
      <div className="stack">
        <PageHeader eyebrow={c.eyebrow} title={c.title} />
        <LoadingBlock label={m.loading} />
      </div>
    );
  if (query.isError)
    return (
      <div className="stack">
        <PageHeader eyebrow={c.eyebrow} title={c.title} />
        <ErrorState title={m.loadError} error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  return <CampaignView campaign={query.data} />;
}

function CampaignView({ campaign }: { campaign: Campaign }) {
  const m = useMessages(detailMessages);
  const c = useMessages(campaignsMessages);
  const navigate = useNavigate();
  const [exporting, setExporting] = useState(false);
  const exportResults = async () => {
    setExporting(true);
    try {
      await downloadFromApi(campaignsApi.resultsPath(campaign.id), `campaign-${campaign.id}-results.csv`);
    } catch (error) {
      toast.error(m.exportFailed, messageOf(error));
    } finally {
      setExporting(false);
    }
  };
  const editable = campaign.state !== 'completed' && campaign.state !== 'cancelled';
  return (
    <div className="stack">
      <PageHeader
        eyebrow={c.title}
        title={campaign.name}
        description={
          <>
            <CampaignStateBadge state={campaign.state} />{' '}
            {m.summary(
              campaign.lists.map((l) => `${l.name} (${l.weight})`).join(', '),
              campaign.settings.allowedRegions.join(', '),
            )}
            {campaign.description ? ` · ${campaign.description}` : ''}
          </>
        }
        actions={
          <div className="cluster">
            <CampaignActions campaign={campaign} size="md" />
            {editable ? (
              <Can permission="campaigns:write">
                <Button
                  icon={<Pencil aria-hidden="true" />}
                  onClick={() =>
                    void navigate({ to: '/campaigns/$campaignId/edit', params: { campaignId: campaign.id } })
                  }
                >
                  {m.edit}
                </Button>
              </Can>
            ) : null}
            <Can permission="leads:export">
              <Button
                icon={<Download aria-hidden="true" />}
                busy={exporting}
                onClick={() => void exportResults()}
              >
                {m.exportResults}
              </Button>
            </Can>
          </div>
        }
      />
      <LiveDashboard key={campaign.id} campaign={campaign} />
      <DryRunPanel campaign={campaign} />
      <AttemptsPanel campaign={campaign} />
    </div>
  );
}
