import { useMessages } from '@/i18n';
import { formatNumber } from '../format';
import { dataTableMessages } from './data-table.messages';

/** How many rows match: counted, or the planner's estimate when counting would be slow. */
export interface Total {
  readonly count: number;
  readonly exact: boolean;
}

/** An estimate keeps two significant digits: "about 91,000", not a precise-looking 90,817. */
export function roundEstimate(count: number): number {
  if (count < 100) return count;
  const magnitude = 10 ** (Math.floor(Math.log10(count)) - 1);
  return Math.round(count / magnitude) * magnitude;
}

/** The total as words: "1,234" or "about 91,000". */
export function useFormatTotal(): (total: Total) => string {
  const t = useMessages(dataTableMessages);
  return (total) =>
    total.exact ? formatNumber(total.count) : t.about(formatNumber(roundEstimate(total.count)));
}
