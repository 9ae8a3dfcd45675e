import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Layers } from 'lucide-react';
import { useMemo } from 'react';
import { useMessages } from '@/i18n';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { customerKeys, customersApi, type Segment } from '../customers.api';
import { customersMessages } from '../customers.messages';
import '../customers.css';

export function SegmentsPage() {
  const m = useMessages(customersMessages);
  const s = m.segments;
  const navigate = useNavigate();
  const canWrite = useCan('customers:write');
  const segments = useQuery({
    queryKey: customerKeys.segments,
    queryFn: ({ signal }) => customersApi.segments(signal),
  });
  const columns = useMemo(
    (): readonly Column<Segment>[] => [
      {
        id: 'name',
        label: s.columns.name,
        hideable: false,
        cell: (segment) => (
          <Link to="/customers/segments/$segmentId" params={{ segmentId: segment.id }}>
            {segment.name}
          </Link>
        ),
      },
      { id: 'description', label: s.columns.description, cell: (segment) => segment.description ?? '—' },
      {
        id: 'updated',
        label: s.columns.updated,
        width: '170px',
        cell: (segment) => <TimeCell value={segment.updatedAt} />,
      },
    ],
    [s],
  );
  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.eyebrow}
        title={s.title}
        description={s.description}
        actions={
          canWrite ? (
            <Link
              to="/customers/segments/$segmentId"
              params={{ segmentId: 'new' }}
              className="btn btn--primary"
            >
              {s.new}
            </Link>
          ) : undefined
        }
      />
      <Panel flush>
        <DataTable
          caption={s.caption}
          columns={columns}
          rows={segments.data ?? []}
          rowKey={(segment) => segment.id}
          onOpen={(segment) =>
            void navigate({ to: '/customers/segments/$segmentId', params: { segmentId: segment.id } })
          }
          query={segments}
          loadingLabel={s.loading}
          errorTitle={s.failed}
          empty={
            <EmptyState icon={<Layers />} title={s.empty}>
              {s.emptyText}
            </EmptyState>
          }
        />
      </Panel>
    </div>
  );
}
