import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { RefreshCw, ScrollText, ShieldAlert, ShieldCheck } from 'lucide-react';
import { useMemo, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { AuditEntry } from '@/api/types';
import { useMessages, type Translation } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import {
  ColumnChooser,
  DataTable,
  DateRangeField,
  fromZonedText,
  presetRange,
  toZonedText,
  useColumnChoice,
  useTenantTimeZoneState,
  type Column,
  type RangeInput,
} from '@/kit/data-table';
import { DateTime } from '@/kit/DateTime';
import { SelectField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { EmptyState, ErrorState } from '@/kit/states';
import { actionLabel, auditMessages } from './audit.messages';
import type { AuditSearch } from './audit.search';
import '../admin.css';

const route = getRouteApi('/console/admin/audit');
const pageSize = 50;

type Messages = Translation<(typeof auditMessages)['en']>;

function ChainStatus({ t }: { t: Messages }) {
  const c = t.chain;
  const verify = useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: () => unwrap(api.GET('/api/v1/audit/verify')),
    staleTime: 0,
  });
  if (verify.isPending) {
    return (
      <Alert tone="info" title={c.checking}>
        {c.checkingText}
      </Alert>
    );
  }
  if (verify.isError)
    return <ErrorState error={verify.error} onRetry={() => void verify.refetch()} title={c.failed} />;
  const result = verify.data;
  const again = (
    <Button
      size="sm"
      icon={<RefreshCw aria-hidden="true" />}
      busy={verify.isFetching}
      onClick={() => void verify.refetch()}
    >
      {c.again}
    </Button>
  );
  if (result.intact) {
    return (
      <div className="verify-banner">
        <Alert tone="success" icon={<ShieldCheck aria-hidden="true" />} title={c.intact}>
          {c.intactText(formatNumber(result.entries))}
        </Alert>
        {again}
      </div>
    );
  }
  return (
    <div className="verify-banner">
      <Alert
        tone="danger"
        icon={<ShieldAlert aria-hidden="true" />}
        title={c.broken(result.firstBreak ? formatNumber(result.firstBreak.seq) : '?')}
      >
        {result.firstBreak ? `${result.firstBreak.reason}: ${result.firstBreak.detail}. ` : ''}
        {c.brokenText}
      </Alert>
      {again}
    </div>
  );
}

/** The period as the form holds it, from the address. */
function rangeInput(search: AuditSearch, timeZone: string): RangeInput {
  if (search.range) return { preset: search.range, from: '', to: '' };
  if (search.from ?? search.to)
    return {
      preset: 'custom',
      from: toZonedText(search.from, timeZone),
      to: toZonedText(search.to, timeZone),
    };
  return { preset: '', from: '', to: '' };
}

/** The instants the API is asked for: a preset is resolved now, in the tenant's zone. */
function period(search: AuditSearch, timeZone: string): { from?: string; to?: string } {
  if (search.range) return presetRange(search.range, timeZone);
  return { ...(search.from ? { from: search.from } : {}), ...(search.to ? { to: search.to } : {}) };
}

function Filters({
  search,
  actors,
  timeZone,
  t,
}: {
  search: AuditSearch;
  actors: readonly { id: string; label: string }[];
  timeZone: string;
  t: Messages;
}) {
  const navigate = route.useNavigate();
  const f = t.filters;
  const [actor, setActor] = useState(search.actor ?? '');
  const [action, setAction] = useState(search.action ?? '');
  const [range, setRange] = useState<RangeInput>(() => rangeInput(search, timeZone));
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  // What people look for: a group (the API filters by an action prefix ending in a dot), or one action.
  const actionKinds = [
    ...Object.entries(t.groups).map(([value, label]) => ({ value, label })),
    ...Object.entries(t.actions).map(([value, label]) => ({ value, label: `· ${label}` })),
  ];

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    let dates: Pick<AuditSearch, 'range' | 'from' | 'to'> = {};
    if (range.preset === 'custom') {
      const from = range.from.trim() ? fromZonedText(range.from, timeZone, 'from') : undefined;
      const to = range.to.trim() ? fromZonedText(range.to, timeZone, 'to') : undefined;
      const next = {
        from: range.from.trim() && !from ? f.notADate : undefined,
        to: range.to.trim() && !to ? f.notADate : from && to && from > to ? f.fromBeforeTo : undefined,
      };
      if (next.from ?? next.to) {
        setErrors(next);
        return;
      }
      dates = { from, to };
    } else if (range.preset) dates = { range: range.preset };
    setErrors({});
    void navigate({ search: { actor: actor || undefined, action: action || undefined, ...dates } });
  };
  const reset = () => {
    setActor('');
    setAction('');
    setRange({ preset: '', from: '', to: '' });
    setErrors({});
    void navigate({ search: {} });
  };
  const knownActor = actors.some((a) => a.id === actor);
  const knownAction = actionKinds.some((k) => k.value === action);
  const filtered = Boolean(search.actor ?? search.action ?? search.range ?? search.from ?? search.to);

  return (
    <form className="toolbar" onSubmit={apply} aria-label={f.label}>
      <SelectField label={f.who} value={actor} onChange={(e) => setActor(e.target.value)}>
        <option value="">{f.anyone}</option>
        {actors.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label}
          </option>
        ))}
        {actor && !knownActor ? <option value={actor}>{actor}</option> : null}
      </SelectField>
      <SelectField label={f.what} value={action} onChange={(e) => setAction(e.target.value)}>
        <option value="">{f.everything}</option>
        {actionKinds.map((kind) => (
          <option key={kind.value} value={kind.value}>
            {kind.label}
          </option>
        ))}
        {action && !knownAction ? <option value={action}>{action}</option> : null}
      </SelectField>
      <DateRangeField value={range} onChange={setRange} timeZone={timeZone} errors={errors} />
      <div className="toolbar__actions">
        {filtered ? (
          <Button variant="ghost" onClick={reset}>
            {f.clear}
          </Button>
        ) : null}
        <Button type="submit" variant="primary">
          {f.apply}
        </Button>
      </div>
    </form>
  );
}

function detailsText(entry: AuditEntry): string {
  const details = { ...entry.details, requestId: entry.requestId ?? undefined, entryId: entry.id };
  return JSON.stringify(details, null, 2);
}

function entryColumns(t: Messages, names: ReadonlyMap<string, string>): readonly Column<AuditEntry>[] {
  const nextSteps: Readonly<Record<string, string>> = t.nextSteps;
  const actorTypes: Readonly<Record<string, string>> = t.actorTypes;
  return [
    {
      id: 'when',
      label: t.columns.when,
      width: '140px',
      cell: (entry) => <DateTime value={entry.occurredAt} relative />,
    },
    {
      id: 'who',
      label: t.columns.who,
      cell: (entry) => (
        <span className="identity__text">
          <span className="cell-primary">{names.get(entry.actor.id) ?? entry.actor.id}</span>
          <span className="subtle">{actorTypes[entry.actor.type] ?? entry.actor.type.replace('_', ' ')}</span>
        </span>
      ),
    },
    {
      id: 'what',
      label: t.columns.what,
      hideable: false,
      cell: (entry) => {
        const failed = /failed|locked|reuse/.test(entry.action);
        return (
          <span className="identity__text">
            <span className={failed ? 'audit-action audit-action--failed' : 'audit-action'}>
              {actionLabel(t.actions, entry.action)}
            </span>
            <span className="subtle mono">{entry.action}</span>
            {nextSteps[entry.action] ? (
              <span className="subtle">
                {t.nextStepLabel}: {nextSteps[entry.action]}
              </span>
            ) : null}
          </span>
        );
      },
    },
    {
      id: 'target',
      label: t.columns.target,
      cell: (entry) =>
        entry.target ? (
          names.has(entry.target.id) ? (
            <span title={entry.target.id}>{names.get(entry.target.id)}</span>
          ) : (
            <span className="mono">{entry.target.id}</span>
          )
        ) : (
          <span className="subtle">—</span>
        ),
    },
    {
      id: 'from',
      label: t.columns.from,
      hiddenByDefault: true,
      cell: (entry) => <span className="subtle mono">{entry.clientIp ?? '—'}</span>,
    },
    {
      id: 'details',
      label: t.columns.details,
      cell: (entry) => (
        <details className="audit-entry-details">
          <summary>{t.showDetails}</summary>
          <pre>{detailsText(entry)}</pre>
        </details>
      ),
    },
  ];
}

export function AuditPage() {
  const t = useMessages(auditMessages);
  const search = route.useSearch();
  const { timeZone, settled } = useTenantTimeZoneState();
  const canUsers = useCan('users:read');
  const canKeys = useCan('api_keys:read');
  const [remembered, remember] = useColumnChoice('audit');
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => unwrap(api.GET('/api/v1/users')),
    enabled: canUsers,
  });
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => unwrap(api.GET('/api/v1/api-keys')),
    enabled: canKeys,
  });

  const entries = useInfiniteQuery({
    queryKey: ['audit', 'entries', search, ...(search.range ? [timeZone] : [])],
    // A preset means days of the tenant's zone: wait until it is known.
    enabled: settled || !search.range,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              ...(search.actor ? { actor: search.actor } : {}),
              ...(search.action ? { action: search.action } : {}),
              ...period(search, timeZone),
              limit: pageSize,
              ...(pageParam === undefined ? {} : { before: pageParam }),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });

  const names = useMemo(
    () =>
      new Map<string, string>([
        ...(users.data?.items.map((u) => [u.id, u.displayName ?? u.email] as const) ?? []),
        ...(keys.data?.items.map((k) => [k.id, t.apiKey(k.name)] as const) ?? []),
      ]),
    [users.data, keys.data, t],
  );
  const actors = [...names]
    .map(([id, label]) => ({ id, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const columns = entryColumns(t, names);
  const count = formatNumber(items.length);

  return (
    <div className="stack">
      <PageHeader eyebrow={t.page.eyebrow} title={t.page.title} description={t.page.description} />
      <ChainStatus t={t} />
      <Panel flush>
        <Filters
          key={`${JSON.stringify(search)}|${timeZone}`}
          search={search}
          actors={actors}
          timeZone={timeZone}
          t={t}
        />
        <div className="toolbar">
          <div className="toolbar__actions">
            <ColumnChooser columns={columns} shown={remembered} onChange={remember} />
          </div>
        </div>
        <DataTable
          caption={t.caption}
          columns={columns}
          shown={remembered}
          rows={items}
          rowKey={(entry) => entry.id}
          query={entries}
          loadingLabel={t.loading}
          errorTitle={t.failed}
          empty={
            <EmptyState icon={<ScrollText />} title={t.empty}>
              {t.emptyText}
            </EmptyState>
          }
          paging={{
            hasMore: entries.hasNextPage,
            loadingMore: entries.isFetchingNextPage,
            onLoadMore: () => void entries.fetchNextPage(),
          }}
          summary={
            items.length === 0
              ? undefined
              : entries.hasNextPage
                ? t.shown(count, items.length === 1)
                : t.noOlder(count, items.length === 1)
          }
        />
      </Panel>
    </div>
  );
}
