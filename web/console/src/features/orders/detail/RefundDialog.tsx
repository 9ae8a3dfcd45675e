import { useMutation } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { FormDialog } from '@/kit/Dialog';
import { Choice, ChoiceGroup, TextAreaField, TextField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { useForm, type FieldErrors } from '@/kit/forms';
import { decimalToMinor, formatMinor, minorToDecimal } from '../money';
import { ordersApi, refundableMinor, type OrderDetail, type RefundInput } from '../orders.api';
import { ordersMessages } from '../orders.messages';

type Field = 'amountMinor' | 'lines' | 'reason' | 'shipping';
const fields: readonly Field[] = ['amountMinor', 'lines', 'reason', 'shipping'];

/** How many of a line can still be refunded by quantity (the server checks against what was refunded). */
export const lineMax = (line: OrderDetail['lines'][number]) =>
  Math.max(0, line.quantity - line.returnedQuantity);

/**
 * Refunds part or all of an order: an amount, or quantities of its lines, with a reason. Shows the
 * most that can be refunded and refuses more before sending; the server's field errors
 * (`body.amountMinor`, `body.lines.<i>.quantity`, `body.reason`) go on the fields.
 */
export function RefundDialog({
  order,
  open,
  onOpenChange,
  onRefunded,
}: {
  readonly order: OrderDetail;
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  readonly onRefunded: (order: OrderDetail) => void;
}) {
  const t = useMessages(ordersMessages).dialogs;
  const form = useForm(fields);
  const [mode, setMode] = useState<'amount' | 'lines'>('amount');
  const [amount, setAmount] = useState('');
  const [quantities, setQuantities] = useState<Readonly<Record<string, string>>>({});
  const [shipping, setShipping] = useState(false);
  const [reason, setReason] = useState('');
  const max = refundableMinor(order);
  const maxText = formatMinor(max, order.currency);

  const refund = useMutation({
    mutationFn: (input: RefundInput) => ordersApi.refund(order.id, input),
    onSuccess: (updated) => {
      onRefunded(updated);
      close();
    },
    onError: form.refuse,
  });

  function close() {
    form.reset();
    setAmount('');
    setQuantities({});
    setReason('');
    setShipping(false);
    onOpenChange(false);
  }

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problems: FieldErrors<Field> = {};
    if (!reason.trim()) problems.reason = t.reasonMissing;
    let input: RefundInput;
    if (mode === 'amount') {
      const minor = decimalToMinor(amount, order.currency);
      if (minor === undefined) problems.amountMinor = t.refundAmountMissing;
      else if (Number.isNaN(minor))
        problems.amountMinor = t.refundAmountInvalid(minorToDecimal(1999, order.currency));
      else if (minor <= 0) problems.amountMinor = t.refundAmountZero;
      else if (minor > max) problems.amountMinor = t.refundAmountTooMuch(maxText);
      input = { amountMinor: minor ?? 0, reason: reason.trim() };
    } else {
      const lines: { lineId: string; quantity: number }[] = [];
      for (const line of order.lines) {
        const text = (quantities[line.id] ?? '').trim();
        if (text === '') continue;
        const quantity = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
        if (!Number.isInteger(quantity) || quantity > lineMax(line)) {
          problems.lines = t.refundQuantityInvalid(formatNumber(lineMax(line)));
        } else if (quantity > 0) lines.push({ lineId: line.id, quantity });
      }
      if (!problems.lines && lines.length === 0 && !shipping) problems.lines = t.refundLinesMissing;
      input = { lines, reason: reason.trim(), ...(shipping ? { shipping: true } : {}) };
    }
    if (form.check({ reason }, problems)) refund.mutate(input);
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title={t.refundTitle(order.number)}
      formId={form.id}
      onSubmit={submit}
      formError={form.formError}
      lead={
        max > 0 ? (
          <Alert tone="info">{t.refundMax(maxText)}</Alert>
        ) : (
          <Alert tone="warning">{t.refundNothing}</Alert>
        )
      }
      cancelLabel={t.cancel}
      onCancel={close}
      submitLabel={t.refundSubmit}
      busy={refund.isPending}
    >
      <ChoiceGroup legend={t.refundBy} columns={false}>
        <Choice
          type="radio"
          name="refund-mode"
          title={t.refundByAmount}
          checked={mode === 'amount'}
          onChange={() => setMode('amount')}
        />
        <Choice
          type="radio"
          name="refund-mode"
          title={t.refundByLines}
          checked={mode === 'lines'}
          onChange={() => setMode('lines')}
        />
      </ChoiceGroup>
      {mode === 'amount' ? (
        <TextField
          label={t.refundAmount(order.currency)}
          inputMode="decimal"
          placeholder={minorToDecimal(max, order.currency)}
          value={amount}
          hint={t.refundMax(maxText)}
          onChange={(e) => {
            setAmount(e.target.value);
            form.clear('amountMinor');
          }}
          error={form.errors.amountMinor}
          maxLength={20}
        />
      ) : (
        <ChoiceGroup legend={t.refundByLines} error={form.errors.lines} columns={false}>
          {order.lines.map((line) => (
            <TextField
              key={line.id}
              label={t.refundQuantity(line.name, formatNumber(lineMax(line)))}
              inputMode="numeric"
              value={quantities[line.id] ?? ''}
              onChange={(e) => {
                setQuantities((q) => ({ ...q, [line.id]: e.target.value }));
                form.clear('lines');
              }}
              maxLength={6}
            />
          ))}
          <Choice
            title={t.refundShipping}
            checked={shipping}
            onChange={(e) => setShipping(e.target.checked)}
          />
        </ChoiceGroup>
      )}
      <TextAreaField
        label={t.reason}
        hint={t.reasonHint}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          form.clear('reason');
        }}
        error={form.errors.reason}
        maxLength={500}
        rows={2}
      />
    </FormDialog>
  );
}
