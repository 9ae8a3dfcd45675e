import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Eye, RotateCcw, ShieldCheck } from 'lucide-react';
import { useMemo, useState } from 'react';
import { api, unwrap } from '@/api/client';
import { isApiError, messageOf } from '@/api/problem';
import type { Schema } from '@/api/types';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { RecordDialog } from '@/kit/Dialog';
import { SelectField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { CategoryReason } from '@/kit/PlainReason';
import { EmptyState, LoadingBlock } from '@/kit/states';
import { ColumnChooser, DataTable, useColumnChoice, type Column } from '@/kit/data-table';
import { useMessages, type Translation } from '@/i18n';
import { toast } from '@/kit/toast';
import { formatBytes, prettyPayload, sourceLabel, sourceLabels } from '../calls.format';
import { quarantineCategories, quarantineMessages } from './quarantine.messages';
import type { QuarantineSearch } from './quarantine.search';
import '../calls.css';

const route = getRouteApi('/console/calls/quarantine');
const pageSize = 50;

type Item = Schema<'QuarantinedPayload'>;
type Messages = Translation<(typeof quarantineMessages)['en']>;

export const quarantineKey = ['calls', 'quarantine'] as const;

function StatusBadge({ item }: { item: Item }) {
  const t = useMessages(quarantineMessages);
  return item.status === 'replayed' ? (
    <Badge tone="success" dot>
      {t.statusReplayed}
    </Badge>
  ) : (
    <Badge tone="warning" dot>
      {t.statusOpen}
    </Badge>
  );
}

/** The category in plain words, what to do next, and the connector's own sentence behind a disclosure. */
function Why({ item, t, compact = false }: { item: Item; t: Messages; compact?: boolean }) {
  return (
    <CategoryReason
      category={item.category}
      words={t}
      technical={item.reason}
      compact={compact}
      extra={
        <>
          {item.field ? <span className="subtle">{t.field(item.field)}</span> : null}
          {compact && item.lastReplayError && item.status === 'open' ? (
            <span className="subtle quarantine-reason" title={item.lastReplayError}>
              {t.replayFailed(formatNumber(item.replayAttempts), item.lastReplayError)}
            </span>
          ) : null}
        </>
      }
    />
  );
}

type Payload =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'shown'; text: string }
  | { kind: 'failed'; message: string };

/** One quarantined payload: why it failed, where it is; the bytes only when asked for (viewing them is audited). */
function ItemDialog({
  item,
  onClose,
  onReplay,
  replaying,
}: {
  item: Item;
  onClose: () => void;
  onReplay: (item: Item) => void;
  replaying: boolean;
}) {
  const [payload, setPayload] = useState<Payload>({ kind: 'idle' });
  const t = useMessages(quarantineMessages);
  const d = t.dialog;
  const show = async () => {
    setPayload({ kind: 'loading' });
    try {
      const text = await unwrap(
        api.GET('/api/v1/calls/quarantine/{quarantineId}/raw', {
          params: { path: { quarantineId: item.id } },
          parseAs: 'text',
        }),
      );
      setPayload({ kind: 'shown', text: prettyPayload(text).text });
    } catch (error) {
      setPayload({ kind: 'failed', message: messageOf(error) });
    }
  };
  return (
    <RecordDialog
      title={d.title}
      id={item.id}
      onClose={onClose}
      facts={
        <>
          <dt>{d.why}</dt>
          <dd>
            <Why item={item} t={t} />
          </dd>
          <dt>{d.source}</dt>
          <dd>{sourceLabel(item.source)}</dd>
          <dt>{d.received}</dt>
          <dd>
            <DateTime value={item.receivedAt} />
          </dd>
          <dt>{d.status}</dt>
          <dd>
            <span className="cluster">
              <StatusBadge item={item} />
              {item.replayedAt ? (
                <span className="subtle">
                  <DateTime value={item.replayedAt} relative />
                </span>
              ) : null}
            </span>
          </dd>
          <dt>{d.attempts}</dt>
          <dd>{formatNumber(item.replayAttempts)}</dd>
          {item.lastReplayError ? (
            <>
              <dt>{d.lastFailed}</dt>
              <dd>{item.lastReplayError}</dd>
            </>
          ) : null}
          <dt>{d.size}</dt>
          <dd>{formatBytes(item.rawBytes)}</dd>
          {item.rawObjectKey ? (
            <>
              <dt>{d.archive}</dt>
              <dd className="mono">{item.rawObjectKey}</dd>
            </>
          ) : null}
          {item.rawSha256 ? (
            <>
              <dt>{d.sha256}</dt>
              <dd className="mono">{item.rawSha256}</dd>
            </>
          ) : null}
        </>
      }
      footer={
        <>
          <Button onClick={onClose}>{d.close}</Button>
          {item.status === 'open' ? (
            <Button
              variant="primary"
              icon={<RotateCcw aria-hidden="true" />}
              busy={replaying}
              onClick={() => onReplay(item)}
            >
              {t.replay}
            </Button>
          ) : null}
        </>
      }
    >
      {payload.kind === 'idle' ? (
        <div>
          <Button size="sm" icon={<Eye aria-hidden="true" />} onClick={() => void show()}>
            {d.show}
          </Button>
          <p className="hint">{d.audited}</p>
        </div>
      ) : payload.kind === 'loading' ? (
        <LoadingBlock label={d.loading} />
      ) : payload.kind === 'failed' ? (
        <Alert tone="danger" title={d.notShown}>
          {payload.message}
        </Alert>
      ) : (
        <pre className="payload-text" tabIndex={0} aria-label={d.payload} data-testid="quarantine-payload">
          {payload.text}
        </pre>
      )}
    </RecordDialog>
  );
}

function itemColumns(
  t: Messages,
  actions: {
    open: (item: Item) => void;
    replay: (item: Item) => void;
    replaying: (item: Item) => boolean;
    busy: boolean;
  },
): readonly Column<Item>[] {
  const at = (item: Item) => new Date(item.receivedAt).toLocaleString();
  return [
    {
      id: 'received',
      label: t.columns.received,
      cell: (item) => <DateTime value={item.receivedAt} relative />,
      width: '130px',
    },
    { id: 'source', label: t.columns.source, cell: (item) => sourceLabel(item.source), width: '130px' },
    { id: 'why', label: t.columns.why, cell: (item) => <Why item={item} t={t} compact />, hideable: false },
    { id: 'status', label: t.columns.status, cell: (item) => <StatusBadge item={item} />, width: '110px' },
    {
      id: 'size',
      label: t.columns.size,
      cell: (item) => <span className="subtle nowrap">{formatBytes(item.rawBytes)}</span>,
      align: 'end',
      width: '90px',
      hiddenByDefault: true,
    },
    {
      id: 'actions',
      label: t.columns.actions,
      hideable: false,
      align: 'end',
      width: '190px',
      cell: (item) => (
        <span className="cluster quarantine-actions">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => actions.open(item)}
            aria-label={t.detailsOf(sourceLabel(item.source), at(item))}
          >
            {t.details}
          </Button>
          {item.status === 'open' ? (
            <Button
              size="sm"
              icon={<RotateCcw aria-hidden="true" />}
              busy={actions.replaying(item)}
              disabled={actions.busy}
              onClick={() => actions.replay(item)}
              aria-label={t.replayOf(sourceLabel(item.source), at(item))}
            >
              {t.replay}
            </Button>
          ) : null}
        </span>
      ),
    },
  ];
}

export function QuarantinePage() {
  const t = useMessages(quarantineMessages);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const [openId, setOpenId] = useState<string>();
  const [remembered, remember] = useColumnChoice('quarantine');

  const list = useInfiniteQuery({
    queryKey: [...quarantineKey, search],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/calls/quarantine', {
          params: {
            query: {
              ...(search.status === 'all' ? {} : { status: search.status }),
              ...(search.source ? { source: search.source } : {}),
              ...(search.category ? { category: search.category } : {}),
              limit: pageSize,
              ...(pageParam === undefined ? {} : { cursor: pageParam }),
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  // How many wait per category: the filter's counts and the table's total.
  const summaryStatus = search.status === 'all' ? undefined : search.status;
  const summary = useQuery({
    queryKey: [...quarantineKey, 'summary', summaryStatus, search.source],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/calls/quarantine/summary', {
          params: {
            query: {
              ...(summaryStatus ? { status: summaryStatus } : {}),
              ...(search.source ? { source: search.source } : {}),
            },
          },
          signal,
        }),
      ),
    enabled: summaryStatus !== undefined,
  });
  const counts = new Map(summary.data?.categories.map((c) => [c.category, c.count]) ?? []);
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const opened = items.find((item) => item.id === openId);

  const replay = useMutation({
    mutationFn: (item: Item) =>
      unwrap(
        api.POST('/api/v1/calls/quarantine/{quarantineId}/replay', {
          params: { path: { quarantineId: item.id } },
        }),
      ),
    onSuccess: (outcome) => {
      toast.success(
        t.toast.replayed,
        t.toast.indexed(outcome.callIds.length, formatNumber(outcome.created), formatNumber(outcome.updated)),
      );
      setOpenId(undefined);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 422) toast.error(t.toast.stillFailing, error.message);
      else if (isApiError(error) && error.status === 409) toast.info(t.toast.already, t.toast.alreadyText);
      else toast.error(t.toast.failed, messageOf(error));
    },
    // Success or not, the item changed (status, attempts, last error).
    onSettled: () => queryClient.invalidateQueries({ queryKey: quarantineKey }),
  });
  const replaying = (item: Item) => replay.isPending && replay.variables.id === item.id;
  const columns = itemColumns(t, {
    open: (item) => setOpenId(item.id),
    replay: (item) => replay.mutate(item),
    replaying,
    busy: replay.isPending,
  });

  const filtered = search.status !== 'open' || Boolean(search.source) || Boolean(search.category);
  const setSearch = (next: Partial<QuarantineSearch>) =>
    void navigate({ search: (current) => ({ ...current, ...next }) });
  const total = search.category ? counts.get(search.category) : summary.data?.total;
  const shown = formatNumber(items.length);

  return (
    <div className="stack calls-stack">
      <PageHeader eyebrow={t.eyebrow} title={t.title} description={t.description} />
      <Panel flush>
        <div className="toolbar" role="group" aria-label={t.filters.label}>
          <SelectField
            label={t.filters.status}
            value={search.status}
            onChange={(e) => setSearch({ status: e.target.value as QuarantineSearch['status'] })}
          >
            <option value="open">{t.filters.open}</option>
            <option value="replayed">{t.filters.replayed}</option>
            <option value="all">{t.filters.all}</option>
          </SelectField>
          <SelectField
            label={t.filters.source}
            value={search.source ?? ''}
            onChange={(e) => setSearch({ source: e.target.value || undefined })}
          >
            <option value="">{t.filters.allSources}</option>
            {Object.entries(sourceLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            {search.source && !(search.source in sourceLabels) ? (
              <option value={search.source}>{search.source}</option>
            ) : null}
          </SelectField>
          <SelectField
            label={t.filters.category}
            value={search.category ?? ''}
            onChange={(e) =>
              setSearch({ category: (e.target.value || undefined) as QuarantineSearch['category'] })
            }
          >
            <option value="">{t.filters.allCategories}</option>
            {quarantineCategories.map((category) => (
              <option key={category} value={category}>
                {counts.has(category)
                  ? `${t.categories[category]} (${formatNumber(counts.get(category) ?? 0)})`
                  : t.categories[category]}
              </option>
            ))}
          </SelectField>
          <div className="toolbar__actions">
            <ColumnChooser columns={columns} shown={remembered} onChange={remember} />
          </div>
        </div>
        <DataTable
          caption={t.caption}
          columns={columns}
          shown={remembered}
          rows={items}
          rowKey={(item) => item.id}
          onOpen={(item) => setOpenId(item.id)}
          muted={(item) => item.status === 'replayed'}
          query={list}
          loadingLabel={t.loading}
          errorTitle={t.failed}
          empty={
            filtered ? (
              <EmptyState
                icon={<ShieldCheck />}
                title={t.emptyFiltered}
                action={
                  <Link to="/calls/quarantine" search={{ status: 'open' }}>
                    {t.showOpen}
                  </Link>
                }
              />
            ) : (
              <EmptyState icon={<ShieldCheck />} title={t.empty}>
                {t.emptyText}
              </EmptyState>
            )
          }
          paging={{
            hasMore: list.hasNextPage,
            loadingMore: list.isFetchingNextPage,
            onLoadMore: () => void list.fetchNextPage(),
          }}
          summary={
            items.length === 0
              ? undefined
              : total !== undefined && !search.source
                ? t.shownOf(shown, formatNumber(total))
                : t.shown(shown, items.length)
          }
        />
      </Panel>
      {opened ? (
        <ItemDialog
          key={opened.id}
          item={opened}
          onClose={() => setOpenId(undefined)}
          onReplay={(item) => replay.mutate(item)}
          replaying={replaying(opened)}
        />
      ) : null}
    </div>
  );
}
