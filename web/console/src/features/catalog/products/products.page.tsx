import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FileUp, Package, Plus, X } from 'lucide-react';
import { useCallback, useId, useMemo, useState, type ReactNode, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Badge, type BadgeTone } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { DataTable, FilterSearchField, type Column } from '@/kit/data-table';
import { SelectField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { Can } from '@/kit/session';
import { EmptyState } from '@/kit/states';
import {
  catalogKeys,
  listProducts,
  productSorts,
  productStatuses,
  type Availability,
  type Product,
  type ProductFacets,
  type ProductQuery,
  type ProductSort,
  type ProductStatus,
} from '../catalog.api';
import { catalogWords, productsMessages } from '../catalog.messages';
import { formatMoney, priceIn } from '../money';
import { ProductEditor } from './ProductEditor';
import '../catalog.css';

const pageSize = 50;
/** Currencies offered for showing prices; a product without a price in it says so. */
export const displayCurrencies = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'PLN', 'JPY'] as const;

export const statusTones: Record<ProductStatus, BadgeTone> = {
  draft: 'neutral',
  active: 'success',
  archived: 'warning',
};

/** The product list: full-text search, facets with counts, status, keyset "Load more", the editor. */
export function ProductsPage() {
  const m = useMessages(productsMessages);
  const words = useMessages(catalogWords);
  const searchId = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState<ProductQuery>({ currency: 'EUR', sort: 'relevance' });
  // undefined: closed; null: a new product; a string: that product.
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const currency = query.currency ?? 'EUR';

  const products = useInfiniteQuery({
    queryKey: catalogKeys.products(query),
    initialPageParam: undefined as string | undefined,
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) => listProducts(query, { cursor: pageParam, limit: pageSize }, signal),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = useMemo(() => products.data?.pages.flatMap((page) => page.items) ?? [], [products.data]);
  const first = products.data?.pages[0];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = products;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const update = (change: Partial<ProductQuery>) => {
    // Unset filters leave the query (and its cache key) rather than travel as `undefined`.
    setQuery((current): ProductQuery =>
      Object.fromEntries(
        Object.entries({ ...current, ...change } as Record<string, unknown>).filter(
          ([, value]) => value !== undefined,
        ),
      ),
    );
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    update({ q: text.trim() || undefined });
  };

  const chips = activeChips(query, first?.facets, { ...m, status: words.status }, currency);
  const filtered = chips.length > 0;

  const columns: Column<Product>[] = [
    {
      id: 'sku',
      label: m.columns.sku,
      hideable: false,
      width: '160px',
      cell: (p) => (
        <button
          type="button"
          className="link-button mono"
          aria-label={m.open(p.name)}
          onClick={() => setEditing(p.id)}
        >
          {p.sku}
        </button>
      ),
    },
    { id: 'name', label: m.columns.name, cell: (p) => p.name },
    {
      id: 'status',
      label: m.columns.status,
      width: '120px',
      cell: (p) => <Badge tone={statusTones[p.status]}>{words.status[p.status]}</Badge>,
    },
    {
      id: 'price',
      label: m.columns.price,
      align: 'end',
      width: '140px',
      cell: (p) => {
        const price = priceIn(p.prices, currency);
        return price ? formatMoney(price) : <span className="subtle">{m.noPrice(currency)}</span>;
      },
    },
    {
      id: 'available',
      label: m.columns.available,
      align: 'end',
      width: '110px',
      cell: (p) => formatNumber(p.available),
    },
  ];

  return (
    <div className="stack">
      <PageHeader
        eyebrow={words.eyebrow}
        title={m.title}
        description={m.description}
        actions={
          <Can permission="products:write">
            <Link to="/commerce/products/import" className="btn btn--secondary">
              <FileUp aria-hidden="true" />
              {m.importCsv}
            </Link>
            <Button variant="primary" icon={<Plus aria-hidden="true" />} onClick={() => setEditing(null)}>
              {m.newProduct}
            </Button>
          </Can>
        }
      />
      <Panel flush>
        <form
          className="toolbar list-filters"
          onSubmit={submit}
          role="search"
          aria-label={m.search}
          noValidate
        >
          <div className="list-filters__row">
            <FilterSearchField
              id={searchId}
              label={m.search}
              hint={m.searchHint}
              value={text}
              onChange={setText}
              maxLength={200}
              className="catalog-search"
            />
            <SelectField
              label={m.statusFilter}
              value={query.status ?? ''}
              onChange={(e) => update({ status: (e.target.value || undefined) as ProductStatus | undefined })}
            >
              <option value="">{m.anyStatus}</option>
              {productStatuses.map((s) => (
                <option key={s} value={s}>
                  {words.status[s]}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={m.currency}
              value={currency}
              // Price bands are in the currency shown: a band of another currency no longer applies.
              onChange={(e) => update({ currency: e.target.value, priceMin: undefined, priceMax: undefined })}
            >
              {displayCurrencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={m.sort}
              value={query.sort ?? 'relevance'}
              onChange={(e) => update({ sort: e.target.value as ProductSort })}
            >
              {productSorts.map((s) => (
                <option key={s} value={s}>
                  {m.sorts[s]}
                </option>
              ))}
            </SelectField>
            <div className="toolbar__actions list-filters__actions">
              <Button type="submit" variant="primary">
                {m.search}
              </Button>
            </div>
          </div>
          {filtered ? (
            <div className="catalog-chips" role="group" aria-label={m.activeFilters}>
              {chips.map((chip) => (
                <Button
                  key={chip.key}
                  size="sm"
                  variant="ghost"
                  icon={<X aria-hidden="true" />}
                  aria-label={m.removeFilter(chip.label)}
                  onClick={() => {
                    if (chip.key === 'q') setText('');
                    update(chip.clear);
                  }}
                >
                  {chip.label}
                </Button>
              ))}
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setText('');
                  setQuery({ currency, sort: query.sort ?? 'relevance' });
                }}
              >
                {m.clearAll}
              </Button>
            </div>
          ) : null}
        </form>
        <div className="catalog-layout">
          <Facets facets={first?.facets} query={query} currency={currency} onChange={update} />
          <DataTable
            caption={m.caption}
            columns={columns}
            rows={rows}
            rowKey={(p) => p.id}
            onOpen={(p) => setEditing(p.id)}
            muted={(p) => p.status === 'archived'}
            query={products}
            loadingLabel={m.loading}
            errorTitle={m.failed}
            paging={{ hasMore: hasNextPage, loadingMore: isFetchingNextPage, onLoadMore: loadMore }}
            summary={
              first
                ? m.shown(
                    formatNumber(rows.length),
                    first.total.exact
                      ? formatNumber(first.total.count)
                      : m.about(formatNumber(first.total.count)),
                  )
                : undefined
            }
            empty={
              <EmptyState icon={<Package />} title={m.emptyTitle}>
                {filtered ? m.emptyFiltered : m.emptyBody}
              </EmptyState>
            }
          />
        </div>
      </Panel>
      {editing !== undefined ? (
        <ProductEditor
          productId={editing ?? undefined}
          currency={currency}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </div>
  );
}

type ProductsWords = (typeof productsMessages)['en'];

function bandLabel(
  band: { readonly fromMinor: number; readonly toMinor: number | null },
  currency: string,
  m: Pick<ProductsWords, 'band' | 'bandFrom'>,
): string {
  const from = formatMoney({ amountMinor: band.fromMinor, currency });
  return band.toMinor === null
    ? m.bandFrom(from)
    : m.band(from, formatMoney({ amountMinor: band.toMinor, currency }));
}

interface Chip {
  readonly key: string;
  readonly label: string;
  readonly clear: Partial<ProductQuery>;
}

function activeChips(
  query: ProductQuery,
  facets: ProductFacets | undefined,
  m: Pick<ProductsWords, 'band' | 'bandFrom' | 'inStock' | 'outOfStock'> & {
    readonly status: Readonly<Record<ProductStatus, string>>;
  },
  currency: string,
): Chip[] {
  const chips: Chip[] = [];
  if (query.q) chips.push({ key: 'q', label: `“${query.q}”`, clear: { q: undefined } });
  if (query.status)
    chips.push({ key: 'status', label: m.status[query.status], clear: { status: undefined } });
  if (query.categoryId)
    chips.push({
      key: 'category',
      label: facets?.categories.find((c) => c.id === query.categoryId)?.name ?? query.categoryId,
      clear: { categoryId: undefined },
    });
  if (query.priceMin !== undefined || query.priceMax !== undefined)
    chips.push({
      key: 'price',
      label: bandLabel({ fromMinor: query.priceMin ?? 0, toMinor: query.priceMax ?? null }, currency, m),
      clear: { priceMin: undefined, priceMax: undefined },
    });
  if (query.availability)
    chips.push({
      key: 'availability',
      label: query.availability === 'in_stock' ? m.inStock : m.outOfStock,
      clear: { availability: undefined },
    });
  return chips;
}

/** The facets as toggle chips with their counts (one value per facet, as the API filters). */
function Facets({
  facets,
  query,
  currency,
  onChange,
}: {
  readonly facets: ProductFacets | undefined;
  readonly query: ProductQuery;
  readonly currency: string;
  readonly onChange: (change: Partial<ProductQuery>) => void;
}) {
  const m = useMessages(productsMessages);
  if (!facets) return <aside className="catalog-facets" aria-label={m.facets} />;
  const availability: { value: Availability; label: string; count: number }[] = [
    { value: 'in_stock', label: m.inStock, count: facets.availability.inStock },
    { value: 'out_of_stock', label: m.outOfStock, count: facets.availability.outOfStock },
  ];
  return (
    <aside className="catalog-facets" aria-label={m.facets}>
      {facets.categories.length ? (
        <FacetGroup title={m.categories}>
          {facets.categories.map((c) => (
            <FacetChip
              key={c.id}
              label={m.withCount(c.name, formatNumber(c.count))}
              pressed={query.categoryId === c.id}
              onToggle={(on) => onChange({ categoryId: on ? c.id : undefined })}
            />
          ))}
        </FacetGroup>
      ) : null}
      {facets.priceBands.length ? (
        <FacetGroup title={m.priceBands}>
          {facets.priceBands.map((band) => {
            const pressed = query.priceMin === band.fromMinor && (query.priceMax ?? null) === band.toMinor;
            return (
              <FacetChip
                key={band.fromMinor}
                label={m.withCount(bandLabel(band, currency, m), formatNumber(band.count))}
                pressed={pressed}
                onToggle={(on) =>
                  onChange(
                    on
                      ? { priceMin: band.fromMinor, priceMax: band.toMinor ?? undefined }
                      : { priceMin: undefined, priceMax: undefined },
                  )
                }
              />
            );
          })}
        </FacetGroup>
      ) : null}
      <FacetGroup title={m.availability}>
        {availability.map((a) => (
          <FacetChip
            key={a.value}
            label={m.withCount(a.label, formatNumber(a.count))}
            pressed={query.availability === a.value}
            onToggle={(on) => onChange({ availability: on ? a.value : undefined })}
          />
        ))}
      </FacetGroup>
    </aside>
  );
}

function FacetGroup({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  const id = useId();
  return (
    <div className="catalog-facet" role="group" aria-labelledby={id}>
      <h3 id={id} className="catalog-facet__title">
        {title}
      </h3>
      <div className="catalog-facet__chips">{children}</div>
    </div>
  );
}

function FacetChip({
  label,
  pressed,
  onToggle,
}: {
  readonly label: string;
  readonly pressed: boolean;
  readonly onToggle: (on: boolean) => void;
}) {
  return (
    <button
      type="button"
      className={pressed ? 'catalog-chip catalog-chip--on' : 'catalog-chip'}
      aria-pressed={pressed}
      onClick={() => onToggle(!pressed)}
    >
      {label}
    </button>
  );
}
