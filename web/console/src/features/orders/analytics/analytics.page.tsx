import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { BarChart3 } from 'lucide-react';
import { useMemo, useState, type SyntheticEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useMessages } from '@/i18n';
import { Button } from '@/kit/Button';
import { axisTick, ChartFrame, gridStroke } from '@/kit/ChartFrame';
import { browserTimeZone } from '@/kit/data-table';
import { SelectField, TextField } from '@/kit/Field';
import { formatNumber } from '@/kit/format';
import { PageHeader, Panel } from '@/kit/Page';
import { EmptyState, ErrorState, LoadingBlock } from '@/kit/states';
import { amountCurrencies } from '../board/OrderFilters';
import { currencyExponent, formatMinor } from '../money';
import { orderKeys, ordersApi, orderStatuses, type OrdersAnalyticsQuery } from '../orders.api';
import { ordersMessages } from '../orders.messages';
import { defaultPeriod, isDay, isTimeZone, type AnalyticsSearch } from './analytics.search';
import '../orders.css';

const route = getRouteApi('/console/orders/analytics');

export function OrderAnalyticsPage() {
  const m = useMessages(ordersMessages);
  const t = m.analytics;
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const zone = search.timeZone ?? browserTimeZone();
  const query: OrdersAnalyticsQuery = useMemo(() => {
    const period = defaultPeriod(zone);
    return {
      from: search.from ?? period.from,
      to: search.to ?? period.to,
      currency: search.currency ?? 'EUR',
      timeZone: zone,
    };
  }, [search, zone]);
  const figures = useQuery({
    queryKey: orderKeys.analytics(query),
    queryFn: ({ signal }) => ordersApi.analytics(query, signal),
  });

  return (
    <div className="stack">
      <PageHeader eyebrow={m.eyebrow} title={t.title} description={t.description} />
      <Panel>
        <PeriodForm
          key={JSON.stringify(query)}
          query={query}
          onApply={(next) => void navigate({ search: next })}
        />
      </Panel>
      {figures.isPending ? (
        <LoadingBlock label={t.loading} lines={5} />
      ) : figures.isError ? (
        <ErrorState title={t.failed} error={figures.error} onRetry={() => void figures.refetch()} />
      ) : figures.data.totals.orders === 0 ? (
        <EmptyState icon={<BarChart3 />} title={t.empty}>
          {t.emptyText}
        </EmptyState>
      ) : (
        <Figures data={figures.data} />
      )}
    </div>
  );
}

function PeriodForm({
  query,
  onApply,
}: {
  query: OrdersAnalyticsQuery;
  onApply: (search: AnalyticsSearch) => void;
}) {
  const t = useMessages(ordersMessages).analytics;
  const [from, setFrom] = useState(query.from);
  const [to, setTo] = useState(query.to);
  const [currency, setCurrency] = useState(query.currency);
  const [timeZone, setTimeZone] = useState(query.timeZone);
  const [errors, setErrors] = useState<{ from?: string; to?: string; timeZone?: string }>({});
  const zones = useMemo(() => {
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return [...new Set([query.timeZone, 'UTC', ...all])];
  }, [query.timeZone]);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!isDay(from)) found.from = t.notADay;
    if (!isDay(to)) found.to = t.notADay;
    if (!found.from && !found.to && from > to) found.to = t.fromAfterTo;
    if (!isTimeZone(timeZone)) found.timeZone = t.notADay;
    setErrors(found);
    if (Object.keys(found).length === 0) onApply({ from, to, currency, timeZone });
  };
  return (
    <form className="orders-filters__row" onSubmit={submit} noValidate aria-label={t.title}>
      <TextField
        label={t.from}
        type="date"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={errors.from}
      />
      <TextField
        label={t.to}
        type="date"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        error={errors.to}
      />
      <SelectField label={t.currency} value={currency} onChange={(e) => setCurrency(e.target.value)}>
        {[...new Set([...amountCurrencies, currency])].map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t.timeZone}
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
        error={errors.timeZone}
      >
        {zones.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </SelectField>
      <div className="toolbar__actions">
        <Button type="submit" variant="primary">
          {t.apply}
        </Button>
      </div>
    </form>
  );
}

function Figures({ data }: { data: NonNullable<Awaited<ReturnType<typeof ordersApi.analytics>>> }) {
  const m = useMessages(ordersMessages);
  const t = m.analytics;
  const money = (minor: number) => formatMinor(minor, data.currency);
  // Charts plot major units (a float, for drawing only); labels are formatted from the integers.
  const scale = 10 ** currencyExponent(data.currency);
  const days = data.days.map((day) => ({
    date: day.date,
    orders: day.orders,
    revenue: day.revenueMinor / scale,
    revenueMinor: day.revenueMinor,
    aov: day.averageOrderValueMinor / scale,
    aovMinor: day.averageOrderValueMinor,
  }));
  const statuses = orderStatuses.map((status) => ({
    status: m.statuses[status],
    count: data.byStatus[status] ?? 0,
  }));
  const hours = (value: number | null) =>
    value === null ? t.notYet : t.hours(formatNumber(Math.round(value * 10) / 10));
  const moneyTick = (value: number) => formatMinor(Math.round(value * scale), data.currency);
  const tooltipMoney = (value: unknown) => (typeof value === 'number' ? moneyTick(value) : String(value));

  return (
    <div className="stack">
      <dl className="orders-kpis">
        <div className="orders-kpi">
          <dt>{t.orders}</dt>
          <dd>{formatNumber(data.totals.orders)}</dd>
        </div>
        <div className="orders-kpi">
          <dt>{t.revenue}</dt>
          <dd>{money(data.totals.revenueMinor)}</dd>
        </div>
        <div className="orders-kpi">
          <dt>{t.averageOrderValue}</dt>
          <dd>{money(data.totals.averageOrderValueMinor)}</dd>
        </div>
        <div className="orders-kpi">
          <dt>{t.refunded}</dt>
          <dd>{money(data.totals.refundedMinor)}</dd>
        </div>
      </dl>
      <div className="orders-charts">
        <ChartFrame id="orders-per-day" title={t.ordersPerDay} description={t.ordersPerDayText}>
          <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
            <CartesianGrid stroke={gridStroke} vertical={false} />
            <XAxis dataKey="date" tick={axisTick} minTickGap={24} tickLine={false} />
            <YAxis
              allowDecimals={false}
              tick={axisTick}
              width={44}
              tickFormatter={(v: number) => formatNumber(v)}
            />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatNumber(v) : String(v))} />
            <Bar dataKey="orders" name={t.orders} fill="#1849a9" isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
        <ChartFrame id="revenue-per-day" title={t.revenuePerDay} description={t.revenuePerDayText}>
          <LineChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
            <CartesianGrid stroke={gridStroke} vertical={false} />
            <XAxis dataKey="date" tick={axisTick} minTickGap={24} tickLine={false} />
            <YAxis tick={axisTick} width={72} tickFormatter={moneyTick} />
            <Tooltip formatter={tooltipMoney} />
            <Line dataKey="revenue" name={t.revenue} stroke="#067647" dot={false} isAnimationActive={false} />
          </LineChart>
        </ChartFrame>
        <ChartFrame id="aov-per-day" title={t.aovPerDay} description={t.aovPerDayText}>
          <LineChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
            <CartesianGrid stroke={gridStroke} vertical={false} />
            <XAxis dataKey="date" tick={axisTick} minTickGap={24} tickLine={false} />
            <YAxis tick={axisTick} width={72} tickFormatter={moneyTick} />
            <Tooltip formatter={tooltipMoney} />
            <Line
              dataKey="aov"
              name={t.averageOrderValue}
              stroke="#b54708"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ChartFrame>
        <ChartFrame id="orders-by-status" title={t.byStatus} description={t.byStatusText}>
          <BarChart
            data={statuses}
            layout="vertical"
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
            accessibilityLayer
          >
            <CartesianGrid stroke={gridStroke} horizontal={false} />
            <XAxis
              type="number"
              allowDecimals={false}
              tick={axisTick}
              tickFormatter={(v: number) => formatNumber(v)}
            />
            <YAxis type="category" dataKey="status" tick={axisTick} width={110} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatNumber(v) : String(v))} />
            <Bar dataKey="count" name={t.orders} fill="#6941c6" isAnimationActive={false} />
          </BarChart>
        </ChartFrame>
      </div>
      <div className="orders-detail-grid">
        <Panel title={t.topProducts} labelledBy="orders-top-products" flush>
          {data.topProducts.length === 0 ? (
            <div className="panel__body">
              <p className="subtle">{t.noProducts}</p>
            </div>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t.topProductsCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.sku}</th>
                    <th scope="col">{t.product}</th>
                    <th scope="col" className="orders-num">
                      {t.quantity}
                    </th>
                    <th scope="col" className="orders-num">
                      {t.revenue}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.topProducts.map((p) => (
                    <tr key={p.sku}>
                      <td className="mono">{p.sku}</td>
                      <td>{p.name}</td>
                      <td className="orders-num">{formatNumber(p.quantity)}</td>
                      <td className="orders-num">{money(p.revenueMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Panel>
        <Panel title={t.fulfilment} labelledBy="orders-fulfilment">
          <dl className="kv">
            <div className="kv__row">
              <dt>{t.shipped}</dt>
              <dd>{formatNumber(data.fulfilment.shipped)}</dd>
            </div>
            <div className="kv__row">
              <dt>{t.medianToShip}</dt>
              <dd>{hours(data.fulfilment.medianHoursToShip)}</dd>
            </div>
            <div className="kv__row">
              <dt>{t.p90ToShip}</dt>
              <dd>{hours(data.fulfilment.p90HoursToShip)}</dd>
            </div>
            <div className="kv__row">
              <dt>{t.medianToDeliver}</dt>
              <dd>{hours(data.fulfilment.medianHoursToDeliver)}</dd>
            </div>
          </dl>
        </Panel>
      </div>
    </div>
  );
}
