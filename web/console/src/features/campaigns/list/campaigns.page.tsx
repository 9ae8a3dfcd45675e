import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { DataTable } from '@/kit/data-table';
import type { Column } from '@/kit/data-table/columns';
import { formatDateTime, formatNumber } from '@/kit/format';
import { PageHeader } from '@/kit/Page';
import { Can } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { CampaignActions, campaignKeys, CampaignStateBadge } from '../CampaignActions';
import { campaignsApi, type Campaign } from '../campaigns.api';
import { campaignsMessages } from '../campaigns.messages';

export function CampaignsPage() {
  const m = useMessages(campaignsMessages);
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: campaignKeys.list,
    queryFn: ({ signal }) => campaignsApi.list(signal),
  });
  const columns: Column<Campaign>[] = [
    {
      id: 'name',
      label: m.columns.name,
      hideable: false,
      cell: (c) => (
        <Link to="/campaigns/$campaignId" params={{ campaignId: c.id }}>
          {c.name}
        </Link>
      ),
    },
    {
      id: 'state',
      label: m.columns.state,
      width: '130px',
      cell: (c) => <CampaignStateBadge state={c.state} />,
    },
    {
      id: 'lists',
      label: m.columns.lists,
      cell: (c) => c.lists.map((l) => l.name).join(', '),
    },
    {
      id: 'hopper',
      label: m.columns.hopper,
      cell: (c) =>
        m.hopper(formatNumber(c.hopper.pending), formatNumber(c.hopper.inCall), formatNumber(c.hopper.done)),
    },
    {
      id: 'started',
      label: m.columns.started,
      width: '170px',
      cell: (c) => (c.startedAt ? formatDateTime(c.startedAt) : m.notStarted),
    },
    { id: 'actions', label: m.columns.actions, cell: (c) => <CampaignActions campaign={c} /> },
  ];
  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Can permission="campaigns:write">
            <Button
              variant="primary"
              icon={<Plus aria-hidden="true" />}
              onClick={() => void navigate({ to: '/campaigns/new' })}
            >
              {m.newCampaign}
            </Button>
          </Can>
        }
      />
      <DataTable
        caption={m.caption}
        columns={columns}
        rows={query.data?.campaigns ?? []}
        rowKey={(c) => c.id}
        query={query}
        loadingLabel={m.loading}
        errorTitle={m.loadError}
        empty={<EmptyState title={m.empty}>{m.emptyText}</EmptyState>}
      />
    </div>
  );
}
