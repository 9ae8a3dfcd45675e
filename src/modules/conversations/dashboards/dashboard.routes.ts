import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { Database } from '../../../platform/db/index.js';
import { problems } from '../analysis-config/analysis-config.schemas.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import type { CsvTable } from './dashboard-csv.js';
import { dashboardCsv, scorecardCsv } from './dashboard-csv.js';
import {
  agentParams,
  agentScorecardSchema,
  dashboardExportQuerySchema,
  dashboardQuerySchema,
  qualityDashboardSchema,
  rangeOf,
  scorecardExportQuerySchema,
  scorecardQuerySchema,
} from './dashboard.schemas.js';
import type { DashboardQuery, QualityDashboards } from './dashboard.service.js';

export interface DashboardRoutesDeps {
  readonly dashboards: QualityDashboards;
  readonly database: Database;
  readonly audit: AuditLog;
}

const tags = ['conversations'];
const csvResponse = {
  200: { description: 'The table as CSV', content: { 'text/csv': { schema: z.string() } } },
  ...problems,
};

const dashboardQueryOf = (query: z.output<typeof dashboardQuerySchema>): DashboardQuery => ({
  ...rangeOf(query),
  interval: query.interval,
  queue: query.queue,
  team: query.team,
  agent: query.agent,
  silenceMs: query.silenceMs,
  interruptions: query.interruptions,
});

/** Sends a table as a CSV download; one that names agents is audited first. */
async function sendCsv(
  deps: DashboardRoutesDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  table: CsvTable,
  details: { file: string; table: string; from: string; to: string; agentKey?: string },
) {
  if (table.namesAgents) {
    await deps.database.withTenant<ConversationsTables, void>(request.ctx, (trx) =>
      deps.audit.append(
        trx,
        { ...request.ctx, clientIp: request.ip },
        {
          action: 'conversations.quality_exported',
          target: { type: 'quality_dashboard', id: details.table },
          details: { ...details, rows: table.rows },
        },
      ),
    );
  }
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${details.file}"`)
    .header('cache-control', 'no-store')
    .send(table.csv);
}

/**
 * `GET /conversations/dashboard` (+ `/export`): quality figures by agent, team and interval,
 * sentiment, labels and outliers.
 */
export function dashboardRoutes(deps: DashboardRoutesDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags,
          summary:
            "Quality dashboard over the current analyses of calls started in the range, in the tenant's time zone: QA by agent, team and interval, sentiment trend, top labels, silence and interruption outliers",
          querystring: dashboardQuerySchema,
          response: { 200: qualityDashboardSchema, ...problems },
        },
      },
      async (request) => deps.dashboards.dashboard(request.ctx, dashboardQueryOf(request.query)),
    );
    app.get(
      '/export',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags,
          summary:
            'One table of the quality dashboard as CSV (formula-safe); tables that name agents are audited',
          querystring: dashboardExportQuerySchema,
          response: csvResponse,
        },
      },
      async (request, reply) => {
        const { table } = request.query;
        const dashboard = await deps.dashboards.dashboard(request.ctx, dashboardQueryOf(request.query));
        return sendCsv(deps, request, reply, dashboardCsv(dashboard, table), {
          file: `quality-${table}-${request.query.from.slice(0, 10)}.csv`,
          table,
          from: dashboard.range.from,
          to: dashboard.range.to,
        });
      },
    );
    await Promise.resolve();
  };
}

/** `GET /conversations/agents/{agent}/scorecard` (+ `/export`): one agent's quality over time. */
export function agentScorecardRoutes(deps: DashboardRoutesDeps): FastifyPluginAsyncZod {
  const scorecardOf = (request: {
    ctx: FastifyRequest['ctx'];
    params: { agent: string };
    query: z.output<typeof scorecardQuerySchema>;
  }) =>
    deps.dashboards.scorecard(request.ctx, request.params.agent, {
      ...rangeOf(request.query),
      interval: request.query.interval,
      queue: request.query.queue,
      team: request.query.team,
    });
  return async (app) => {
    app.get(
      '/:agent/scorecard',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags,
          summary:
            "One agent's QA over time: scores and grades per interval, pass rate per scorecard rule, sentiment, the lowest-scored calls",
          params: agentParams,
          querystring: scorecardQuerySchema,
          response: { 200: agentScorecardSchema, ...problems },
        },
      },
      async (request) => scorecardOf(request),
    );
    app.get(
      '/:agent/scorecard/export',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags,
          summary: "One table of an agent's scorecard as CSV (formula-safe, audited: it names the agent)",
          params: agentParams,
          querystring: scorecardExportQuerySchema,
          response: csvResponse,
        },
      },
      async (request, reply) => {
        const scorecard = await scorecardOf(request);
        const { table } = request.query;
        return sendCsv(deps, request, reply, scorecardCsv(scorecard, table), {
          file: `scorecard-${table}-${request.query.from.slice(0, 10)}.csv`,
          table: `scorecard.${table}`,
          from: scorecard.range.from,
          to: scorecard.range.to,
          agentKey: request.params.agent,
        });
      },
    );
    await Promise.resolve();
  };
}
