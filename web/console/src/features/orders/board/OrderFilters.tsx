import { useState, type SyntheticEvent } from 'react';
import { useMessages } from '@/i18n';
import { FilterActions, FiltersNotApplied } from '@/kit/data-table';
import { Choice, ChoiceGroup, SelectField, TextField } from '@/kit/Field';
import { decimalToMinor, minorToDecimal } from '../money';
import { orderStatuses } from '../orders.api';
import { ordersMessages } from '../orders.messages';
import { isFiltered, ordersSearch, type FilterKey, type OrdersSearch } from '../orders.search';

export type FilterErrors = Partial<Record<FilterKey, string>>;

/** The currencies the amount fields offer; the address may name any other ISO code. */
export const amountCurrencies = ['EUR', 'USD', 'GBP', 'CHF', 'JPY'] as const;

interface Props {
  readonly search: OrdersSearch;
  readonly onApply: (search: OrdersSearch) => void;
  /** What the server refused, by field (a 400 problem+json of the list). */
  readonly serverErrors?: FilterErrors;
}

/**
 * The board's filters. What is typed stays local until Apply (or Enter); applying puts every filter
 * in the address. Amounts are typed as decimals in the chosen currency and go to the address (and
 * the API) as exact minor units.
 */
export function OrderFilters({ search, onApply, serverErrors = {} }: Props) {
  const messages = useMessages(ordersMessages);
  const t = messages.filters;
  const startCurrency = search.currency ?? 'EUR';
  const [statuses, setStatuses] = useState<readonly string[]>(search.status?.split(',') ?? []);
  const [placedFrom, setPlacedFrom] = useState(search.placedFrom ?? '');
  const [placedTo, setPlacedTo] = useState(search.placedTo ?? '');
  const [currency, setCurrency] = useState(startCurrency);
  const [totalMin, setTotalMin] = useState(
    search.totalMin === undefined ? '' : minorToDecimal(search.totalMin, startCurrency),
  );
  const [totalMax, setTotalMax] = useState(
    search.totalMax === undefined ? '' : minorToDecimal(search.totalMax, startCurrency),
  );
  const [email, setEmail] = useState(search.email ?? '');
  const [number, setNumber] = useState(search.number ?? '');
  const [sku, setSku] = useState(search.sku ?? '');
  const [customerId, setCustomerId] = useState(search.customerId ?? '');
  const [problems, setProblems] = useState<FilterErrors>({});
  const errors: FilterErrors = { ...serverErrors, ...problems };
  const example = minorToDecimal(1999, currency);

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: FilterErrors = {};
    const min = decimalToMinor(totalMin, currency);
    const max = decimalToMinor(totalMax, currency);
    if (min !== undefined && Number.isNaN(min)) found.totalMin = t.notAnAmount(example);
    if (max !== undefined && Number.isNaN(max)) found.totalMax = t.notAnAmount(example);
    if (min !== undefined && max !== undefined && !found.totalMin && !found.totalMax && min > max)
      found.totalMax = t.minAboveMax;
    if (placedFrom && placedTo && placedFrom > placedTo) found.placedTo = t.fromAfterTo;
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    onApply(
      ordersSearch({
        status: orderStatuses.filter((s) => statuses.includes(s)).join(','),
        placedFrom,
        placedTo,
        totalMin: min,
        totalMax: max,
        currency: min !== undefined || max !== undefined ? currency : undefined,
        email,
        number,
        sku,
        customerId,
        layout: search.layout,
      }),
    );
  };

  const clear = () => {
    for (const set of [
      setPlacedFrom,
      setPlacedTo,
      setTotalMin,
      setTotalMax,
      setEmail,
      setNumber,
      setSku,
      setCustomerId,
    ])
      set('');
    setStatuses([]);
    setProblems({});
    onApply(ordersSearch({ layout: search.layout }));
  };

  const toggle = (status: string, on: boolean) =>
    setStatuses((current) => (on ? [...current, status] : current.filter((s) => s !== status)));

  return (
    <form className="toolbar orders-filters" onSubmit={apply} aria-label={t.label} role="search" noValidate>
      <ChoiceGroup legend={t.status} hint={t.statusHint} error={errors.status}>
        {orderStatuses.map((status) => (
          <Choice
            key={status}
            title={messages.statuses[status]}
            checked={statuses.includes(status)}
            onChange={(e) => toggle(status, e.target.checked)}
          />
        ))}
      </ChoiceGroup>
      <div className="orders-filters__row">
        <TextField
          label={t.placedFrom}
          type="date"
          value={placedFrom}
          onChange={(e) => setPlacedFrom(e.target.value)}
          error={errors.placedFrom}
        />
        <TextField
          label={t.placedTo}
          type="date"
          value={placedTo}
          onChange={(e) => setPlacedTo(e.target.value)}
          error={errors.placedTo}
        />
        <SelectField label={t.currency} value={currency} onChange={(e) => setCurrency(e.target.value)}>
          {[...new Set([...amountCurrencies, currency])].map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t.totalMin}
          inputMode="decimal"
          placeholder={example}
          value={totalMin}
          onChange={(e) => setTotalMin(e.target.value)}
          error={errors.totalMin}
          maxLength={20}
        />
        <TextField
          label={t.totalMax}
          inputMode="decimal"
          placeholder={example}
          value={totalMax}
          onChange={(e) => setTotalMax(e.target.value)}
          error={errors.totalMax}
          maxLength={20}
        />
      </div>
      <div className="orders-filters__row">
        <TextField
          label={t.email}
          type="search"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
          maxLength={320}
        />
        <TextField
          label={t.number}
          placeholder={t.numberPlaceholder}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          error={errors.number}
          maxLength={40}
        />
        <TextField
          label={t.sku}
          value={sku}
          onChange={(e) => setSku(e.target.value)}
          error={errors.sku}
          maxLength={100}
        />
        <TextField
          label={t.customer}
          placeholder={t.customerPlaceholder}
          value={customerId}
          onChange={(e) => setCustomerId(e.target.value)}
          error={errors.customerId}
          maxLength={64}
        />
        <FilterActions filtered={isFiltered(search)} onClear={clear} />
      </div>
      <FiltersNotApplied errors={errors} />
    </form>
  );
}
