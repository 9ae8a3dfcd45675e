import type { Schema } from '@/api/types';
import { formatNumber } from '@/kit/format';

export type QualityDashboard = Schema<'QualityDashboard'>;
export type AgentScorecard = Schema<'AgentScorecard'>;
export type IntervalFigures = QualityDashboard['intervals'][number];
export type Figures = QualityDashboard['totals'];

export const dash = '—';

export const formatScore = (value: number | null) => (value === null ? dash : formatNumber(value));

export const formatShare = (value: number | null) =>
  value === null ? dash : `${formatNumber(Math.round(value * 1000) / 10)} %`;

export const formatSentiment = (value: number | null) =>
  value === null ? dash : `${value > 0 ? '+' : ''}${formatNumber(Math.round(value * 100) / 100)}`;

export const formatSeconds = (ms: number | null) =>
  ms === null ? dash : `${formatNumber(Math.round(ms / 100) / 10)} s`;

/** Grades as one short text: "A 3 · B 1 · E 2" (grades without calls left out). */
export function formatGrades(grades: Figures['grades']): string {
  const parts = (['A', 'B', 'C', 'D', 'E'] as const)
    .filter((g) => grades[g] > 0)
    .map((g) => `${g} ${grades[g]}`);
  return parts.length > 0 ? parts.join(' · ') : dash;
}
