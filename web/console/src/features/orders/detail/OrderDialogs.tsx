import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { isApiError } from '@/api/problem';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { FormDialog } from '@/kit/Dialog';
import { Choice, ChoiceGroup, SelectField, TextAreaField, TextField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { useForm, type FieldErrors } from '@/kit/forms';
import { LoadingBlock, ErrorState } from '@/kit/states';
import { formatMoney } from '../money';
import {
  nextStatuses,
  orderKeys,
  ordersApi,
  type Order,
  type OrderDetail,
  type OrderStatus,
  type ReturnInput,
} from '../orders.api';
import { ordersMessages } from '../orders.messages';

interface DialogProps {
  readonly order: OrderDetail;
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
}

function ReasonField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const t = useMessages(ordersMessages).dialogs;
  return (
    <TextAreaField
      label={t.reason}
      hint={t.reasonHint}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      maxLength={500}
      rows={2}
    />
  );
}

/**
 * Moves the order to one of the statuses its state allows, with a reason; sends the version it
 * shows (If-Match), so a change made meanwhile is refused (409) and shown as the server words it.
 */
export function StatusDialog({
  order,
  open,
  onOpenChange,
  onChanged,
  onStale,
}: DialogProps & { onChanged: (order: Order) => void; onStale: () => void }) {
  const m = useMessages(ordersMessages);
  const t = m.dialogs;
  const options = nextStatuses(order.status);
  const form = useForm(['status', 'reason'] as const);
  const [status, setStatus] = useState<OrderStatus | ''>(options[0] ?? '');
  const [reason, setReason] = useState('');
  const change = useMutation({
    mutationFn: (input: { status: OrderStatus; reason: string }) =>
      ordersApi.changeStatus(order.id, input, order.version),
    onSuccess: (updated) => {
      onChanged(updated);
      close();
    },
    onError: (error) => {
      form.refuse(error);
      // The order moved meanwhile: fetch it again, the server's message stays shown.
      if (isApiError(error) && error.status === 409) onStale();
    },
  });
  function close() {
    form.reset();
    setReason('');
    onOpenChange(false);
  }
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems: FieldErrors<'status' | 'reason'> = {};
    if (!reason.trim()) problems.reason = t.reasonMissing;
    if (!status) problems.status = t.noNextStatus;
    if (form.check({ reason }, problems) && status) change.mutate({ status, reason: reason.trim() });
  };
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title={t.statusTitle(order.number)}
      description={t.statusDescription(m.statuses[order.status])}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={t.cancel}
      onCancel={close}
      submitLabel={t.statusSubmit}
      busy={change.isPending}
    >
      <SelectField
        label={t.nextStatus}
        value={status}
        onChange={(e) => {
          setStatus(e.target.value as OrderStatus);
          form.clear('status');
        }}
        error={form.errors.status}
      >
        {options.map((s) => (
          <option key={s} value={s}>
            {m.statuses[s]}
          </option>
        ))}
      </SelectField>
      <ReasonField
        value={reason}
        onChange={(v) => {
          setReason(v);
          form.clear('reason');
        }}
        error={form.errors.reason}
      />
    </FormDialog>
  );
}

/** Cancels the order (DELETE) after asking, with a reason. */
export function CancelDialog({
  order,
  open,
  onOpenChange,
  onCancelled,
}: DialogProps & { onCancelled: (order: Order) => void }) {
  const t = useMessages(ordersMessages).dialogs;
  const form = useForm(['reason'] as const);
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: (why: string) => ordersApi.cancel(order.id, why),
    onSuccess: (updated) => {
      onCancelled(updated);
      close();
    },
    onError: form.refuse,
  });
  function close() {
    form.reset();
    setReason('');
    onOpenChange(false);
  }
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({ reason }, { reason: reason.trim() ? undefined : t.reasonMissing }))
      cancel.mutate(reason.trim());
  };
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title={t.cancelTitle(order.number)}
      description={t.cancelDescription}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={t.keepOrder}
      onCancel={close}
      submitLabel={t.cancelSubmit}
      busy={cancel.isPending}
    >
      <ReasonField
        value={reason}
        onChange={(v) => {
          setReason(v);
          form.clear('reason');
        }}
        error={form.errors.reason}
      />
    </FormDialog>
  );
}

/** Lists the carrier's rates for the order's parcel and buys the chosen label. */
export function ShipmentDialog({
  order,
  open,
  onOpenChange,
  onShipped,
}: DialogProps & { onShipped: () => void }) {
  const t = useMessages(ordersMessages).dialogs;
  const form = useForm(['rateId'] as const);
  const rates = useQuery({
    queryKey: orderKeys.rates(order.id),
    queryFn: ({ signal }) => ordersApi.shippingRates(order.id, signal),
    enabled: open,
    staleTime: 60_000,
  });
  const [rateId, setRateId] = useState('');
  const items = rates.data?.items ?? [];
  const chosen = rateId || items[0]?.id || '';
  const buy = useMutation({
    mutationFn: (id: string) => ordersApi.createShipment(order.id, id || undefined),
    onSuccess: () => {
      onShipped();
      close();
    },
    onError: form.refuse,
  });
  function close() {
    form.reset();
    setRateId('');
    onOpenChange(false);
  }
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (form.check({})) buy.mutate(chosen);
  };
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title={t.shipTitle(order.number)}
      description={t.shipDescription}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={t.cancel}
      onCancel={close}
      submitLabel={t.shipSubmit}
      busy={buy.isPending}
    >
      {rates.isPending ? (
        <LoadingBlock label={t.ratesLoading} />
      ) : rates.isError ? (
        <ErrorState title={t.ratesFailed} error={rates.error} onRetry={() => void rates.refetch()} />
      ) : items.length === 0 ? (
        <Alert tone="warning">{t.ratesNone}</Alert>
      ) : (
        <ChoiceGroup legend={t.rate} error={form.errors.rateId} columns={false}>
          {items.map((rate) => (
            <Choice
              key={rate.id}
              type="radio"
              name="shipping-rate"
              checked={chosen === rate.id}
              onChange={() => setRateId(rate.id)}
              title={t.rateLabel(
                rate.carrier,
                rate.service,
                formatMoney(rate.price),
                rate.deliveryDays === null
                  ? t.deliveryUnknown
                  : t.deliveryDays(formatNumber(rate.deliveryDays), rate.deliveryDays === 1),
              )}
            />
          ))}
        </ChoiceGroup>
      )}
    </FormDialog>
  );
}

/** Records returned items: quantities per line, restock, refund, reason. */
export function ReturnDialog({
  order,
  open,
  onOpenChange,
  onReturned,
}: DialogProps & { onReturned: () => void }) {
  const t = useMessages(ordersMessages).dialogs;
  const form = useForm(['lines', 'reason', 'restock', 'refund'] as const);
  const [quantities, setQuantities] = useState<Readonly<Record<string, string>>>({});
  const [restock, setRestock] = useState(true);
  const [refund, setRefund] = useState(true);
  const [reason, setReason] = useState('');
  const record = useMutation({
    mutationFn: (input: ReturnInput) => ordersApi.createReturn(order.id, input),
    onSuccess: () => {
      onReturned();
      close();
    },
    onError: form.refuse,
  });
  function close() {
    form.reset();
    setQuantities({});
    setReason('');
    onOpenChange(false);
  }
  const returnable = (line: OrderDetail['lines'][number]) =>
    Math.max(0, line.quantity - line.returnedQuantity);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems: FieldErrors<'lines' | 'reason'> = {};
    const lines: { lineId: string; quantity: number }[] = [];
    for (const line of order.lines) {
      const text = (quantities[line.id] ?? '').trim();
      if (!text) continue;
      const quantity = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isInteger(quantity) || quantity > returnable(line))
        problems.lines = t.refundQuantityInvalid(formatNumber(returnable(line)));
      else if (quantity > 0) lines.push({ lineId: line.id, quantity });
    }
    if (!problems.lines && lines.length === 0) problems.lines = t.returnLinesMissing;
    if (!reason.trim()) problems.reason = t.reasonMissing;
    if (form.check({ reason }, problems)) record.mutate({ lines, reason: reason.trim(), restock, refund });
  };
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title={t.returnTitle(order.number)}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      cancelLabel={t.cancel}
      onCancel={close}
      submitLabel={t.returnSubmit}
      busy={record.isPending}
    >
      <ChoiceGroup legend={t.refundByLines} error={form.errors.lines} columns={false}>
        {order.lines.map((line) => (
          <TextField
            key={line.id}
            label={t.returnQuantity(line.name, formatNumber(returnable(line)))}
            inputMode="numeric"
            value={quantities[line.id] ?? ''}
            onChange={(e) => {
              setQuantities((q) => ({ ...q, [line.id]: e.target.value }));
              form.clear('lines');
            }}
            maxLength={6}
          />
        ))}
      </ChoiceGroup>
      <Choice title={t.restock} checked={restock} onChange={(e) => setRestock(e.target.checked)} />
      <Choice title={t.refundReturn} checked={refund} onChange={(e) => setRefund(e.target.checked)} />
      <ReasonField
        value={reason}
        onChange={(v) => {
          setReason(v);
          form.clear('reason');
        }}
        error={form.errors.reason}
      />
    </FormDialog>
  );
}
