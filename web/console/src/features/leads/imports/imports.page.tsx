import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { FileUp } from 'lucide-react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { leadsKeys, type LeadImport } from '../leads.api';
import { outboundWords } from '../leads.messages';
import { importMessages } from './import.messages';
import { ImportStateBadge, runningStates } from './import-state';
import '../leads.css';

/** Every lead import with its state and counts; running ones refresh on their own. */
export function ImportsPage() {
  const t = useMessages(importMessages).list;
  const words = useMessages(outboundWords);
  const navigate = useNavigate();
  const imports = useQuery({
    queryKey: leadsKeys.imports,
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/leads/imports')),
    refetchInterval: (query) =>
      query.state.data?.imports.some((i) => runningStates.includes(i.state)) ? 3_000 : false,
  });
  const open = (i: LeadImport) =>
    void navigate({ to: '/outbound/imports/$importId', params: { importId: i.id } });

  const columns: Column<LeadImport>[] = [
    {
      id: 'file',
      label: t.columns.file,
      hideable: false,
      cell: (i) => (
        <Link
          to="/outbound/imports/$importId"
          params={{ importId: i.id }}
          className="cell-primary"
          aria-label={t.open(i.fileName)}
        >
          {i.fileName}
        </Link>
      ),
    },
    { id: 'state', label: t.columns.state, cell: (i) => <ImportStateBadge state={i.state} /> },
    { id: 'accepted', label: t.columns.accepted, align: 'end', cell: (i) => formatNumber(i.rowsAccepted) },
    { id: 'rejected', label: t.columns.rejected, align: 'end', cell: (i) => formatNumber(i.rowsRejected) },
    {
      id: 'duplicates',
      label: t.columns.duplicates,
      align: 'end',
      cell: (i) => formatNumber(i.rowsDuplicate),
    },
    {
      id: 'started',
      label: t.columns.started,
      className: 'subtle',
      cell: (i) => <TimeCell value={i.createdAt} />,
    },
  ];
  const start = (
    <Can permission="leads:write">
      <Link to="/outbound/imports/new" className="btn btn--primary">
        {t.start}
      </Link>
    </Can>
  );
  return (
    <div className="stack">
      <PageHeader eyebrow={words.eyebrow} title={t.title} description={t.description} actions={start} />
      <Panel flush>
        <DataTable
          caption={t.caption}
          columns={columns}
          rows={imports.data?.imports ?? []}
          rowKey={(i) => i.id}
          onOpen={open}
          query={imports}
          loadingLabel={t.loading}
          errorTitle={t.failed}
          empty={
            <EmptyState icon={<FileUp />} title={t.emptyTitle} action={start}>
              {t.emptyBody}
            </EmptyState>
          }
        />
      </Panel>
    </div>
  );
}
