import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useMessages } from '@/i18n';
import { axisTick, ChartFrame, gridStroke } from '@/kit/ChartFrame';
import { SelectField } from '@/kit/Field';
import type { UsageSummary } from './usage.api';
import { formatQuantity } from './usage.format';
import { usageMessages } from './usage.messages';
import { daysOf } from './usage.search';

/** One meter's quantity per day of the period (storage: its areas summed), zeros on days without use. */
export function dailySeries(usage: UsageSummary, meter: string): { day: string; quantity: number }[] {
  const byDay = new Map<string, number>();
  for (const point of usage.daily)
    if (point.meter === meter) byDay.set(point.day, (byDay.get(point.day) ?? 0) + Number(point.quantity));
  return daysOf(usage.period).map((day) => ({ day, quantity: byDay.get(day) ?? 0 }));
}

export function DailyChart({ usage }: { usage: UsageSummary }) {
  const m = useMessages(usageMessages);
  const meters = useMemo(() => [...new Set(usage.lines.map((line) => line.meter))], [usage.lines]);
  // The first meter with use, so the chart opens on something.
  const [chosen, setChosen] = useState<string | undefined>();
  const meter =
    chosen ?? usage.lines.find((line) => line.quantity !== '0')?.meter ?? meters[0] ?? 'call_records';
  const unit = usage.lines.find((line) => line.meter === meter)?.unit ?? '';
  const points = useMemo(() => dailySeries(usage, meter), [usage, meter]);
  const name = m.meterNames[meter] ?? meter;
  return (
    <div className="stack stack--sm">
      <div className="usage-chart-controls">
        <SelectField label={m.chartMeter} value={meter} onChange={(e) => setChosen(e.target.value)}>
          {meters.map((value) => (
            <option key={value} value={value}>
              {m.meterNames[value] ?? value}
            </option>
          ))}
        </SelectField>
      </div>
      <ChartFrame id="usage-daily" title={m.chartTitle} description={m.chartDescription(name, unit)} wide>
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="12%">
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey="day" tick={axisTick} minTickGap={24} tickLine={false} />
          <YAxis
            tick={axisTick}
            width={56}
            tickFormatter={(value: number) => formatQuantity(String(value))}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip
            formatter={(value) =>
              typeof value === 'number' ? `${formatQuantity(String(value))} ${unit}` : '—'
            }
          />
          <Bar dataKey="quantity" name={name} fill="var(--brand)" isAnimationActive={false} />
        </BarChart>
      </ChartFrame>
    </div>
  );
}
