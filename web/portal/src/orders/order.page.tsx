import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { ArrowLeft, ExternalLink } from 'lucide-react';
import { useState } from 'react';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Badge } from '@/kit/Badge';
import { Button } from '@/kit/Button';
import { ConfirmDialog } from '@/kit/Dialog';
import { formatDateTime } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { ordersApi, type OrderDetail, type OrderStatus } from '@portal/api/portal-api';
import { formatMoney } from '@portal/shop/money';
import { ordersMessages } from './orders.messages';
import { statusTone } from './orders.page';

const steps: readonly OrderStatus[] = ['PENDING', 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED'];
const settled = new Set<OrderStatus>(['DELIVERED', 'CANCELLED', 'RETURNED', 'REFUNDED']);

/** Poll quickly while the order waits on its payment (a 3-D Secure step may end any second), slower after. */
function pollEvery(order: OrderDetail | undefined): number | false {
  if (!order || settled.has(order.status)) return false;
  return order.status === 'PENDING' ? 2_000 : 10_000;
}

export function OrderPage() {
  const m = useMessages(ordersMessages);
  const { orderId } = useParams({ from: '/portal/orders/$orderId' });
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const order = useQuery({
    queryKey: ['orders', 'detail', orderId],
    queryFn: () => ordersApi.get(orderId),
    refetchInterval: (query) => pollEvery(query.state.data),
  });

  const back = (
    <Link to="/orders" className="portal-back">
      <ArrowLeft aria-hidden="true" />
      {m.back}
    </Link>
  );
  if (order.isPending)
    return (
      <>
        {back}
        <LoadingBlock />
      </>
    );
  if (order.isError)
    return (
      <>
        {back}
        <h1 className="visually-hidden">{m.title}</h1>
        <ErrorState error={order.error} onRetry={() => void order.refetch()} />
      </>
    );
  const o = order.data;
  const action = o.payments.find((p) => p.status === 'requires_action' && p.nextAction)?.nextAction;
  const failed = o.payments.find((p) => p.status === 'failed' && p.failureCode);
  const reached = steps.indexOf(o.status);
  return (
    <>
      {back}
      <PageHeader
        title={m.order(o.number)}
        description={m.placed(formatDateTime(o.placedAt))}
        actions={<Badge tone={statusTone[o.status]}>{m.status[o.status]}</Badge>}
      />
      <div className="stack">
        <p className="visually-hidden" role="status" aria-live="polite">
          {m.status[o.status]}
        </p>
        {action ? (
          <Alert tone="warning">
            <strong>{m.threeDs.title}</strong> {m.threeDs.text}{' '}
            <a className="btn btn--primary btn--sm" href={action.url} target="_blank" rel="noopener">
              {m.threeDs.open}
              <ExternalLink aria-hidden="true" />
            </a>
          </Alert>
        ) : null}
        {failed && o.status === 'CANCELLED' ? (
          <Alert tone="danger">{m.paymentFailed(failed.failureCode ?? '')}</Alert>
        ) : null}
        {reached >= 0 ? (
          <Panel title={m.progress} description={m.live} labelledBy="order-progress">
            <ol className="order-steps">
              {steps.map((step, i) => (
                <li
                  key={step}
                  className={i < reached ? 'is-done' : i === reached ? 'is-current' : undefined}
                  aria-current={i === reached ? 'step' : undefined}
                >
                  {m.status[step]}
                </li>
              ))}
            </ol>
          </Panel>
        ) : null}
        <Panel title={m.lines} labelledBy="order-lines">
          <ul className="order-lines">
            {o.lines.map((line) => (
              <li key={line.id}>
                <span>
                  {line.name} <span className="muted">{m.quantity(line.quantity)}</span>
                </span>
                <span>{formatMoney(line.total)}</span>
              </li>
            ))}
          </ul>
          <dl className="order-totals">
            <div>
              <dt>{m.subtotal}</dt>
              <dd>{formatMoney(o.subtotal)}</dd>
            </div>
            {o.discount.amountMinor > 0 ? (
              <div>
                <dt>{m.discount}</dt>
                <dd>−{formatMoney(o.discount)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{m.shipping}</dt>
              <dd>{formatMoney(o.shipping)}</dd>
            </div>
            <div>
              <dt>{m.tax}</dt>
              <dd>{formatMoney(o.tax)}</dd>
            </div>
            <div className="order-totals__total">
              <dt>{m.total}</dt>
              <dd>{formatMoney(o.total)}</dd>
            </div>
          </dl>
        </Panel>
        <Panel title={m.shipTo} labelledBy="order-address">
          <address className="portal-address">
            {[
              o.shippingAddress.name,
              o.shippingAddress.line1,
              o.shippingAddress.line2,
              `${o.shippingAddress.postalCode} ${o.shippingAddress.city}`,
              o.shippingAddress.country,
            ]
              .filter(Boolean)
              .map((l) => (
                <span key={l}>{l}</span>
              ))}
          </address>
        </Panel>
        <Panel title={m.history} labelledBy="order-history">
          <ol className="order-history">
            {[...o.history].reverse().map((h) => (
              <li key={`${h.at}-${h.to}`}>
                <strong>{(m.status as Record<string, string | undefined>)[h.to] ?? h.to}</strong>{' '}
                <span className="muted">{formatDateTime(h.at)}</span>
              </li>
            ))}
          </ol>
        </Panel>
        {o.status === 'PENDING' || o.status === 'CONFIRMED' ? (
          <div>
            <Button variant="danger-ghost" onClick={() => setConfirming(true)}>
              {m.cancel}
            </Button>
          </div>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={m.cancelTitle}
        description={m.cancelText}
        confirmLabel={m.cancel}
        onConfirm={async () => {
          await ordersApi.cancel(o.id);
          toast.success(m.cancelled);
          await queries.invalidateQueries({ queryKey: ['orders'] });
        }}
      />
    </>
  );
}
