import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ChevronDown, ChevronRight, RefreshCw, ScrollText, ShieldAlert, ShieldCheck } from 'lucide-react';
import { Fragment, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '@/api/client';
import type { AuditEntry } from '@/api/types';
import { Alert } from '@/kit/Alert';
import { Button, IconButton } from '@/kit/Button';
import { DateTime } from '@/kit/DateTime';
import { SelectField, TextField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { EmptyState, ErrorState, QueryTableBody } from '@/kit/states';
import { useMessages } from '@/i18n';
import { actionLabel, auditMessages } from './audit.messages';
import type { AuditSearch } from './audit.search';
import '../admin.css';

const route = getRouteApi('/console/admin/audit');
const pageSize = 50;

/** datetime-local works in the reader's local time without a zone; the API wants an instant. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function ChainStatus() {
  const verify = useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: () => unwrap(api.GET('/api/v1/audit/verify')),
    staleTime: 0,
  });
  if (verify.isPending) {
    return (
      <Alert tone="info" title="Checking the chain…">
        Recomputing every entry’s hash.
      </Alert>
    );
  }
  if (verify.isError)
    return (
      <ErrorState
        error={verify.error}
        onRetry={() => void verify.refetch()}
        title="The chain could not be verified"
      />
    );
  const result = verify.data;
  const again = (
    <Button
      size="sm"
      icon={<RefreshCw aria-hidden="true" />}
      busy={verify.isFetching}
      onClick={() => void verify.refetch()}
    >
      Verify again
    </Button>
  );
  if (result.intact) {
    return (
      <div className="verify-banner">
        <Alert tone="success" icon={<ShieldCheck aria-hidden="true" />} title="The audit trail is intact">
          All {formatNumber(result.entries)} entries are present and unaltered: each one’s hash matches the
          one before it.
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
        title={`The chain is broken at entry #${result.firstBreak ? formatNumber(result.firstBreak.seq) : '?'}`}
      >
        {result.firstBreak ? `${result.firstBreak.reason}: ${result.firstBreak.detail}. ` : ''}
        Entries were edited or deleted outside Switchboard. Preserve the database and investigate.
      </Alert>
      {again}
    </div>
  );
}

function Filters({
  search,
  actors,
}: {
  search: AuditSearch;
  actors: readonly { id: string; label: string }[];
}) {
  const navigate = route.useNavigate();
  const [actor, setActor] = useState(search.actor ?? '');
  const [action, setAction] = useState(search.action ?? '');
  const [from, setFrom] = useState(toLocalInput(search.from));
  const [to, setTo] = useState(toLocalInput(search.to));
  const [error, setError] = useState<string>();
  const t = useMessages(auditMessages);
  // What people look for: a group (the API filters by an action prefix ending in a dot), or one action.
  const actionKinds = [
    ...Object.entries(t.groups).map(([value, label]) => ({ value, label })),
    ...Object.entries(t.actions).map(([value, label]) => ({ value, label: `· ${label}` })),
  ];

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    const fromIso = fromLocalInput(from);
    const toIso = fromLocalInput(to);
    if (fromIso && toIso && fromIso > toIso) {
      setError('“From” must be before “to”.');
      return;
    }
    setError(undefined);
    void navigate({
      search: { actor: actor || undefined, action: action || undefined, from: fromIso, to: toIso },
    });
  };
  const reset = () => {
    setActor('');
    setAction('');
    setFrom('');
    setTo('');
    setError(undefined);
    void navigate({ search: {} });
  };
  const knownActor = actors.some((a) => a.id === actor);
  const knownAction = actionKinds.some((k) => k.value === action);
  const filtered = Boolean(search.actor ?? search.action ?? search.from ?? search.to);

  return (
    <form className="toolbar" onSubmit={apply} aria-label="Filter the audit log">
      <SelectField label="Who" value={actor} onChange={(e) => setActor(e.target.value)}>
        <option value="">Anyone</option>
        {actors.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label}
          </option>
        ))}
        {actor && !knownActor ? <option value={actor}>{actor}</option> : null}
      </SelectField>
      <SelectField label="What" value={action} onChange={(e) => setAction(e.target.value)}>
        <option value="">Everything</option>
        {actionKinds.map((kind) => (
          <option key={kind.value} value={kind.value}>
            {kind.label}
          </option>
        ))}
        {action && !knownAction ? <option value={action}>{action}</option> : null}
      </SelectField>
      <TextField
        label="From"
        type="datetime-local"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={error}
      />
      <TextField label="To" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      <div className="toolbar__actions">
        {filtered ? (
          <Button variant="ghost" onClick={reset}>
            Clear filters
          </Button>
        ) : null}
        <Button type="submit" variant="primary">
          Apply
        </Button>
      </div>
    </form>
  );
}

function detailsText(entry: AuditEntry): string {
  const details = { ...entry.details, requestId: entry.requestId ?? undefined, entryId: entry.id };
  return JSON.stringify(details, null, 2);
}

export function AuditPage() {
  const search = route.useSearch();
  const canUsers = useCan('users:read');
  const canKeys = useCan('api_keys:read');
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
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const t = useMessages(auditMessages);
  const nextSteps: Readonly<Record<string, string>> = t.nextSteps;

  const entries = useInfiniteQuery({
    queryKey: ['audit', 'entries', search],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: {
            query: { ...search, limit: pageSize, ...(pageParam === undefined ? {} : { before: pageParam }) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });

  const names = new Map<string, string>([
    ...(users.data?.items.map((u) => [u.id, u.displayName ?? u.email] as const) ?? []),
    ...(keys.data?.items.map((k) => [k.id, `${k.name} (API key)`] as const) ?? []),
  ]);
  const actors = [...names]
    .map(([id, label]) => ({ id, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns = 6;

  return (
    <div className="stack">
      <PageHeader
        eyebrow="Administration"
        title="Audit log"
        description="Every sign-in, change of access and sensitive action in your organisation, newest first. Entries are chained by hash, so any edit or deletion shows."
      />
      <ChainStatus />
      <Panel flush>
        <Filters key={JSON.stringify(search)} search={search} actors={actors} />
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Target</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <QueryTableBody
              query={entries}
              columns={columns}
              loadingLabel="Loading audit entries"
              loadingRows={6}
              errorTitle="The audit log could not be loaded"
              isEmpty={items.length === 0}
              empty={
                <EmptyState icon={<ScrollText />} title="No entries match">
                  Nothing was recorded for these filters. Widen the dates or clear the filters.
                </EmptyState>
              }
            >
              {() => (
                <>
                  {items.map((entry) => {
                    const expanded = open.has(entry.id);
                    const failed = /failed|locked|reuse/.test(entry.action);
                    return (
                      <Fragment key={entry.id}>
                        <tr>
                          <td className="cell-actions">
                            <IconButton
                              label={`${expanded ? 'Hide' : 'Show'} details of entry ${entry.seq}`}
                              aria-expanded={expanded}
                              onClick={() => toggle(entry.id)}
                            >
                              {expanded ? (
                                <ChevronDown aria-hidden="true" />
                              ) : (
                                <ChevronRight aria-hidden="true" />
                              )}
                            </IconButton>
                          </td>
                          <td>
                            <DateTime value={entry.occurredAt} relative />
                          </td>
                          <td>
                            <span className="identity__text">
                              <span className="cell-primary">
                                {names.get(entry.actor.id) ?? entry.actor.id}
                              </span>
                              <span className="subtle">
                                {entry.actor.type === 'user' ? 'person' : entry.actor.type.replace('_', ' ')}
                              </span>
                            </span>
                          </td>
                          <td>
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
                          </td>
                          <td>
                            {entry.target ? (
                              names.has(entry.target.id) ? (
                                <span title={entry.target.id}>{names.get(entry.target.id)}</span>
                              ) : (
                                <span className="mono">{entry.target.id}</span>
                              )
                            ) : (
                              <span className="subtle">—</span>
                            )}
                          </td>
                          <td className="subtle mono">{entry.clientIp ?? '—'}</td>
                        </tr>
                        {expanded ? (
                          <tr className="audit-details">
                            <td />
                            <td colSpan={columns - 1}>
                              <pre>{detailsText(entry)}</pre>
                            </td>
                          </tr>
                        ) : null}
                      </Fragment>
                    );
                  })}
                </>
              )}
            </QueryTableBody>
          </table>
        </div>
        {entries.hasNextPage ? (
          <div className="table-footer">
            <Button busy={entries.isFetchingNextPage} onClick={() => void entries.fetchNextPage()}>
              Load older entries
            </Button>
          </div>
        ) : items.length > 0 ? (
          <div className="table-footer subtle">
            {formatNumber(items.length)} {items.length === 1 ? 'entry' : 'entries'} · no older ones
          </div>
        ) : null}
      </Panel>
    </div>
  );
}
