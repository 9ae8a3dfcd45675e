import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/** Axis labels and grid lines of every chart. */
export const axisTick = { fontSize: 12, fill: '#687385' };
export const gridStroke = '#e2e5ea';
/** Before the container is measured (and in tests, where nothing is): a sensible size to draw at. */
const initialSize = { width: 800, height: 240 };

export interface ChartFrameProps {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly wide?: boolean;
  readonly children: ReactElement;
}

/** A chart with its title and description as a figure; the chart itself is reachable by keyboard (arrow keys move through the points). */
export function ChartFrame({ id, title, description, wide, children }: ChartFrameProps) {
  return (
    <figure
      className={wide ? 'panel chart chart--wide' : 'panel chart'}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-description`}
    >
      <div className="panel__body">
        <figcaption>
          <h2 id={`${id}-title`}>{title}</h2>
          <p id={`${id}-description`} className="subtle">
            {description}
          </p>
        </figcaption>
        <div className="chart__frame" data-testid={`chart-${id}`}>
          <ResponsiveContainer width="100%" height="100%" initialDimension={initialSize}>
            {children}
          </ResponsiveContainer>
        </div>
      </div>
    </figure>
  );
}
