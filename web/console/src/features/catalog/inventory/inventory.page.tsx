import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Boxes, Plus, SlidersHorizontal, Warehouse } from 'lucide-react';
import { useCallback, useMemo, useState, type SyntheticEvent } from 'react';
import { isApiError } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Badge } from '@/kit/Badge';
import { Button, IconButton } from '@/kit/Button';
import { DataTable, TimeCell, type Column } from '@/kit/data-table';
import { FormDialog } from '@/kit/Dialog';
import { Choice, ChoiceGroup, SelectField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import { toast } from '@/kit/toast';
import {
  catalogKeys,
  createLocation,
  isLowStock,
  listInventory,
  listLocations,
  setInventory,
  type InventoryChange,
  type InventoryLevel,
  type InventoryQuery,
  type Location,
} from '../catalog.api';
import { catalogWords, inventoryMessages } from '../catalog.messages';
import '../catalog.css';

const pageSize = 100;

export function useLocations() {
  return useQuery({ queryKey: catalogKeys.locations, queryFn: listLocations });
}

/** Stock per product and location, the low-stock filter, set/adjust with a reason; the locations. */
export function InventoryPage() {
  const m = useMessages(inventoryMessages);
  const words = useMessages(catalogWords);
  const locations = useLocations();
  const [query, setQuery] = useState<InventoryQuery>({});
  const [changing, setChanging] = useState<{
    productId: string;
    locationId: string;
    level?: InventoryLevel;
  }>();
  const [adding, setAdding] = useState(false);

  const levels = useInfiniteQuery({
    queryKey: catalogKeys.inventory(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => listInventory(query, { cursor: pageParam, limit: pageSize }, signal),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = useMemo(() => levels.data?.pages.flatMap((p) => p.items) ?? [], [levels.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = levels;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const locationName = useMemo(
    () => new Map((locations.data?.items ?? []).map((l) => [l.id, `${l.code} · ${l.name}`])),
    [locations.data],
  );
  const where = (id: string) => locationName.get(id) ?? id;

  const columns: Column<InventoryLevel>[] = [
    {
      id: 'sku',
      label: m.columns.sku,
      width: '150px',
      hideable: false,
      cell: (l) => <span className="mono">{l.sku}</span>,
    },
    { id: 'name', label: m.columns.name, cell: (l) => l.name },
    { id: 'location', label: m.columns.location, cell: (l) => where(l.locationId) },
    {
      id: 'onHand',
      label: m.columns.onHand,
      align: 'end',
      width: '100px',
      cell: (l) => formatNumber(l.onHand),
    },
    {
      id: 'reserved',
      label: m.columns.reserved,
      align: 'end',
      width: '100px',
      cell: (l) => formatNumber(l.reserved),
    },
    {
      id: 'available',
      label: m.columns.available,
      align: 'end',
      width: '170px',
      cell: (l) => (
        <span className="catalog-available">
          {isLowStock(l) ? <Badge tone="warning">{m.lowStock}</Badge> : null}
          {formatNumber(l.available)}
        </span>
      ),
    },
    {
      id: 'threshold',
      label: m.columns.threshold,
      align: 'end',
      hiddenByDefault: true,
      cell: (l) => formatNumber(l.lowStockThreshold),
    },
    {
      id: 'updated',
      label: m.columns.updated,
      className: 'subtle',
      cell: (l) => <TimeCell value={l.updatedAt} />,
    },
    {
      id: 'actions',
      label: '',
      width: '60px',
      hideable: false,
      cell: (l) => (
        <Can permission="inventory:write">
          <IconButton
            label={m.change(l.sku, where(l.locationId))}
            onClick={() => setChanging({ productId: l.productId, locationId: l.locationId, level: l })}
          >
            <SlidersHorizontal aria-hidden="true" />
          </IconButton>
        </Can>
      ),
    },
  ];

  const locationColumns: Column<Location>[] = [
    { id: 'code', label: m.code, width: '140px', cell: (l) => <span className="mono">{l.code}</span> },
    { id: 'name', label: m.name, cell: (l) => l.name },
    { id: 'created', label: m.created, className: 'subtle', cell: (l) => <TimeCell value={l.createdAt} /> },
  ];

  return (
    <div className="stack">
      <PageHeader
        eyebrow={words.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Can permission="inventory:write">
            <Button variant="primary" onClick={() => setChanging({ productId: '', locationId: '' })}>
              {m.setStock}
            </Button>
          </Can>
        }
      />
      <Panel flush title={m.levels}>
        <div className="toolbar list-filters">
          <div className="list-filters__row">
            <SelectField
              label={m.location}
              value={query.locationId ?? ''}
              onChange={(e) => setQuery((q) => ({ ...q, locationId: e.target.value || undefined }))}
            >
              <option value="">{m.anyLocation}</option>
              {(locations.data?.items ?? []).map((l) => (
                <option key={l.id} value={l.id}>
                  {l.code} · {l.name}
                </option>
              ))}
            </SelectField>
            <Choice
              title={m.lowStockOnly}
              checked={query.lowStock ?? false}
              onChange={(e) => setQuery((q) => ({ ...q, lowStock: e.target.checked || undefined }))}
            />
          </div>
        </div>
        <DataTable
          caption={m.caption}
          columns={columns}
          rows={rows}
          rowKey={(l) => `${l.productId}:${l.locationId}`}
          query={levels}
          loadingLabel={m.loading}
          errorTitle={m.failed}
          paging={{ hasMore: hasNextPage, loadingMore: isFetchingNextPage, onLoadMore: loadMore }}
          empty={
            <EmptyState icon={<Boxes />} title={m.emptyTitle}>
              {query.lowStock ? m.emptyLow : m.emptyBody}
            </EmptyState>
          }
        />
      </Panel>
      <Panel
        flush
        title={m.locations}
        actions={
          <Can permission="inventory:write">
            <Button size="sm" icon={<Plus aria-hidden="true" />} onClick={() => setAdding(true)}>
              {m.addLocation}
            </Button>
          </Can>
        }
      >
        <DataTable
          caption={m.locationsCaption}
          columns={locationColumns}
          rows={locations.data?.items ?? []}
          rowKey={(l) => l.id}
          query={locations}
          loadingLabel={m.locationsLoading}
          errorTitle={m.locationsFailed}
          empty={
            <EmptyState icon={<Warehouse />} title={m.locations}>
              {m.noLocations}
            </EmptyState>
          }
        />
      </Panel>
      {changing ? (
        <StockDialog
          {...changing}
          locations={locations.data?.items ?? []}
          onClose={() => setChanging(undefined)}
        />
      ) : null}
      {adding ? <LocationDialog onClose={() => setAdding(false)} /> : null}
    </div>
  );
}

type StockField = 'productId' | 'locationId' | 'onHand' | 'adjustBy' | 'lowStockThreshold' | 'reason';

function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/^\+/, '').replace('−', '-');
  return /^-?\d{1,12}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** Set the count on hand, or adjust it by a signed number; always with a reason. */
function StockDialog({
  productId: givenProduct,
  locationId: givenLocation,
  level,
  locations,
  onClose,
}: {
  readonly productId: string;
  readonly locationId: string;
  readonly level?: InventoryLevel | undefined;
  readonly locations: readonly Location[];
  readonly onClose: () => void;
}) {
  const m = useMessages(inventoryMessages);
  const words = useMessages(catalogWords);
  const queryClient = useQueryClient();
  const [productId, setProductId] = useState(givenProduct);
  const [locationId, setLocationId] = useState(givenLocation);
  const [mode, setMode] = useState<'set' | 'adjust'>(level ? 'adjust' : 'set');
  const [onHand, setOnHand] = useState(level ? String(level.onHand) : '');
  const [adjustBy, setAdjustBy] = useState('');
  const [threshold, setThreshold] = useState(level ? String(level.lowStockThreshold) : '');
  const [reason, setReason] = useState('');
  const form = useForm<StockField>([
    'productId',
    'locationId',
    'onHand',
    'adjustBy',
    'lowStockThreshold',
    'reason',
  ]);
  const save = useMutation({
    mutationFn: (change: InventoryChange) => setInventory(productId.trim(), locationId, change),
    onSuccess: async () => {
      toast.success(m.saved);
      await queryClient.invalidateQueries({ queryKey: ['catalog', 'inventory'] });
      await queryClient.invalidateQueries({ queryKey: ['catalog', 'products'] });
      onClose();
    },
    onError: (error) => {
      // 409: the change would leave fewer units on hand than orders hold.
      if (isApiError(error) && error.status === 409 && error.fields.length === 0)
        form.show({}, m.belowReserved);
      else form.refuse(error);
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems: Partial<Record<StockField, string>> = {};
    if (!productId.trim()) problems.productId = m.productMissing;
    if (!locationId) problems.locationId = m.locationMissing;
    if (!reason.trim()) problems.reason = m.reasonMissing;
    const count = wholeNumber(mode === 'set' ? onHand : adjustBy);
    if (count === undefined) problems[mode === 'set' ? 'onHand' : 'adjustBy'] = m.wholeNumber;
    else if (mode === 'set' && count < 0) problems.onHand = m.notNegative;
    const limit = threshold.trim() ? wholeNumber(threshold) : undefined;
    if (threshold.trim() && (limit === undefined || limit < 0)) problems.lowStockThreshold = m.notNegative;
    if (!form.check({ reason }, problems) || count === undefined) return;
    save.mutate({
      ...(mode === 'set' ? { onHand: count } : { adjustBy: count }),
      ...(limit === undefined ? {} : { lowStockThreshold: limit }),
      reason: reason.trim(),
    });
  };
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={level ? m.changeTitle(level.sku) : m.setStock}
      description={level ? level.name : undefined}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={words.cancel}
      onCancel={onClose}
      submitLabel={words.save}
      busy={save.isPending}
    >
      {level ? null : (
        <>
          <TextField
            label={m.product}
            hint={m.productHint}
            value={productId}
            onChange={(e) => {
              setProductId(e.target.value);
              form.clear('productId');
            }}
            error={form.errors.productId}
            className="input--mono"
            maxLength={100}
          />
          <SelectField
            label={m.location}
            value={locationId}
            onChange={(e) => {
              setLocationId(e.target.value);
              form.clear('locationId');
            }}
            error={form.errors.locationId}
          >
            <option value="">{m.locationMissing}</option>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.code} · {l.name}
              </option>
            ))}
          </SelectField>
        </>
      )}
      <ChoiceGroup legend={m.mode} columns={false}>
        {(['set', 'adjust'] as const).map((value) => (
          <Choice
            key={value}
            type="radio"
            name="stock-mode"
            title={m.modes[value]}
            checked={mode === value}
            onChange={() => setMode(value)}
          />
        ))}
      </ChoiceGroup>
      {mode === 'set' ? (
        <TextField
          label={m.onHand}
          inputMode="numeric"
          value={onHand}
          onChange={(e) => {
            setOnHand(e.target.value);
            form.clear('onHand');
          }}
          error={form.errors.onHand}
        />
      ) : (
        <TextField
          label={m.adjustBy}
          hint={m.adjustHint}
          value={adjustBy}
          onChange={(e) => {
            setAdjustBy(e.target.value);
            form.clear('adjustBy');
          }}
          error={form.errors.adjustBy}
        />
      )}
      <TextField
        label={m.threshold}
        optional
        inputMode="numeric"
        value={threshold}
        onChange={(e) => {
          setThreshold(e.target.value);
          form.clear('lowStockThreshold');
        }}
        error={form.errors.lowStockThreshold}
      />
      <TextField
        label={m.reason}
        hint={m.reasonHint}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          form.clear('reason');
        }}
        error={form.errors.reason}
        maxLength={500}
      />
    </FormDialog>
  );
}

function LocationDialog({ onClose }: { readonly onClose: () => void }) {
  const m = useMessages(inventoryMessages);
  const words = useMessages(catalogWords);
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const form = useForm(['code', 'name']);
  const save = useMutation({
    mutationFn: () => createLocation({ code: code.trim(), name: name.trim() }),
    onSuccess: async () => {
      toast.success(m.locationSaved);
      await queryClient.invalidateQueries({ queryKey: catalogKeys.locations });
      onClose();
    },
    onError: form.refuse,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems = {
      ...(code.trim() ? {} : { code: m.codeMissing }),
      ...(name.trim() ? {} : { name: m.nameMissing }),
    };
    if (form.check({ code, name }, problems)) save.mutate();
  };
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={m.locationTitle}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={words.cancel}
      onCancel={onClose}
      submitLabel={m.addLocation}
      busy={save.isPending}
    >
      <TextField
        label={m.code}
        value={code}
        onChange={(e) => {
          setCode(e.target.value);
          form.clear('code');
        }}
        error={form.errors.code}
        className="input--mono"
        maxLength={50}
        autoComplete="off"
      />
      <TextField
        label={m.name}
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          form.clear('name');
        }}
        error={form.errors.name}
        maxLength={200}
      />
    </FormDialog>
  );
}
