import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, RefreshCw, Trash2 } from 'lucide-react';
import { Fragment, useEffect, useState, type SyntheticEvent } from 'react';
import { messageOf } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { Button, IconButton } from '@/kit/Button';
import { FormError, SelectField, SwitchField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { formatDateTime, formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import {
  catalogKeys,
  erpSyncKinds,
  getErpConnection,
  getErpSync,
  listErpSyncs,
  saveErpConnection,
  startErpSync,
  type CircuitState,
  type ErpConnection,
  type ErpSyncKind,
  type ErpSyncReport,
  type ErpSyncState,
} from '../catalog.api';
import { catalogWords, erpMessages } from '../catalog.messages';
import { rowId } from '../products/product-form';
import { useLocations } from '../inventory/inventory.page';
import '../catalog.css';

export const syncPollMs = 1_500;

const circuitTones: Record<CircuitState, BadgeTone> = {
  closed: 'success',
  open: 'danger',
  half_open: 'warning',
};
const syncTones: Record<ErpSyncState, BadgeTone> = {
  running: 'info',
  succeeded: 'success',
  failed: 'danger',
};

/** The ERP connection (endpoint, schedule, warehouse map, write-only credentials), syncs and reports. */
export function ErpPage() {
  const m = useMessages(erpMessages);
  const words = useMessages(catalogWords);
  const connection = useQuery({ queryKey: catalogKeys.erp, queryFn: getErpConnection });
  return (
    <div className="stack">
      <PageHeader
        eyebrow={words.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          connection.data ? (
            <span aria-label={m.circuitLabel} role="status">
              <Badge tone={circuitTones[connection.data.circuit]} dot>
                {m.circuit[connection.data.circuit]}
              </Badge>{' '}
              <span className="subtle">
                {connection.data.circuitAt
                  ? m.circuitSince(formatDateTime(connection.data.circuitAt))
                  : m.circuitUntried}
              </span>
            </span>
          ) : null
        }
      />
      {connection.isPending ? (
        <LoadingBlock label={m.loading} />
      ) : connection.isError ? (
        <ErrorState error={connection.error} title={m.failed} onRetry={() => void connection.refetch()} />
      ) : (
        <>
          <Syncs connection={connection.data} />
          <ConnectionForm key={JSON.stringify(connection.data.locationMap)} connection={connection.data} />
        </>
      )}
      <Reports />
    </div>
  );
}

interface WarehouseRow {
  readonly id: string;
  readonly warehouse: string;
  readonly locationId: string;
}

function ConnectionForm({ connection }: { readonly connection: ErpConnection }) {
  const m = useMessages(erpMessages);
  const words = useMessages(catalogWords);
  const queryClient = useQueryClient();
  const locations = useLocations();
  const [endpoint, setEndpoint] = useState(connection.endpoint);
  const [enabled, setEnabled] = useState(connection.enabled);
  const [interval, setIntervalText] = useState(String(connection.intervalMinutes));
  const [rows, setRows] = useState<WarehouseRow[]>(() =>
    Object.entries(connection.locationMap).map(([warehouse, locationId]) => ({
      id: rowId(),
      warehouse,
      locationId,
    })),
  );
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useForm<string>([
    'endpoint',
    'enabled',
    'intervalMinutes',
    'locationMap',
    'username',
    'password',
  ]);

  const save = useMutation({
    mutationFn: saveErpConnection,
    onSuccess: (saved) => {
      toast.success(m.saved);
      setUsername('');
      setPassword('');
      queryClient.setQueryData(catalogKeys.erp, saved);
    },
    onError: (error) => form.refuse(error),
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!endpoint.trim()) problems.endpoint = m.endpointMissing;
    const minutes = /^\d{1,6}$/.test(interval.trim()) ? Number(interval.trim()) : NaN;
    if (!(minutes >= 1)) problems.intervalMinutes = m.intervalInvalid;
    const locationMap: Record<string, string> = {};
    for (const row of rows) {
      const warehouse = row.warehouse.trim();
      if (!warehouse) problems[`warehouse.${row.id}`] = m.warehouseMissing;
      else if (warehouse in locationMap) problems[`warehouse.${row.id}`] = m.warehouseTwice;
      if (!row.locationId) problems[`location.${row.id}`] = m.chooseLocation;
      if (warehouse && row.locationId) locationMap[warehouse] = row.locationId;
    }
    if (!form.check({ endpoint }, problems)) return;
    save.mutate({
      endpoint: endpoint.trim(),
      enabled,
      intervalMinutes: minutes,
      locationMap,
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
    });
  };
  const setRow = (id: string, change: Partial<WarehouseRow>, field: string) => {
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...change } : row)));
    form.clear(field);
  };
  // A server error on `locationMap.<warehouse>` goes on that row's location.
  const rowError = (row: WarehouseRow, part: 'warehouse' | 'location') =>
    form.errors[`${part}.${row.id}`] ??
    (part === 'location' ? form.errors[`locationMap.${row.warehouse.trim()}`] : undefined);

  return (
    <Panel title={m.connection}>
      <form id={form.id} onSubmit={submit} noValidate className="form">
        <FormError message={form.formError} />
        <TextField
          label={m.endpoint}
          type="url"
          value={endpoint}
          onChange={(e) => {
            setEndpoint(e.target.value);
            form.clear('endpoint');
          }}
          error={form.errors.endpoint}
          maxLength={2000}
          className="input--mono"
        />
        <div className="form-row">
          <SwitchField
            label={m.enabled}
            description={m.enabledHint}
            checked={enabled}
            onCheckedChange={setEnabled}
          />
          <TextField
            label={m.interval}
            inputMode="numeric"
            value={interval}
            onChange={(e) => {
              setIntervalText(e.target.value);
              form.clear('intervalMinutes');
            }}
            error={form.errors.intervalMinutes}
          />
        </div>
        <fieldset className="catalog-rows">
          <legend className="label">{m.locationMap}</legend>
          <p className="hint">{m.locationMapHint}</p>
          {form.errors.locationMap ? <Alert tone="danger">{form.errors.locationMap}</Alert> : null}
          {rows.map((row, index) => {
            const n = String(index + 1);
            return (
              <div className="catalog-row" key={row.id}>
                <TextField
                  label={m.warehouse(n)}
                  value={row.warehouse}
                  onChange={(e) => setRow(row.id, { warehouse: e.target.value }, `warehouse.${row.id}`)}
                  error={rowError(row, 'warehouse')}
                  className="input--mono"
                  maxLength={100}
                />
                <SelectField
                  label={m.warehouseLocation(n)}
                  value={row.locationId}
                  onChange={(e) => setRow(row.id, { locationId: e.target.value }, `location.${row.id}`)}
                  error={rowError(row, 'location')}
                >
                  <option value="">{m.chooseLocation}</option>
                  {(locations.data?.items ?? []).map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.code} · {l.name}
                    </option>
                  ))}
                </SelectField>
                <IconButton
                  label={m.removeWarehouse(n)}
                  className="catalog-row__remove"
                  onClick={() => setRows((current) => current.filter((r) => r.id !== row.id))}
                >
                  <Trash2 aria-hidden="true" />
                </IconButton>
              </div>
            );
          })}
          <div>
            <Button
              size="sm"
              icon={<Plus aria-hidden="true" />}
              onClick={() =>
                setRows((current) => [...current, { id: rowId(), warehouse: '', locationId: '' }])
              }
            >
              {m.addWarehouse}
            </Button>
          </div>
        </fieldset>
        <fieldset className="catalog-rows">
          <legend className="label">{m.credentials}</legend>
          <p className="hint">{connection.hasCredentials ? m.credentialsSet : m.credentialsUnset}</p>
          <div className="form-row">
            <TextField
              label={m.username}
              optional={connection.hasCredentials}
              autoComplete="off"
              value={username}
              onChange={(e) => {
                setUsername(e.target.value);
                form.clear('username');
              }}
              error={form.errors.username}
              maxLength={200}
            />
            <TextField
              label={m.password}
              optional={connection.hasCredentials}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                form.clear('password');
              }}
              error={form.errors.password}
              maxLength={500}
            />
          </div>
        </fieldset>
        <div>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {words.save}
          </Button>
        </div>
      </form>
    </Panel>
  );
}

/** The last sync of each kind, and "Sync now": POST, then poll the report until it is over. */
function Syncs({ connection }: { readonly connection: ErpConnection }) {
  const m = useMessages(erpMessages);
  return (
    <Panel title={m.syncs}>
      <div className="catalog-syncs">
        {erpSyncKinds.map((kind) => (
          <SyncCard
            key={kind}
            kind={kind}
            last={kind === 'inventory' ? connection.lastInventorySync : connection.lastProductsSync}
          />
        ))}
      </div>
    </Panel>
  );
}

function SyncCard({ kind, last }: { readonly kind: ErpSyncKind; readonly last: ErpSyncReport | null }) {
  const m = useMessages(erpMessages);
  const queryClient = useQueryClient();
  const [started, setStarted] = useState<string>();
  const poll = useQuery({
    queryKey: catalogKeys.sync(started ?? ''),
    queryFn: () => getErpSync(started ?? ''),
    enabled: started !== undefined,
    refetchInterval: (query) =>
      query.state.data && query.state.data.state !== 'running' ? false : syncPollMs,
  });
  const report = (started ? poll.data : undefined) ?? last;
  const running = report?.state === 'running';
  const start = useMutation({
    mutationFn: () => startErpSync(kind),
    onSuccess: (created) => {
      toast.info(m.syncStarted);
      queryClient.setQueryData(catalogKeys.sync(created.id), created);
      setStarted(created.id);
    },
    onError: (error) => toast.error(m.syncFailed, messageOf(error)),
  });
  const over = started !== undefined && poll.data !== undefined && poll.data.state !== 'running';
  useEffect(() => {
    // The connection's "last sync", the reports and the stock change with the finished run.
    if (over)
      void queryClient.invalidateQueries({
        queryKey: ['catalog'],
        predicate: (q) => q.queryKey[2] !== 'sync',
      });
  }, [over, queryClient]);
  return (
    <section className="catalog-sync" aria-label={m.lastSync[kind]}>
      <h3 className="catalog-facet__title">{m.lastSync[kind]}</h3>
      {report ? (
        <>
          <p>
            <Badge tone={syncTones[report.state]} dot={running}>
              {m.state[report.state]}
            </Badge>{' '}
            <span className="subtle">{formatDateTime(report.finishedAt ?? report.startedAt)}</span>
          </p>
          <p className="subtle" aria-live="polite">
            {m.columns.created} {formatNumber(report.created)} · {m.columns.updated}{' '}
            {formatNumber(report.updated)} · {m.columns.unchanged} {formatNumber(report.unchanged)} ·{' '}
            {m.columns.rejected} {formatNumber(report.rejected)}
          </p>
          {report.error ? (
            <Alert tone="danger" title={m.error}>
              {report.error}
            </Alert>
          ) : null}
        </>
      ) : (
        <p className="subtle">{m.never}</p>
      )}
      <Button
        icon={<RefreshCw aria-hidden="true" />}
        busy={start.isPending || running}
        onClick={() => start.mutate()}
      >
        {m.syncNow[kind]}
      </Button>
    </section>
  );
}

/** Every sync report, newest first, each with its rejections behind a disclosure button. */
function Reports() {
  const m = useMessages(erpMessages);
  const reports = useQuery({ queryKey: catalogKeys.syncs(undefined), queryFn: () => listErpSyncs() });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const items = reports.data?.items ?? [];
  return (
    <Panel title={m.reports} flush>
      {reports.isPending ? (
        <div className="panel__body">
          <LoadingBlock label={m.reportsLoading} />
        </div>
      ) : reports.isError ? (
        <ErrorState error={reports.error} title={m.reportsFailed} onRetry={() => void reports.refetch()} />
      ) : items.length === 0 ? (
        <p className="panel__body subtle">{m.noReports}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{m.reportsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.columns.kind}</th>
                <th scope="col">{m.columns.state}</th>
                <th scope="col">{m.columns.started}</th>
                <th scope="col">{m.columns.finished}</th>
                <th scope="col" className="data-table__cell--end">
                  {m.columns.created}
                </th>
                <th scope="col" className="data-table__cell--end">
                  {m.columns.updated}
                </th>
                <th scope="col" className="data-table__cell--end">
                  {m.columns.unchanged}
                </th>
                <th scope="col" className="data-table__cell--end">
                  {m.columns.rejected}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => {
                const expanded = open.has(r.id);
                const panelId = `rejections-${r.id}`;
                return (
                  <Fragment key={r.id}>
                    <tr>
                      <td>{m.kind[r.kind]}</td>
                      <td>
                        <Badge tone={syncTones[r.state]}>{m.state[r.state]}</Badge>
                      </td>
                      <td>{formatDateTime(r.startedAt)}</td>
                      <td>{r.finishedAt ? formatDateTime(r.finishedAt) : '—'}</td>
                      <td className="data-table__cell--end">{formatNumber(r.created)}</td>
                      <td className="data-table__cell--end">{formatNumber(r.updated)}</td>
                      <td className="data-table__cell--end">{formatNumber(r.unchanged)}</td>
                      <td className="data-table__cell--end">
                        {r.rejections.length ? (
                          <button
                            type="button"
                            className="link-button"
                            aria-expanded={expanded}
                            aria-controls={panelId}
                            onClick={() => toggle(r.id)}
                          >
                            {expanded ? m.hideRejections : m.showRejections(formatNumber(r.rejected))}
                          </button>
                        ) : (
                          formatNumber(r.rejected)
                        )}
                      </td>
                    </tr>
                    {expanded ? (
                      <tr id={panelId}>
                        <td colSpan={8}>
                          {r.error ? <Alert tone="danger">{r.error}</Alert> : null}
                          <table className="table catalog-subtable">
                            <caption className="visually-hidden">{m.rejectionsCaption}</caption>
                            <thead>
                              <tr>
                                <th scope="col">{m.item}</th>
                                <th scope="col">{m.field}</th>
                                <th scope="col">{m.reason}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {r.rejections.map((x, i) => (
                                <tr key={`${x.item}:${x.field}:${i}`}>
                                  <td className="mono">{x.item}</td>
                                  <td className="mono">{x.field}</td>
                                  <td>{x.reason}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
