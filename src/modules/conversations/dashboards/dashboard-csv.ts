import type { AgentScorecard, Figures, OutlierCall, QualityDashboard } from './dashboard.service.js';

/*
 * The dashboard's tables as CSV, one table a file. Text a spreadsheet would run as a formula
 * (=, +, -, @, a tab or carriage return first) gets a leading apostrophe; numbers are written as
 * numbers. A table that names agents is marked so that its export is audited.
 */

export type Cell = string | number | null;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvOf(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

export interface CsvTable {
  readonly csv: string;
  readonly rows: number;
  /** Whether the table names agents (personal data): its export is audited. */
  readonly namesAgents: boolean;
}

const figureHeader = [
  'calls',
  'scored',
  'qa_average',
  'grade_a',
  'grade_b',
  'grade_c',
  'grade_d',
  'grade_e',
  'ungraded',
  'sentiment_average',
  'negative_share',
] as const;

const figureCells = (f: Figures): Cell[] => [
  f.calls,
  f.scored,
  f.qaAverage,
  f.grades.A,
  f.grades.B,
  f.grades.C,
  f.grades.D,
  f.grades.E,
  f.grades.ungraded,
  f.sentimentAverage,
  f.negativeShare,
];

export const DASHBOARD_TABLES = [
  'intervals',
  'agents',
  'teams',
  'categories',
  'intents',
  'topics',
  'silence',
  'interruptions',
] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

const outlierTable = (calls: readonly OutlierCall[], measure: string): CsvTable => ({
  csv: csvOf(
    ['recording_id', 'started_at', 'agent', 'agent_key', 'team', 'queue', measure, 'qa_score', 'grade'],
    calls.map((c) => [
      c.recordingId,
      c.startedAt,
      c.agent.name,
      c.agent.agentKey,
      c.team,
      c.queue,
      c.value,
      c.qaScore,
      c.grade,
    ]),
  ),
  rows: calls.length,
  namesAgents: calls.some((c) => c.agent.name !== null),
});

export function dashboardCsv(dashboard: QualityDashboard, table: DashboardTable): CsvTable {
  switch (table) {
    case 'intervals':
      return {
        csv: csvOf(
          ['start', 'local_start', ...figureHeader],
          dashboard.intervals.map((i) => [i.start, i.localStart, ...figureCells(i)]),
        ),
        rows: dashboard.intervals.length,
        namesAgents: false,
      };
    case 'agents':
      return {
        csv: csvOf(
          ['agent', 'agent_key', ...figureHeader],
          dashboard.agents.map((a) => [a.name, a.agentKey, ...figureCells(a)]),
        ),
        rows: dashboard.agents.length,
        namesAgents: dashboard.agents.some((a) => a.name !== null),
      };
    case 'teams':
      return {
        csv: csvOf(
          ['team', ...figureHeader],
          dashboard.teams.map((t) => [t.team, ...figureCells(t)]),
        ),
        rows: dashboard.teams.length,
        namesAgents: false,
      };
    case 'categories':
    case 'intents':
    case 'topics':
      return {
        csv: csvOf(
          [table === 'categories' ? 'category' : table === 'intents' ? 'intent' : 'topic', 'calls'],
          dashboard[table].map((l) => [l.label, l.calls]),
        ),
        rows: dashboard[table].length,
        namesAgents: false,
      };
    case 'silence':
      return outlierTable(dashboard.outliers.silence.calls, 'longest_silence_ms');
    case 'interruptions':
      return outlierTable(dashboard.outliers.interruptions.calls, 'interruptions');
  }
}

export const SCORECARD_TABLES = ['intervals', 'rules', 'worst_calls'] as const;
export type ScorecardTable = (typeof SCORECARD_TABLES)[number];

/** A scorecard's tables all belong to one named agent: every export of one is audited. */
export function scorecardCsv(scorecard: AgentScorecard, table: ScorecardTable): CsvTable {
  const agent = [scorecard.agent.name, scorecard.agent.agentKey];
  switch (table) {
    case 'intervals':
      return {
        csv: csvOf(
          ['agent', 'agent_key', 'start', 'local_start', ...figureHeader],
          scorecard.intervals.map((i) => [...agent, i.start, i.localStart, ...figureCells(i)]),
        ),
        rows: scorecard.intervals.length,
        namesAgents: true,
      };
    case 'rules':
      return {
        csv: csvOf(
          ['agent', 'agent_key', 'rule_id', 'rule', 'category', 'evaluated', 'passed', 'pass_rate'],
          scorecard.rules.map((r) => [
            ...agent,
            r.ruleId,
            r.name,
            r.category,
            r.evaluated,
            r.passed,
            r.passRate,
          ]),
        ),
        rows: scorecard.rules.length,
        namesAgents: true,
      };
    case 'worst_calls':
      return {
        csv: csvOf(
          [
            'agent',
            'agent_key',
            'recording_id',
            'started_at',
            'queue',
            'qa_score',
            'grade',
            'sentiment_score',
          ],
          scorecard.worstCalls.map((c) => [
            ...agent,
            c.recordingId,
            c.startedAt,
            c.queue,
            c.qaScore,
            c.grade,
            c.sentimentScore,
          ]),
        ),
        rows: scorecard.worstCalls.length,
        namesAgents: true,
      };
  }
}
