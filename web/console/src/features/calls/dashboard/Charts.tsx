import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, ChartFrame, gridStroke } from '@/kit/ChartFrame';
import { formatNumber } from '@/kit/format';
import { formatDuration, formatRatio } from '../calls.format';
import type { ChartPoint, Series } from './chart-series';

export function VolumeChart({
  points,
  series,
  onBarClick,
}: {
  points: readonly ChartPoint[];
  series: readonly Series[];
  /** Opens the calls of a bar's interval (the tables below offer the same by keyboard). */
  onBarClick?: (point: ChartPoint, index: number) => void;
}) {
  return (
    <ChartFrame
      id="volume"
      title="Calls"
      description={
        series.length > 1 ? 'Calls started per interval, stacked by group.' : 'Calls started per interval.'
      }
      wide
    >
      <BarChart data={[...points]} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="12%">
        <CartesianGrid stroke={gridStroke} vertical={false} />
        <XAxis dataKey="label" tick={axisTick} minTickGap={24} tickLine={false} />
        <YAxis
          allowDecimals={false}
          tick={axisTick}
          width={44}
          tickFormatter={(value: number) => formatNumber(value)}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip formatter={(value) => (typeof value === 'number' ? formatNumber(value) : String(value))} />
        {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stackId="calls"
            fill={s.color}
            isAnimationActive={false}
            {...(onBarClick
              ? {
                  onClick: (_: unknown, index: number) => points[index] && onBarClick(points[index], index),
                  cursor: 'pointer',
                }
              : {})}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}

type RateKey = 'answerRate' | 'handleSeconds' | 'abandonRate';

const rateCharts: Readonly<
  Record<
    RateKey,
    { title: string; description: string; color: string; format: (value: number) => string; ratio: boolean }
  >
> = {
  answerRate: {
    title: 'Answer rate',
    description: 'Answered calls of all calls started.',
    color: '#067647',
    format: formatRatio,
    ratio: true,
  },
  handleSeconds: {
    title: 'Average handle time',
    description: 'Talk plus after-call work, over answered calls.',
    color: '#1849a9',
    format: formatDuration,
    ratio: false,
  },
  abandonRate: {
    title: 'Abandon rate',
    description: 'Inbound calls the caller gave up before an answer.',
    color: '#b42318',
    format: formatRatio,
    ratio: true,
  },
};

/** One figure over time; intervals without the calls it needs leave a gap rather than a false zero. */
export function RateChart({ points, figure }: { points: readonly ChartPoint[]; figure: RateKey }) {
  const chart = rateCharts[figure];
  return (
    <ChartFrame id={figure} title={chart.title} description={chart.description}>
      <LineChart data={[...points]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={gridStroke} vertical={false} />
        <XAxis dataKey="label" tick={axisTick} minTickGap={24} tickLine={false} />
        <YAxis
          tick={axisTick}
          width={52}
          domain={chart.ratio ? [0, 1] : [0, 'auto']}
          tickFormatter={(value: number) => chart.format(value)}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip formatter={(value) => (typeof value === 'number' ? chart.format(value) : '—')} />
        <Line
          type="monotone"
          dataKey={figure}
          name={chart.title}
          stroke={chart.color}
          strokeWidth={2}
          dot={points.length <= 48}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}
