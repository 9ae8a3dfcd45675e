import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ShieldCheck } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { SelectField } from '@/kit/Field';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState } from '@/kit/states';
import { toast } from '@/kit/toast';
import { useNow } from '@/kit/useNow';
import { DeadlineCell } from '../DeadlineCell';
import {
  deadline,
  deadlineOf,
  isOpen,
  privacyApi,
  privacyKeys,
  requestKinds,
  requestStatuses,
  type DataSubjectRequest,
} from '../privacy.api';
import { privacyMessages } from '../privacy.messages';
import { RequestStatusBadge } from '../StatusBadge';
import { CreateRequestDialog } from './CreateRequestDialog';
import '../privacy.css';

const route = getRouteApi('/console/privacy/requests');

type Messages = (typeof privacyMessages)['en'];

function requestColumns(m: Messages): readonly Column<DataSubjectRequest>[] {
  const c = m.queue.columns;
  return [
    {
      id: 'id',
      label: c.id,
      hideable: false,
      width: '200px',
      cell: (r) => (
        <Link to="/privacy/requests/$requestId" params={{ requestId: r.id }} className="mono">
          {r.id}
        </Link>
      ),
    },
    { id: 'kind', label: c.kind, width: '130px', cell: (r) => m.kinds[r.kind] },
    { id: 'subject', label: c.subject, cell: (r) => r.subject || '—' },
    { id: 'status', label: c.status, width: '140px', cell: (r) => <RequestStatusBadge status={r.status} /> },
    { id: 'deadline', label: c.deadline, width: '190px', cell: (r) => <DeadlineCell request={r} /> },
    { id: 'received', label: c.received, width: '170px', cell: (r) => <TimeCell value={r.receivedAt} /> },
    { id: 'channel', label: c.channel, width: '110px', cell: (r) => m.channels[r.channel] },
  ];
}

export function RequestsPage() {
  const m = useMessages(privacyMessages);
  const q = m.queue;
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const now = useNow();
  const [creating, setCreating] = useState(Boolean(search.customerId));
  const columns = useMemo(() => requestColumns(m), [m]);
  const status = search.status ?? 'open';
  const apiQuery = {
    ...(status !== 'open' && status !== 'all' ? { status } : {}),
  };
  const requests = useQuery({
    queryKey: privacyKeys.list(apiQuery),
    queryFn: ({ signal }) => privacyApi.list(apiQuery, signal),
  });
  const rows = useMemo(() => {
    const all = requests.data ?? [];
    return all
      .filter((r) => (status === 'open' ? isOpen(r.status) : status === 'all' || r.status === status))
      .filter((r) => !search.kind || r.kind === search.kind)
      .sort((a, b) => Date.parse(deadlineOf(a)) - Date.parse(deadlineOf(b)));
  }, [requests.data, status, search.kind]);
  const overdue = rows.filter((r) => deadline(r, now).state === 'overdue').length;
  const filtered = status !== 'open' || Boolean(search.kind);

  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={q.title}
        description={q.description}
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            {q.new}
          </Button>
        }
      />
      <Panel flush>
        <div className="privacy-filters">
          <SelectField
            label={q.status}
            value={status}
            onChange={(e) =>
              void navigate({
                search: {
                  ...search,
                  status:
                    e.target.value === 'all'
                      ? 'all'
                      : requestStatuses.find((value) => value === e.target.value),
                },
              })
            }
          >
            <option value="open">{q.open}</option>
            <option value="all">{q.all}</option>
            {requestStatuses.map((s) => (
              <option key={s} value={s}>
                {m.statuses[s]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={q.kind}
            value={search.kind ?? ''}
            onChange={(e) => void navigate({ search: { ...search, kind: e.target.value || undefined } })}
          >
            <option value="">{q.all}</option>
            {requestKinds.map((k) => (
              <option key={k} value={k}>
                {m.kinds[k]}
              </option>
            ))}
          </SelectField>
          {overdue > 0 ? (
            <Badge tone="danger" dot>
              {q.overdueCount(overdue)}
            </Badge>
          ) : null}
        </div>
        <DataTable
          caption={q.caption}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          muted={(r) => !isOpen(r.status)}
          onOpen={(r) => void navigate({ to: '/privacy/requests/$requestId', params: { requestId: r.id } })}
          query={requests}
          loadingLabel={q.loading}
          errorTitle={q.failed}
          empty={
            filtered ? (
              <EmptyState icon={<ShieldCheck />} title={q.emptyFiltered} />
            ) : (
              <EmptyState icon={<ShieldCheck />} title={q.emptyOpen}>
                {q.emptyOpenText}
              </EmptyState>
            )
          }
        />
      </Panel>
      {creating ? (
        <CreateRequestDialog
          customerId={search.customerId}
          onClose={() => {
            setCreating(false);
            if (search.customerId) void navigate({ search: { ...search, customerId: undefined } });
          }}
          onCreated={(created) => {
            toast.success(m.create.created);
            void queryClient.invalidateQueries({ queryKey: privacyKeys.all });
            setCreating(false);
            void navigate({ to: '/privacy/requests/$requestId', params: { requestId: created.id } });
          }}
        />
      ) : null}
    </div>
  );
}
