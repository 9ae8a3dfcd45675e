import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { useMessages } from '@/i18n';
import { axisTick, ChartFrame, gridStroke } from '@/kit/ChartFrame';
import type { IntervalFigures } from './quality.format';
import { qualityMessages } from './quality.messages';

const gradeColours = { A: '#2e8f86', B: '#6bb3a0', C: '#d9b44a', D: '#e08a4a', E: '#c4453c' } as const;

/** Average QA score per interval (line, right axis 0..100) over calls per grade (stacked bars). */
export function QaChart({ intervals }: { intervals: readonly IntervalFigures[] }) {
  const m = useMessages(qualityMessages);
  const points = intervals.map((i) => ({ label: i.localStart, qa: i.qaAverage, ...i.grades }));
  return (
    <ChartFrame id="qa" title={m.charts.qaTitle} description={m.charts.qaDescription}>
      <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={gridStroke} vertical={false} />
        <XAxis dataKey="label" tick={axisTick} minTickGap={24} tickLine={false} />
        <YAxis yAxisId="calls" allowDecimals={false} tick={axisTick} width={36} />
        <YAxis yAxisId="qa" orientation="right" domain={[0, 100]} tick={axisTick} width={36} />
        <Tooltip />
        <Legend />
        {(['A', 'B', 'C', 'D', 'E'] as const).map((grade) => (
          <Bar
            key={grade}
            yAxisId="calls"
            dataKey={grade}
            name={`${m.grade} ${grade}`}
            stackId="grades"
            fill={gradeColours[grade]}
            isAnimationActive={false}
          />
        ))}
        <Line
          yAxisId="qa"
          dataKey="qa"
          name={m.qaAverage}
          stroke="#243b53"
          strokeWidth={2}
          connectNulls
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartFrame>
  );
}

/** Average sentiment (line, −1..1) and the share of negative calls (bars, 0..100 %). */
export function SentimentChart({ intervals }: { intervals: readonly IntervalFigures[] }) {
  const m = useMessages(qualityMessages);
  const points = intervals.map((i) => ({
    label: i.localStart,
    sentiment: i.sentimentAverage,
    negative: i.negativeShare === null ? null : Math.round(i.negativeShare * 1000) / 10,
  }));
  return (
    <ChartFrame id="sentiment" title={m.charts.sentimentTitle} description={m.charts.sentimentDescription}>
      <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={gridStroke} vertical={false} />
        <XAxis dataKey="label" tick={axisTick} minTickGap={24} tickLine={false} />
        <YAxis yAxisId="share" domain={[0, 100]} unit="%" tick={axisTick} width={44} />
        <YAxis yAxisId="sentiment" orientation="right" domain={[-1, 1]} tick={axisTick} width={36} />
        <Tooltip />
        <Legend />
        <Bar
          yAxisId="share"
          dataKey="negative"
          name={m.negativeShare}
          fill="#e0a39e"
          isAnimationActive={false}
        />
        <Line
          yAxisId="sentiment"
          dataKey="sentiment"
          name={m.sentiment}
          stroke="#2e8f86"
          strokeWidth={2}
          connectNulls
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartFrame>
  );
}
