import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { Alert } from '@/kit/Alert';
import { Button } from '@/kit/Button';
import { FormError, TextField } from '@/kit/Field';
import { formatDateTime } from '@/kit/format';
import { useForm } from '@/kit/forms';
import { Panel } from '@/kit/Page';
import { toast } from '@/kit/toast';
import { savePrices, type PriceList, type PriceListBody } from './usage.api';
import { usageMessages } from './usage.messages';

/** As the server takes it: up to ten digits, a point, up to nine decimals. */
const pricePattern = /^\d{1,10}(\.\d{1,9})?$/;

type Field = 'currency' | `prices.${string}`;

/** A price as typed: spaces dropped, a decimal comma read as a point; '' and "0" both mean none. */
const priceText = (text: string) => text.trim().replace(',', '.');

/**
 * The tenant's unit prices: one currency, a price per unit of each meter. Saving replaces the whole
 * list. The page's check runs first; what the server still refuses lands on the field it names
 * (`body.prices.orders` on the Orders price).
 */
export function PricesForm({ list, canWrite }: { list: PriceList; canWrite: boolean }) {
  const m = useMessages(usageMessages);
  const queryClient = useQueryClient();
  const initial = () => ({
    currency: list.currency ?? '',
    prices: Object.fromEntries(list.prices.map((p) => [p.meter, p.unitPrice === '0' ? '' : p.unitPrice])),
  });
  const [values, setValues] = useState(initial);
  const fields: Field[] = ['currency', ...list.prices.map((p): Field => `prices.${p.meter}`)];
  // No limits to read: the price fields are nested, so the generated limits hold none of them.
  const form = useForm<Field>(fields);

  const save = useMutation({
    mutationFn: (body: PriceListBody) => savePrices(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['metering', 'prices'], saved);
      void queryClient.invalidateQueries({ queryKey: ['metering', 'usage'] });
      toast.success(m.saved);
    },
    onError: form.refuse,
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const currency = values.currency.trim().toUpperCase();
    const problems: Partial<Record<Field, string>> = {};
    if (!/^[A-Z]{3}$/.test(currency)) problems.currency = m.currencyInvalid;
    const prices: Record<string, string> = {};
    for (const [meter, text] of Object.entries(values.prices)) {
      const price = priceText(text);
      if (price === '') continue;
      if (pricePattern.test(price)) prices[meter] = price;
      else problems[`prices.${meter}`] = m.priceInvalid;
    }
    if (form.check({}, problems)) save.mutate({ currency, prices });
  };

  const discard = () => {
    setValues(initial());
    form.reset();
  };

  return (
    <form id={form.id} onSubmit={submit} noValidate>
      <Panel
        title={m.prices}
        description={m.pricesDescription}
        labelledBy="usage-prices-heading"
        footer={
          canWrite ? (
            <>
              <Button onClick={discard} disabled={save.isPending}>
                {m.discard}
              </Button>
              <Button type="submit" variant="primary" busy={save.isPending}>
                {m.save}
              </Button>
            </>
          ) : undefined
        }
      >
        <div className="form">
          {!canWrite ? <Alert tone="info">{m.readOnly}</Alert> : null}
          {list.updatedAt && list.updatedBy ? (
            <p className="subtle">{m.lastChanged(formatDateTime(list.updatedAt), list.updatedBy)}</p>
          ) : null}
          <FormError message={form.formError} />
          <TextField
            label={m.currency}
            hint={m.currencyHint}
            value={values.currency}
            autoComplete="off"
            className="usage-currency"
            onChange={(e) => {
              setValues((current) => ({ ...current, currency: e.target.value }));
              form.clear('currency');
            }}
            error={form.errors.currency}
            readOnly={!canWrite}
          />
          <div className="usage-prices">
            {list.prices.map((price) => (
              <TextField
                key={price.meter}
                label={m.meterNames[price.meter] ?? price.meter}
                hint={m.perUnit(price.unit)}
                value={values.prices[price.meter] ?? ''}
                placeholder="0"
                inputMode="decimal"
                autoComplete="off"
                onChange={(e) => {
                  const text = e.target.value;
                  setValues((current) => ({
                    ...current,
                    prices: { ...current.prices, [price.meter]: text },
                  }));
                  form.clear(`prices.${price.meter}`);
                }}
                error={form.errors[`prices.${price.meter}`]}
                readOnly={!canWrite}
              />
            ))}
          </div>
        </div>
      </Panel>
    </form>
  );
}
