import { z } from 'zod';
import { ConversationsErrors } from '../errors.js';
import { DASHBOARD_TABLES, SCORECARD_TABLES } from './dashboard-csv.js';
import type { DashboardInterval } from './dashboard.repo.js';

/* Request and response schemas of the quality dashboards (they also make the OpenAPI document). */

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with Z or an offset' });
const label = z.string().min(1, 'must not be empty').max(256, 'must have at most 256 characters');

/** Longest ranges: a day interval over at most 400 days, a week interval over at most 3 years. */
export const MAX_RANGE_DAYS: Record<DashboardInterval, number> = { day: 400, week: 1100 };

export const scorecardQuerySchema = z.object({
  from: instant.describe('Calls started at or after this instant'),
  to: instant.describe('Calls started before this instant'),
  interval: z.enum(['week', 'day']).default('week').describe("Trend intervals of the tenant's time zone"),
  queue: label.optional(),
  team: label.optional(),
});

export const dashboardQuerySchema = scorecardQuerySchema.extend({
  agent: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be an agent key (64 hexadecimal digits, as the dashboard answers it)')
    .optional(),
  silenceMs: z.coerce
    .number()
    .int('must be a whole number')
    .min(1000, 'must be at least 1000')
    .max(3_600_000, 'must be at most 3600000')
    .default(30_000)
    .describe('A longest silence of this many milliseconds or more is an outlier (besides the p95)'),
  interruptions: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000, 'must be at most 10000')
    .default(10)
    .describe('This many interruptions or more is an outlier (besides the p95)'),
});

export const dashboardExportQuerySchema = dashboardQuerySchema.extend({
  table: z.enum(DASHBOARD_TABLES).describe('Which table of the dashboard'),
});

export const scorecardExportQuerySchema = scorecardQuerySchema.extend({
  table: z.enum(SCORECARD_TABLES).describe("Which table of the agent's scorecard"),
});

export const agentParams = z.object({
  agent: z
    .string()
    .min(1)
    .max(200)
    .describe("The agent key (the blind index as hex) from the dashboard's agents"),
});

/** The range's checks the schema cannot make alone, each naming its field. */
export function rangeOf(query: { from: string; to: string; interval: DashboardInterval }): {
  from: Date;
  to: Date;
} {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to.getTime() <= from.getTime())
    throw ConversationsErrors.invalidFilter('querystring.to', 'must be after from');
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  const max = MAX_RANGE_DAYS[query.interval];
  if (days > max)
    throw ConversationsErrors.invalidFilter(
      'querystring.to',
      `gives a range of ${Math.ceil(days)} days; at most ${max} with interval=${query.interval}`,
    );
  return { from, to };
}

const figures = {
  calls: z.number().int(),
  scored: z.number().int().describe('Calls with a QA score'),
  qaAverage: z.number().nullable().describe('Mean QA score (0..100) of the scored calls'),
  grades: z.object({
    A: z.number().int(),
    B: z.number().int(),
    C: z.number().int(),
    D: z.number().int(),
    E: z.number().int(),
    ungraded: z.number().int(),
  }),
  sentimentAverage: z.number().nullable().describe('Mean of the calls’ overall sentiment (-1..1)'),
  negativeShare: z.number().nullable().describe('Share of calls whose overall sentiment is -0.1 or lower'),
};

const agentName = {
  agentKey: z.string().nullable().describe('Blind index of the agent as hex; null: calls without an agent'),
  name: z.string().nullable().describe("The agent's name (or id) from the newest call's metadata"),
  recordingsFilter: z
    .string()
    .nullable()
    .describe("The value of GET /recordings?agent= that lists this agent's calls"),
};

const range = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  interval: z.enum(['week', 'day']),
});

const interval = z.object({
  start: z.string().describe('UTC instant of the local interval start'),
  localStart: z.string().describe("First day of the interval on the tenant's calendar (YYYY-MM-DD)"),
  ...figures,
});

const callLink = {
  recordingId: z.string(),
  analysisId: z.string(),
  startedAt: z.string(),
  queue: z.string().nullable(),
  qaScore: z.number().nullable(),
  grade: z.string().nullable(),
};

const outlierList = z.object({
  p95: z.number().nullable().describe('95th percentile of the measure over the calls in scope'),
  threshold: z.number().describe('The fixed threshold asked for'),
  calls: z.array(
    z.object({
      ...callLink,
      team: z.string().nullable(),
      agent: z.object(agentName),
      value: z.number(),
    }),
  ),
});

const labelCounts = z.array(z.object({ label: z.string(), calls: z.number().int() }));

export const qualityDashboardSchema = z
  .object({
    range,
    totals: z.object(figures),
    intervals: z.array(interval),
    agents: z.array(z.object({ ...agentName, ...figures })),
    teams: z.array(z.object({ team: z.string().nullable(), ...figures })),
    categories: labelCounts,
    intents: labelCounts,
    topics: labelCounts,
    outliers: z.object({ silence: outlierList, interruptions: outlierList }),
  })
  .meta({ id: 'QualityDashboard' });

export const agentScorecardSchema = z
  .object({
    agent: z.object(agentName),
    range,
    totals: z.object(figures),
    intervals: z.array(interval),
    rules: z.array(
      z.object({
        ruleId: z.string(),
        name: z.string(),
        category: z.string(),
        evaluated: z.number().int(),
        passed: z.number().int(),
        passRate: z.number().nullable(),
      }),
    ),
    rulesReadFrom: z.number().int().describe('How many of the newest analyses the pass rates were read from'),
    worstCalls: z.array(z.object({ ...callLink, sentimentScore: z.number().nullable() })),
  })
  .meta({ id: 'AgentScorecard' });
