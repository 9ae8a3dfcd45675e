import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { Panel } from '@/kit/Page';
import { toast } from '@/kit/toast';
import { scorecardsMessages } from '../scorecards.messages';

interface VersionRow {
  readonly version: number;
  readonly name: string;
  readonly isActive: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** Every saved version: which one calls are scored with, and activating another (an older one too). */
export function VersionsPanel({
  id,
  showing,
  canEdit,
  onOpen,
}: {
  id: string;
  showing: number;
  canEdit: boolean;
  onOpen: (version: number) => void;
}) {
  const m = useMessages(scorecardsMessages);
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: ['scorecard', id, 'versions'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/conversations/scorecards/{id}/versions', { params: { path: { id } } })),
  });
  const activate = useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/v1/conversations/scorecards/{id}/activate', {
          params: { path: { id } },
          body: { version },
        }),
      ),
    onSuccess: (saved) => {
      toast.success(m.activated(saved.version));
      void queryClient.invalidateQueries({ queryKey: ['scorecard', id] });
      void queryClient.invalidateQueries({ queryKey: ['scorecards'] });
    },
  });

  const columns: Column<VersionRow>[] = [
    {
      id: 'version',
      label: m.columns.latest,
      hideable: false,
      width: '160px',
      cell: (row) => (
        <span className="cluster">
          {m.version(row.version)}
          {row.isActive ? <Badge tone="success">{m.active}</Badge> : null}
        </span>
      ),
    },
    { id: 'name', label: m.columns.name, cell: (row) => row.name },
    {
      id: 'created',
      label: m.columns.updated,
      width: '200px',
      cell: (row) => (
        <span className="identity__text">
          <TimeCell value={row.createdAt} />
          <span className="subtle">{m.savedBy(row.createdBy)}</span>
        </span>
      ),
    },
    {
      id: 'actions',
      label: '',
      hideable: false,
      align: 'end',
      width: '280px',
      cell: (row) => (
        <span className="cluster">
          {row.version !== showing ? (
            <Button size="sm" onClick={() => onOpen(row.version)}>
              {m.open}
            </Button>
          ) : null}
          {canEdit && !row.isActive ? (
            <Button
              size="sm"
              busy={activate.isPending && activate.variables === row.version}
              onClick={() => activate.mutate(row.version)}
              aria-label={`${m.activate}: ${m.version(row.version)}`}
            >
              {m.activate}
            </Button>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <Panel title={m.versions} description={m.versionsDescription} labelledBy="scorecard-versions" flush>
      {activate.isError ? <Alert tone="danger">{messageOf(activate.error)}</Alert> : null}
      <DataTable
        caption={m.versions}
        columns={columns}
        rows={versions.data?.items ?? []}
        rowKey={(row) => String(row.version)}
        query={versions}
        loadingLabel={m.versionsLoading}
        errorTitle={m.versionsFailed}
        empty={null}
      />
    </Panel>
  );
}
