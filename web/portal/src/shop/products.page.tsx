import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Search } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { SelectField, TextField } from '@/kit/Field';
import { useForm } from '@/kit/forms';
import { PageHeader } from '@/kit/Page';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { catalogApi, type Product } from '@portal/api/portal-api';
import { cartCurrency, priceFor, useCart } from './cart';
import { formatMoney, minorOf } from './money';
import { shopMessages } from './shop.messages';

const fallbackCurrency = 'EUR';

export function ProductCard({ product, currency }: { product: Product; currency: string | undefined }) {
  const m = useMessages(shopMessages).products;
  const price = priceFor(product, currency) ?? priceFor(product);
  return (
    <li className="product-card">
      <Link to="/products/$productId" params={{ productId: product.id }} className="product-card__link">
        <span className="product-card__name">{product.name}</span>
      </Link>
      <span className="product-card__price">{price ? formatMoney(price) : m.noPrice}</span>
      <span className={product.available > 0 ? 'product-card__stock' : 'product-card__stock is-out'}>
        {product.available > 0 ? m.inStock : m.outOfStock}
      </span>
    </li>
  );
}

/** `/portal/?q=&category=&min=&max=`: the shop's active products; every filter is in the address. */
export function ProductsPage() {
  const m = useMessages(shopMessages).products;
  const search = useSearch({ from: '/portal/' });
  const navigate = useNavigate();
  const currency = cartCurrency(useCart()) ?? fallbackCurrency;
  const [q, setQ] = useState(search.q ?? '');
  const [min, setMin] = useState(search.min ?? '');
  const [max, setMax] = useState(search.max ?? '');
  const form = useForm(['q', 'priceMin', 'priceMax', 'categoryId']);
  const categories = useQuery({ queryKey: ['catalog', 'categories'], queryFn: catalogApi.categories });
  const priceMin = search.min ? minorOf(search.min, currency) : undefined;
  const priceMax = search.max ? minorOf(search.max, currency) : undefined;
  const hasPrice = priceMin !== undefined || priceMax !== undefined;
  const results = useInfiniteQuery({
    queryKey: ['catalog', 'products', search, currency],
    queryFn: ({ pageParam }) =>
      catalogApi.search({
        q: search.q,
        categoryId: search.category,
        currency: hasPrice ? currency : undefined,
        priceMin: Number.isNaN(priceMin) ? undefined : priceMin,
        priceMax: Number.isNaN(priceMax) ? undefined : priceMax,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems = {
      priceMin: Number.isNaN(minorOf(min, currency)) ? m.notANumber : undefined,
      priceMax: Number.isNaN(minorOf(max, currency)) ? m.notANumber : undefined,
    };
    if (!form.check({}, problems)) return;
    void navigate({
      to: '/',
      search: {
        ...search,
        q: q.trim() || undefined,
        min: min.trim() || undefined,
        max: max.trim() || undefined,
      },
    });
  };

  // A filter the server refused (problem+json `querystring.<field>`) goes on its field.
  const refused = results.error;
  const fieldOf = (name: string) =>
    refused && 'fields' in refused
      ? (refused as { fields: readonly { field: string; message: string }[] }).fields.find(
          (f) => f.field === `querystring.${name}` || f.field === name,
        )?.message
      : undefined;

  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const total = results.data?.pages[0]?.total;
  return (
    <>
      <PageHeader title={m.title} />
      <form id={form.id} className="portal-filters" role="search" onSubmit={apply} noValidate>
        <TextField
          label={m.search}
          type="search"
          value={q}
          error={form.errors.q ?? fieldOf('q')}
          onChange={(e) => setQ(e.target.value)}
        />
        <details className="portal-filters__more" open={Boolean(search.category || search.min || search.max)}>
          <summary>{m.filters}</summary>
          <div className="portal-filters__grid">
            <SelectField
              label={m.category}
              value={search.category ?? ''}
              error={fieldOf('categoryId')}
              onChange={(e) =>
                void navigate({ to: '/', search: { ...search, category: e.target.value || undefined } })
              }
            >
              <option value="">{m.allCategories}</option>
              {(categories.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.path.join(' › ') || c.name}
                </option>
              ))}
            </SelectField>
            <TextField
              label={`${m.priceFrom} (${currency})`}
              inputMode="decimal"
              value={min}
              error={form.errors.priceMin ?? fieldOf('priceMin')}
              onChange={(e) => {
                setMin(e.target.value);
                form.clear('priceMin');
              }}
            />
            <TextField
              label={`${m.priceTo} (${currency})`}
              inputMode="decimal"
              value={max}
              error={form.errors.priceMax ?? fieldOf('priceMax')}
              onChange={(e) => {
                setMax(e.target.value);
                form.clear('priceMax');
              }}
            />
          </div>
          <Button
            variant="ghost"
            onClick={() => {
              setQ('');
              setMin('');
              setMax('');
              void navigate({ to: '/', search: {} });
            }}
          >
            {m.clear}
          </Button>
        </details>
        <Button type="submit" variant="primary" icon={<Search aria-hidden="true" />}>
          {m.searchButton}
        </Button>
      </form>
      {results.isPending ? (
        <LoadingBlock />
      ) : results.isError && !fieldOf('q') && !fieldOf('priceMin') && !fieldOf('priceMax') ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={m.noneTitle}>
          <p>{m.noneText}</p>
        </EmptyState>
      ) : (
        <>
          {total ? (
            <p className="muted" aria-live="polite">
              {m.found(total.count, total.exact)}
            </p>
          ) : null}
          <ul className="product-grid">
            {items.map((p) => (
              <ProductCard key={p.id} product={p} currency={currency} />
            ))}
          </ul>
          {results.hasNextPage ? (
            <Button busy={results.isFetchingNextPage} onClick={() => void results.fetchNextPage()}>
              {m.more}
            </Button>
          ) : null}
        </>
      )}
    </>
  );
}
