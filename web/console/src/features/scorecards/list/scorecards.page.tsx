import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { ClipboardCheck, Plus } from 'lucide-react';
import { api, unwrap } from '@/api/client';
import type { Schema } from '@/api/types';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { scorecardsMessages } from '../scorecards.messages';

type Summary = Schema<'AnalysisConfigSummary'>;

export function ScorecardsPage() {
  const m = useMessages(scorecardsMessages);
  const canEdit = useCan('analysis:configure');
  const navigate = useNavigate();
  const scorecards = useQuery({
    queryKey: ['scorecards'],
    queryFn: () => unwrap(api.GET('/api/v1/conversations/scorecards')),
  });
  const create = canEdit ? (
    <Button
      variant="primary"
      icon={<Plus aria-hidden="true" />}
      onClick={() => void navigate({ to: '/conversations/scorecards/new' })}
    >
      {m.newScorecard}
    </Button>
  ) : undefined;

  const columns: Column<Summary>[] = [
    {
      id: 'name',
      label: m.columns.name,
      hideable: false,
      cell: (card) => (
        <Link to="/conversations/scorecards/$scorecardId" params={{ scorecardId: card.id }}>
          {card.name}
        </Link>
      ),
    },
    {
      id: 'active',
      label: m.columns.active,
      width: '160px',
      cell: (card) =>
        card.activeVersion === null ? (
          <Badge tone="warning">{m.noneActive}</Badge>
        ) : (
          <Badge tone="success">{m.version(card.activeVersion)}</Badge>
        ),
    },
    {
      id: 'latest',
      label: m.columns.latest,
      width: '140px',
      cell: (card) => m.version(card.latestVersion),
    },
    {
      id: 'updated',
      label: m.columns.updated,
      width: '176px',
      cell: (card) => <TimeCell value={card.updatedAt} />,
    },
  ];

  return (
    <div className="stack">
      <PageHeader eyebrow={m.eyebrow} title={m.title} description={m.description} actions={create} />
      <Panel flush>
        <DataTable
          caption={m.caption}
          columns={columns}
          rows={scorecards.data?.items ?? []}
          rowKey={(card) => card.id}
          onOpen={(card) =>
            void navigate({ to: '/conversations/scorecards/$scorecardId', params: { scorecardId: card.id } })
          }
          query={scorecards}
          loadingLabel={m.loading}
          errorTitle={m.loadFailed}
          empty={
            <EmptyState icon={<ClipboardCheck />} title={m.empty} action={create}>
              {m.emptyHint}
            </EmptyState>
          }
        />
      </Panel>
    </div>
  );
}
