import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Download, Users } from 'lucide-react';
import { useCallback, useMemo, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import {
  DataTable,
  FilterActions,
  FiltersNotApplied,
  refusedFilters,
  TimeCell,
  unlessRefused,
  type Column,
} from '@/kit/data-table';
import { downloadFromApi } from '@/kit/download';
import { SelectField, TextField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { toast } from '@/kit/toast';
import { exportPath, leadStatuses, leadsKeys, type LeadSummary, type LeadsQuery } from '../leads.api';
import { leadsMessages, outboundWords } from '../leads.messages';
import { useLeadLists } from '../lists/lists.page';
import { LeadDialog } from './LeadDialog';
import '../leads.css';

const route = getRouteApi('/console/outbound/leads');
const pageSize = 100;
type FilterField = 'listId' | 'status' | 'region' | 'phone' | 'email';
const filterFields: readonly FilterField[] = ['listId', 'status', 'region', 'phone', 'email'];
type Filters = Partial<Record<FilterField, string>>;

function toQuery(filters: Filters): LeadsQuery {
  const query: Record<string, string> = {};
  for (const field of filterFields) {
    const value = filters[field]?.trim();
    if (value) query[field] = field === 'region' ? value.toUpperCase() : value;
  }
  return query;
}

/** Every lead of the tenant's lists, newest first, keyset-paged; filters; the CSV export (`leads:export`). */
export function LeadsPage() {
  const m = useMessages(leadsMessages);
  const words = useMessages(outboundWords);
  const lists = useLeadLists();
  const [applied, setApplied] = useState<LeadsQuery>({});
  const [draft, setDraft] = useState<Filters>({});
  // The open lead lives in the address (`?leadId=`): a link can open it, and Back closes it.
  const opened = route.useSearch().leadId;
  const navigate = route.useNavigate();
  const setOpened = (leadId: string | undefined) => void navigate({ search: leadId ? { leadId } : {} });
  const [exporting, setExporting] = useState(false);

  const leads = useInfiniteQuery({
    queryKey: leadsKeys.leads(applied),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/campaigns/leads', {
          params: { query: { ...applied, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = useMemo(() => leads.data?.pages.flatMap((page) => page.leads) ?? [], [leads.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = leads;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const listName = useMemo(() => new Map((lists.data?.lists ?? []).map((l) => [l.id, l.name])), [lists.data]);
  const refused = refusedFilters(leads.error, filterFields);
  const filtered = Object.keys(applied).length > 0;

  const set = (field: FilterField) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    setApplied(toQuery(draft));
  };
  const clear = () => {
    setDraft({});
    setApplied({});
  };
  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadFromApi(exportPath(applied.listId), 'leads.csv');
      toast.success(m.exported);
    } catch (error) {
      toast.error(m.exportFailed, messageOf(error));
    } finally {
      setExporting(false);
    }
  };

  const columns: Column<LeadSummary>[] = [
    {
      id: 'phone',
      label: m.columns.phone,
      hideable: false,
      cell: (l) => (
        <button
          type="button"
          className="link-button mono"
          aria-label={m.open(l.phone)}
          onClick={() => setOpened(l.id)}
        >
          {l.phone}
        </button>
      ),
    },
    { id: 'status', label: m.columns.status, cell: (l) => <Badge>{words.status[l.status]}</Badge> },
    {
      id: 'region',
      label: m.columns.region,
      cell: (l) => [l.region, l.subdivision].filter(Boolean).join(' · ') || words.none,
    },
    {
      id: 'timeZone',
      label: m.columns.timeZone,
      cell: (l) =>
        l.timeZone ?? (l.timeZoneCandidates.length ? m.zones(l.timeZoneCandidates.length) : words.none),
    },
    { id: 'list', label: m.columns.list, cell: (l) => listName.get(l.listId) ?? l.listId },
    {
      id: 'created',
      label: m.columns.created,
      className: 'subtle',
      cell: (l) => <TimeCell value={l.createdAt} />,
    },
  ];

  return (
    <div className="stack">
      <PageHeader
        eyebrow={words.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Can permission="leads:export">
            <Button icon={<Download aria-hidden="true" />} busy={exporting} onClick={() => void exportCsv()}>
              {m.export}
            </Button>
          </Can>
        }
      />
      <Panel flush>
        <form
          className="toolbar list-filters"
          onSubmit={apply}
          role="search"
          aria-label={m.caption}
          noValidate
        >
          <div className="list-filters__row">
            <SelectField
              label={m.filters.list}
              value={draft.listId ?? ''}
              onChange={(e) => set('listId')(e.target.value)}
              error={refused.listId}
            >
              <option value="">{m.filters.anyList}</option>
              {(lists.data?.lists ?? []).map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={m.filters.status}
              value={draft.status ?? ''}
              onChange={(e) => set('status')(e.target.value)}
              error={refused.status}
            >
              <option value="">{m.filters.anyStatus}</option>
              {leadStatuses.map((s) => (
                <option key={s} value={s}>
                  {words.status[s]}
                </option>
              ))}
            </SelectField>
            <TextField
              label={m.filters.region}
              hint={m.filters.regionHint}
              value={draft.region ?? ''}
              onChange={(e) => set('region')(e.target.value)}
              maxLength={2}
              error={refused.region}
            />
          </div>
          <div className="list-filters__row">
            <TextField
              label={m.filters.phone}
              hint={m.filters.phoneHint}
              inputMode="tel"
              value={draft.phone ?? ''}
              onChange={(e) => set('phone')(e.target.value)}
              maxLength={64}
              error={refused.phone}
            />
            <TextField
              label={m.filters.email}
              type="email"
              value={draft.email ?? ''}
              onChange={(e) => set('email')(e.target.value)}
              maxLength={320}
              error={refused.email}
            />
            <FilterActions filtered={filtered} onClear={clear} className="list-filters__actions" />
          </div>
          <FiltersNotApplied errors={refused} />
        </form>
        <DataTable
          caption={m.caption}
          columns={columns}
          rows={rows}
          rowKey={(l) => l.id}
          onOpen={(l) => setOpened(l.id)}
          query={unlessRefused(leads, refused)}
          loadingLabel={m.loading}
          errorTitle={m.failed}
          paging={{ hasMore: hasNextPage, loadingMore: isFetchingNextPage, onLoadMore: loadMore }}
          summary={rows.length ? m.shown(formatNumber(rows.length)) : undefined}
          empty={
            <EmptyState icon={<Users />} title={m.emptyTitle}>
              {filtered ? m.emptyFiltered : m.emptyBody}
            </EmptyState>
          }
        />
      </Panel>
      {opened ? <LeadDialog leadId={opened} onClose={() => setOpened(undefined)} /> : null}
    </div>
  );
}
