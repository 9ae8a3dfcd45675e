import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { formatDateTime, formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { useCan } from '@/kit/session';
import { ErrorState, LoadingBlock } from '@/kit/states';
import { toast } from '@/kit/toast';
import { formatMinor, formatMoney } from '../money';
import {
  isCancellable,
  isLive,
  nextStatuses,
  orderKeys,
  ordersApi,
  refundableMinor,
  type Address,
  type OrderDetail,
  type Payment,
  type Shipment,
} from '../orders.api';
import { ordersMessages } from '../orders.messages';
import { OrderStatusBadge } from '../StatusBadge';
import { CancelDialog, ReturnDialog, ShipmentDialog, StatusDialog } from './OrderDialogs';
import { RefundDialog } from './RefundDialog';
import { Timeline } from './Timeline';
import '../orders.css';

const route = getRouteApi('/console/orders/$orderId');

/** While the workflow or a carrier moves the order on by itself, the page asks again this often. */
export const livePollMs = 4_000;

export function OrderPage() {
  const { orderId } = route.useParams();
  const m = useMessages(ordersMessages);
  const query = useQuery({
    queryKey: orderKeys.one(orderId),
    queryFn: ({ signal }) => ordersApi.get(orderId, signal),
    refetchInterval: (q) => (q.state.data && isLive(q.state.data.status) ? livePollMs : false),
  });
  if (query.isPending)
    return (
      <div className="stack">
        <PageHeader eyebrow={m.eyebrow} title={m.board.title} />
        <LoadingBlock label={m.detail.loading} />
      </div>
    );
  if (query.isError)
    return (
      <div className="stack">
        <PageHeader eyebrow={m.eyebrow} title={m.board.title} />
        <ErrorState title={m.detail.failed} error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  return <OrderView order={query.data} />;
}

type Dialog = 'status' | 'cancel' | 'refund' | 'ship' | 'return' | undefined;

function OrderView({ order }: { order: OrderDetail }) {
  const m = useMessages(ordersMessages);
  const d = m.detail;
  const queryClient = useQueryClient();
  const canWrite = useCan('orders:write');
  const canRefund = useCan('payments:refund');
  const [dialog, setDialog] = useState<Dialog>();
  const reload = () => void queryClient.invalidateQueries({ queryKey: orderKeys.all });
  const openChange = (which: Dialog) => (open: boolean) => setDialog(open ? which : undefined);

  const shippable = order.status === 'CONFIRMED' || order.status === 'PROCESSING';
  const returnable = order.status === 'SHIPPED' || order.status === 'DELIVERED';
  const actions = (
    <div className="cluster">
      {canWrite && nextStatuses(order.status).length > 0 ? (
        <Button variant="primary" onClick={() => setDialog('status')}>
          {d.actions.changeStatus}
        </Button>
      ) : null}
      {canWrite && shippable ? <Button onClick={() => setDialog('ship')}>{d.actions.ship}</Button> : null}
      {canWrite && returnable ? (
        <Button onClick={() => setDialog('return')}>{d.actions.return}</Button>
      ) : null}
      {canRefund && refundableMinor(order) > 0 ? (
        <Button onClick={() => setDialog('refund')}>{d.actions.refund}</Button>
      ) : null}
      {canWrite && isCancellable(order.status) ? (
        <Button variant="danger-ghost" onClick={() => setDialog('cancel')}>
          {d.actions.cancel}
        </Button>
      ) : null}
    </div>
  );

  return (
    <div className="stack">
      <PageHeader
        eyebrow={m.board.title}
        title={order.number}
        description={
          <>
            <OrderStatusBadge status={order.status} />{' '}
            {d.summary(formatDateTime(order.placedAt), d.channels[order.channel])}
            {isLive(order.status) ? <span className="subtle"> · {d.live}</span> : null}
          </>
        }
        actions={actions}
      />
      <div className="orders-detail-grid">
        <Panel title={d.totals} labelledBy="order-totals">
          <dl className="kv">
            {(
              [
                ['subtotal', order.subtotal],
                ['discount', order.discount],
                ['shipping', order.shipping],
                ['tax', order.tax],
                ['total', order.total],
                ['refunded', order.refunded],
              ] as const
            ).map(([key, money]) => (
              <div key={key} className="kv__row">
                <dt>{d[key]}</dt>
                <dd className={key === 'total' ? 'orders-amount orders-amount--strong' : 'orders-amount'}>
                  {key === 'discount' && money.amountMinor > 0
                    ? `−${formatMoney(money)}`
                    : formatMoney(money)}
                </dd>
              </div>
            ))}
          </dl>
        </Panel>
        <Panel title={d.addresses} labelledBy="order-addresses">
          <div className="orders-addresses">
            <div>
              <h3>{d.customer}</h3>
              <p>{order.email}</p>
              {order.customerId ? <p className="mono subtle">{order.customerId}</p> : null}
            </div>
            <AddressBlock title={d.shippingAddress} address={order.shippingAddress} />
            <AddressBlock title={d.billingAddress} address={order.billingAddress} />
          </div>
        </Panel>
      </div>
      <Panel title={d.lines} labelledBy="order-lines" flush>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{d.linesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{d.sku}</th>
                <th scope="col">{d.product}</th>
                <th scope="col" className="orders-num">
                  {d.quantity}
                </th>
                <th scope="col" className="orders-num">
                  {d.unitPrice}
                </th>
                <th scope="col" className="orders-num">
                  {d.discount}
                </th>
                <th scope="col" className="orders-num">
                  {d.taxRate}
                </th>
                <th scope="col" className="orders-num">
                  {d.lineTotal}
                </th>
                <th scope="col" className="orders-num">
                  {d.returned}
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((line) => (
                <tr key={line.id}>
                  <td className="mono">{line.sku}</td>
                  <td>{line.name}</td>
                  <td className="orders-num">{formatNumber(line.quantity)}</td>
                  <td className="orders-num">{formatMoney(line.unitPrice)}</td>
                  <td className="orders-num">
                    {line.discount.amountMinor > 0 ? formatMoney(line.discount) : '—'}
                  </td>
                  <td className="orders-num">{`${formatNumber(line.taxRateBasisPoints / 100)} %`}</td>
                  <td className="orders-num">{formatMoney(line.total)}</td>
                  <td className="orders-num">
                    {line.returnedQuantity > 0 ? formatNumber(line.returnedQuantity) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
      <div className="orders-detail-grid">
        <Panel title={d.payments} labelledBy="order-payments">
          {order.payments.length === 0 ? (
            <p className="subtle">{d.noPayments}</p>
          ) : (
            <div className="stack stack--sm">
              {order.payments.map((payment) => (
                <PaymentBlock key={payment.id} payment={payment} />
              ))}
            </div>
          )}
        </Panel>
        <Panel title={d.shipments} labelledBy="order-shipments">
          {order.shipments.length === 0 ? (
            <p className="subtle">{d.noShipments}</p>
          ) : (
            <div className="stack stack--sm">
              {order.shipments.map((shipment) => (
                <ShipmentBlock key={shipment.id} shipment={shipment} />
              ))}
            </div>
          )}
        </Panel>
      </div>
      <Panel title={d.timeline} labelledBy="order-timeline">
        <Timeline entries={order.timeline} />
      </Panel>

      {dialog === 'status' ? (
        <StatusDialog
          order={order}
          open
          onOpenChange={openChange('status')}
          onStale={reload}
          onChanged={(updated) => {
            toast.success(d.done.status(m.statuses[updated.status]));
            reload();
          }}
        />
      ) : null}
      {dialog === 'cancel' ? (
        <CancelDialog
          order={order}
          open
          onOpenChange={openChange('cancel')}
          onCancelled={() => {
            toast.success(d.done.cancelled);
            reload();
          }}
        />
      ) : null}
      {dialog === 'refund' ? (
        <RefundDialog
          order={order}
          open
          onOpenChange={openChange('refund')}
          onRefunded={(updated) => {
            queryClient.setQueryData(orderKeys.one(updated.id), updated);
            toast.success(d.done.refunded);
            reload();
          }}
        />
      ) : null}
      {dialog === 'ship' ? (
        <ShipmentDialog
          order={order}
          open
          onOpenChange={openChange('ship')}
          onShipped={() => {
            toast.success(d.done.shipped);
            reload();
          }}
        />
      ) : null}
      {dialog === 'return' ? (
        <ReturnDialog
          order={order}
          open
          onOpenChange={openChange('return')}
          onReturned={() => {
            toast.success(d.done.returned);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}

function AddressBlock({ title, address }: { title: string; address: Address }) {
  return (
    <div>
      <h3>{title}</h3>
      <address className="orders-address">
        {[
          address.name,
          address.company,
          address.line1,
          address.line2,
          [address.postalCode, address.city].join(' '),
          address.region,
          address.country,
          address.phone,
        ]
          .filter(Boolean)
          .map((part, i) => (
            <span key={i}>{part}</span>
          ))}
      </address>
    </div>
  );
}

function PaymentBlock({ payment }: { payment: Payment }) {
  const d = useMessages(ordersMessages).detail;
  const currency = payment.amount.currency;
  return (
    <div className="orders-sub">
      <dl className="kv">
        <div className="kv__row">
          <dt>{d.gateway}</dt>
          <dd>
            {payment.gateway} <span className="mono subtle">{payment.gatewayReference ?? payment.id}</span>
          </dd>
        </div>
        <div className="kv__row">
          <dt>{d.paymentStatus}</dt>
          <dd>{d.paymentStatuses[payment.status]}</dd>
        </div>
        {payment.method ? (
          <div className="kv__row">
            <dt>{d.method}</dt>
            <dd>
              {[
                payment.method.brand ?? payment.method.type,
                payment.method.last4 ? `•••• ${payment.method.last4}` : null,
              ]
                .filter(Boolean)
                .join(' ')}
            </dd>
          </div>
        ) : null}
        <div className="kv__row">
          <dt>{d.amount}</dt>
          <dd>{formatMoney(payment.amount)}</dd>
        </div>
        <div className="kv__row">
          <dt>{d.captured}</dt>
          <dd>{formatMinor(payment.capturedMinor, currency)}</dd>
        </div>
        <div className="kv__row">
          <dt>{d.refunded}</dt>
          <dd>{formatMinor(payment.refundedMinor, currency)}</dd>
        </div>
      </dl>
      {payment.transactions.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{d.transactionsCaption(payment.id)}</caption>
            <thead>
              <tr>
                <th scope="col">{d.kind}</th>
                <th scope="col" className="orders-num">
                  {d.amount}
                </th>
                <th scope="col">{d.paymentStatus}</th>
                <th scope="col">{d.when}</th>
                <th scope="col">{d.failure}</th>
              </tr>
            </thead>
            <tbody>
              {payment.transactions.map((tx) => (
                <tr key={tx.id}>
                  <td>{d.transactionKinds[tx.kind]}</td>
                  <td className="orders-num">{formatMoney(tx.amount)}</td>
                  <td>{d.transactionStatuses[tx.status]}</td>
                  <td>{formatDateTime(tx.createdAt)}</td>
                  <td>{tx.failureMessage ?? tx.failureCode ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function ShipmentBlock({ shipment }: { shipment: Shipment }) {
  const d = useMessages(ordersMessages).detail;
  return (
    <div className="orders-sub">
      <dl className="kv">
        <div className="kv__row">
          <dt>{d.carrier}</dt>
          <dd>
            {shipment.carrier} · {shipment.service}
          </dd>
        </div>
        <div className="kv__row">
          <dt>{d.paymentStatus}</dt>
          <dd>{d.shipmentStatuses[shipment.status]}</dd>
        </div>
        <div className="kv__row">
          <dt>{d.tracking}</dt>
          <dd>
            {shipment.trackingCode ? (
              shipment.trackingUrl ? (
                <a
                  href={shipment.trackingUrl}
                  target="_blank"
                  rel="noreferrer noopener"
                  aria-label={d.trackingLink(shipment.trackingCode)}
                  className="mono"
                >
                  {shipment.trackingCode}
                </a>
              ) : (
                <span className="mono">{shipment.trackingCode}</span>
              )
            ) : (
              '—'
            )}
          </dd>
        </div>
        {shipment.labelUrl ? (
          <div className="kv__row">
            <dt>{d.label}</dt>
            <dd>
              <a href={shipment.labelUrl} target="_blank" rel="noreferrer noopener">
                {d.labelLink}
              </a>
            </dd>
          </div>
        ) : null}
        <div className="kv__row">
          <dt>{d.cost}</dt>
          <dd>{formatMoney(shipment.cost)}</dd>
        </div>
      </dl>
      <h3 className="orders-sub__title">{d.events}</h3>
      {shipment.events.length === 0 ? (
        <p className="subtle">{d.noEvents}</p>
      ) : (
        <ol className="orders-events">
          {[...shipment.events]
            .sort((a, b) => b.at.localeCompare(a.at))
            .map((event, i) => (
              <li key={`${event.at}-${i}`}>
                <time dateTime={event.at}>{formatDateTime(event.at)}</time> ·{' '}
                {d.shipmentStatuses[event.status]} · {event.message}
                {event.location ? ` (${event.location})` : ''}
              </li>
            ))}
        </ol>
      )}
    </div>
  );
}
