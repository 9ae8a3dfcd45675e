import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { ArrowLeft, ShoppingCart } from 'lucide-react';
import { useState } from 'react';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { PageHeader, Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { catalogApi } from '@portal/api/portal-api';
import { cart, cartCurrency, priceFor, useCart } from './cart';
import { formatMoney } from './money';
import { shopMessages } from './shop.messages';

export function ProductPage() {
  const all = useMessages(shopMessages);
  const m = all.product;
  const { productId } = useParams({ from: '/portal/products/$productId' });
  const lines = useCart();
  const [refusal, setRefusal] = useState<string>();
  const product = useQuery({
    queryKey: ['catalog', 'product', productId],
    queryFn: () => catalogApi.product(productId),
  });

  const back = (
    <Link to="/" search={{}} className="portal-back">
      <ArrowLeft aria-hidden="true" />
      {m.back}
    </Link>
  );
  if (product.isPending)
    return (
      <>
        {back}
        <LoadingBlock />
      </>
    );
  if (product.isError)
    return (
      <>
        {back}
        <h1 className="visually-hidden">{all.products.title}</h1>
        <ErrorState error={product.error} onRetry={() => void product.refetch()} />
      </>
    );
  const p = product.data;
  const price = priceFor(p, cartCurrency(lines)) ?? priceFor(p);
  const attributes = Object.entries(p.attributes);
  return (
    <>
      {back}
      <PageHeader title={p.name} description={m.sku(p.sku)} />
      <div className="product-detail">
        <p className="product-detail__price">{price ? formatMoney(price) : all.products.noPrice}</p>
        <p className="muted">{p.available > 0 ? m.available(p.available) : all.products.outOfStock}</p>
        {refusal ? <Alert tone="warning">{refusal}</Alert> : null}
        <Button
          variant="primary"
          icon={<ShoppingCart aria-hidden="true" />}
          disabled={!price || p.available <= 0}
          onClick={() => {
            if (cart.add(p)) {
              setRefusal(undefined);
              toast.success(m.added(p.name));
            } else setRefusal(m.otherCurrency);
          }}
        >
          {m.add}
        </Button>
        {p.description ? <p className="product-detail__description">{p.description}</p> : null}
        {attributes.length > 0 ? (
          <Panel title={m.details} labelledBy="product-details">
            <dl className="portal-facts">
              {attributes.map(([name, value]) => (
                <div key={name}>
                  <dt>{name.replace(/_/g, ' ')}</dt>
                  <dd>{String(value)}</dd>
                </div>
              ))}
            </dl>
          </Panel>
        ) : null}
      </div>
    </>
  );
}
