import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { Panel } from '@/kit/Page';
import { toast } from '@/kit/toast';
import { versionsMessages } from './versions.messages';

export interface VersionRow {
  readonly version: number;
  readonly name: string;
  readonly isActive: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** How a kind of configuration reads its history and activates a version (its own API paths). */
export interface VersionsApi {
  /** The query key of the configuration: ['scorecard', id]; the history is below it. */
  readonly queryKey: readonly string[];
  /** The list's query key, refreshed after an activation. */
  readonly listKey: readonly string[];
  readonly versions: () => Promise<{ items: VersionRow[] }>;
  readonly activate: (version: number) => Promise<{ version: number }>;
}

/** Every saved version: which one calls are analysed with, and activating another (an older one too). */
export function VersionsPanel({
  source,
  showing,
  canEdit,
  onOpen,
}: {
  source: VersionsApi;
  showing: number;
  canEdit: boolean;
  onOpen: (version: number) => void;
}) {
  const m = useMessages(versionsMessages);
  const queryClient = useQueryClient();
  const versions = useQuery({ queryKey: [...source.queryKey, 'versions'], queryFn: source.versions });
  const activate = useMutation({
    mutationFn: source.activate,
    onSuccess: (saved) => {
      toast.success(m.activated(saved.version));
      void queryClient.invalidateQueries({ queryKey: source.queryKey });
      void queryClient.invalidateQueries({ queryKey: source.listKey });
    },
  });

  const columns: Column<VersionRow>[] = [
    {
      id: 'version',
      label: m.columns.version,
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
      id: 'saved',
      label: m.columns.saved,
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
    <Panel title={m.versions} description={m.description} labelledBy="config-versions" flush>
      {activate.isError ? <Alert tone="danger">{messageOf(activate.error)}</Alert> : null}
      <DataTable
        caption={m.versions}
        columns={columns}
        rows={versions.data?.items ?? []}
        rowKey={(row) => String(row.version)}
        query={versions}
        loadingLabel={m.loading}
        errorTitle={m.failed}
        empty={null}
      />
    </Panel>
  );
}
