import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ListChecks, Plus } from 'lucide-react';
import { useState } from 'react';
import { api, unwrap } from '@/api/client';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { ConfirmDialog } from '@/kit/Dialog';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { toast } from '@/kit/toast';
import { leadsKeys, type LeadList } from '../leads.api';
import { listsMessages, outboundWords } from '../leads.messages';
import { ListDialog } from './ListDialog';
import '../leads.css';

type Open = { readonly kind: 'add' } | { readonly kind: 'edit' | 'remove'; readonly list: LeadList };

export const useLeadLists = () =>
  useQuery({
    queryKey: leadsKeys.lists,
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/lists')),
  });

/** The tenant's lead lists with their lead counts (`leads:read`); made, changed and removed with `leads:write`. */
export function ListsPage() {
  const m = useMessages(listsMessages);
  const words = useMessages(outboundWords);
  const queryClient = useQueryClient();
  const lists = useLeadLists();
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);

  const remove = (list: LeadList) =>
    unwrap(api.DELETE('/api/v1/campaigns/lists/{listId}', { params: { path: { listId: list.id } } })).then(
      () => {
        void queryClient.invalidateQueries({ queryKey: ['leads'] });
        toast.success(m.removed, list.name);
      },
    );

  const columns: Column<LeadList>[] = [
    {
      id: 'name',
      label: m.columns.name,
      hideable: false,
      cell: (l) => (
        <span className="identity__text">
          <span className="cell-primary">{l.name}</span>
          {l.description ? <span className="subtle">{l.description}</span> : null}
        </span>
      ),
    },
    { id: 'region', label: m.columns.region, cell: (l) => l.defaultRegion ?? words.none },
    {
      id: 'leads',
      label: m.columns.leads,
      align: 'end',
      cell: (l) => (
        <span aria-label={m.leadCount(formatNumber(l.leadCount))}>{formatNumber(l.leadCount)}</span>
      ),
    },
    {
      id: 'updated',
      label: m.columns.updated,
      className: 'subtle',
      cell: (l) => <TimeCell value={l.updatedAt} />,
    },
    {
      id: 'actions',
      label: m.columns.actions,
      hideable: false,
      className: 'cell-actions',
      cell: (l) => (
        <Can permission="leads:write">
          <div className="row-actions">
            <Button size="sm" aria-label={m.edit(l.name)} onClick={() => setOpen({ kind: 'edit', list: l })}>
              {m.editShort}
            </Button>
            <Button size="sm" variant="danger-ghost" onClick={() => setOpen({ kind: 'remove', list: l })}>
              {m.remove}
            </Button>
          </div>
        </Can>
      ),
    },
  ];
  const add = (
    <Can permission="leads:write">
      <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setOpen({ kind: 'add' })}>
        {m.add}
      </Button>
    </Can>
  );

  return (
    <div className="stack">
      <PageHeader eyebrow={words.eyebrow} title={m.title} description={m.description} actions={add} />
      <Panel flush>
        <DataTable
          caption={m.caption}
          columns={columns}
          rows={lists.data?.lists ?? []}
          rowKey={(l) => l.id}
          query={lists}
          loadingLabel={m.loading}
          errorTitle={m.failed}
          empty={
            <EmptyState icon={<ListChecks />} title={m.emptyTitle} action={add}>
              {m.emptyBody}
            </EmptyState>
          }
        />
      </Panel>
      {open?.kind === 'add' ? <ListDialog onClose={close} /> : null}
      {open?.kind === 'edit' ? <ListDialog list={open.list} onClose={close} /> : null}
      <ConfirmDialog
        open={open?.kind === 'remove'}
        onOpenChange={(next) => !next && close()}
        title={m.removeTitle(open?.kind === 'remove' ? open.list.name : '')}
        description={m.removeDescription}
        confirmLabel={m.removeConfirm}
        onConfirm={() => (open?.kind === 'remove' ? remove(open.list) : Promise.resolve())}
      />
    </div>
  );
}
