import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { toPublicId } from '../../../platform/ids.js';
import type { AnalysisResult } from '../analyses/analyse-call.js';
import type { ConversationsTables, ConversationsTransaction } from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import type { RecordingMetadata } from '../recordings/recording-metadata.schema.js';
import { sealingAad, type ConversationsSealing } from '../sealing.js';
import {
  agentSample,
  analysesInScope,
  byAgent,
  byInterval,
  byTeam,
  outliers,
  topLabels,
  totals,
  worstCalls,
  type DashboardInterval,
  type DashboardScope,
  type FigureRow,
  type IntervalRow,
  type OutlierMeasure,
  type ScoredCallRow,
} from './dashboard.repo.js';

/*
 * The quality dashboard and an agent's scorecard, read from the analyses' plain columns. Agent
 * names are sealed in the recordings' metadata: each agent group's newest call is unsealed once to
 * name it. The rule pass rates of a scorecard need the sealed results: the newest RULES_READ_LIMIT
 * analyses in scope are read.
 */

export const TOP_LABELS = 20;
export const OUTLIER_LIMIT = 50;
export const WORST_CALLS = 10;
export const RULES_READ_LIMIT = 1000;

export interface DashboardQuery {
  readonly from: Date;
  readonly to: Date;
  readonly interval: DashboardInterval;
  readonly queue?: string | undefined;
  readonly team?: string | undefined;
  /** An agent key (the blind index as hex, as the dashboard answers it). */
  readonly agent?: string | undefined;
  readonly silenceMs: number;
  readonly interruptions: number;
}

export interface Figures {
  readonly calls: number;
  readonly scored: number;
  readonly qaAverage: number | null;
  readonly grades: { A: number; B: number; C: number; D: number; E: number; ungraded: number };
  readonly sentimentAverage: number | null;
  /** Share of calls (0..1) whose mean sentiment is negative; null without calls. */
  readonly negativeShare: number | null;
}

export interface AgentName {
  /** The agent's key: the blind index as hex (the scorecard's path parameter); null: calls without an agent. */
  readonly agentKey: string | null;
  /** The name (or, without one, the id) the newest call's metadata gives; null when it gives none. */
  readonly name: string | null;
  /** What the recordings list's `agent` filter takes to list this agent's calls. */
  readonly recordingsFilter: string | null;
}

export interface CallLink {
  readonly recordingId: string;
  readonly analysisId: string;
  readonly startedAt: string;
  readonly queue: string | null;
  readonly qaScore: number | null;
  readonly grade: string | null;
}

export interface OutlierCall extends CallLink {
  readonly team: string | null;
  readonly agent: AgentName;
  readonly value: number;
}

export interface OutlierList {
  readonly p95: number | null;
  readonly threshold: number;
  readonly calls: OutlierCall[];
}

export interface IntervalFigures extends Figures {
  readonly start: string;
  readonly localStart: string;
}

export interface QualityDashboard {
  readonly range: { from: string; to: string; timeZone: string; interval: DashboardInterval };
  readonly totals: Figures;
  readonly intervals: IntervalFigures[];
  readonly agents: (AgentName & Figures)[];
  readonly teams: ({ team: string | null } & Figures)[];
  readonly categories: { label: string; calls: number }[];
  readonly intents: { label: string; calls: number }[];
  readonly topics: { label: string; calls: number }[];
  readonly outliers: { silence: OutlierList; interruptions: OutlierList };
}

export interface RulePassRate {
  readonly ruleId: string;
  readonly name: string;
  readonly category: string;
  readonly evaluated: number;
  readonly passed: number;
  readonly passRate: number | null;
}

export interface AgentScorecard {
  readonly agent: AgentName;
  readonly range: QualityDashboard['range'];
  readonly totals: Figures;
  readonly intervals: IntervalFigures[];
  readonly rules: RulePassRate[];
  /** How many analyses the pass rates were read from (the newest, at most RULES_READ_LIMIT). */
  readonly rulesReadFrom: number;
  readonly worstCalls: (CallLink & { sentimentScore: number | null })[];
}

export interface QualityDashboards {
  dashboard(ctx: RequestContext, query: DashboardQuery): Promise<QualityDashboard>;
  scorecard(
    ctx: RequestContext,
    agentKey: string,
    query: Omit<DashboardQuery, 'agent' | 'silenceMs' | 'interruptions'>,
  ): Promise<AgentScorecard>;
}

export interface QualityDashboardsDeps {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  readonly timeZoneOf: (ctx: RequestContext) => Promise<string>;
}

const round = (value: number | null, digits: number) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

export function figuresOf(row: FigureRow): Figures {
  return {
    calls: row.calls,
    scored: row.scored,
    qaAverage: round(row.qaAverage, 1),
    grades: {
      A: row.gradeA,
      B: row.gradeB,
      C: row.gradeC,
      D: row.gradeD,
      E: row.gradeE,
      ungraded: row.ungraded,
    },
    sentimentAverage: round(row.sentimentAverage, 3),
    negativeShare: row.calls === 0 ? null : round(row.negative / row.calls, 4),
  };
}

const intervalsOf = (rows: readonly IntervalRow[]): IntervalFigures[] =>
  rows.map((row) => ({ start: row.start.toISOString(), localStart: row.localStart, ...figuresOf(row) }));

const callLink = (row: Omit<ScoredCallRow, 'resultSealed' | 'sentimentScore'>): CallLink => ({
  recordingId: toPublicId('rec', row.recordingId),
  analysisId: toPublicId('ana', row.analysisId),
  startedAt: row.startedAt.toISOString(),
  queue: row.queue,
  qaScore: round(row.qaScore, 1),
  grade: row.grade,
});

const agentKeyShape = /^[0-9a-f]{64}$/;

export function agentIndexOf(field: string, agentKey: string): Buffer {
  if (!agentKeyShape.test(agentKey))
    throw ConversationsErrors.invalidFilter(field, 'must be an agent key (64 hexadecimal digits)');
  return Buffer.from(agentKey, 'hex');
}

export function createQualityDashboards(deps: QualityDashboardsDeps): QualityDashboards {
  const { database, sealing } = deps;
  const inTenant = <T>(ctx: RequestContext, fn: (trx: ConversationsTransaction) => Promise<T>) =>
    database.withTenant<ConversationsTables, T>(ctx, fn);

  /** The agent as a call's metadata names it (unsealed once per agent and answer). */
  const namer = (ctx: RequestContext) => {
    const seen = new Map<string, Promise<AgentName>>();
    return (agentKey: string | null, recordingId: string, sealed: Buffer): Promise<AgentName> => {
      if (agentKey === null) return Promise.resolve({ agentKey, name: null, recordingsFilter: null });
      const known = seen.get(agentKey);
      if (known) return known;
      const named = sealing
        .unsealJson<RecordingMetadata>(ctx.tenantId, sealed, sealingAad.metadata(recordingId))
        .then((metadata) => ({
          agentKey,
          name: metadata.agent?.name ?? metadata.agent?.id ?? null,
          recordingsFilter: metadata.agent?.id ?? metadata.agent?.name ?? null,
        }));
      seen.set(agentKey, named);
      return named;
    };
  };

  const rangeOf = (query: { from: Date; to: Date; interval: DashboardInterval }, timeZone: string) => ({
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    timeZone,
    interval: query.interval,
  });

  return {
    async dashboard(ctx, query) {
      const timeZone = await deps.timeZoneOf(ctx);
      const scope: DashboardScope = {
        from: query.from,
        to: query.to,
        timeZone,
        queue: query.queue,
        team: query.team,
        agentIndex: query.agent === undefined ? undefined : agentIndexOf('querystring.agent', query.agent),
      };
      const thresholds: Record<OutlierMeasure, number> = {
        silence: query.silenceMs,
        interruptions: query.interruptions,
      };
      const read = await inTenant(ctx, async (trx) => ({
        totals: await totals(trx, scope),
        intervals: await byInterval(trx, scope, query.interval),
        agents: await byAgent(trx, scope),
        teams: await byTeam(trx, scope),
        categories: await topLabels(trx, scope, 'categories', TOP_LABELS),
        intents: await topLabels(trx, scope, 'intents', TOP_LABELS),
        topics: await topLabels(trx, scope, 'topics', TOP_LABELS),
        silence: await outliers(trx, scope, 'silence', thresholds.silence, OUTLIER_LIMIT),
        interruptions: await outliers(trx, scope, 'interruptions', thresholds.interruptions, OUTLIER_LIMIT),
      }));
      const name = namer(ctx);
      const outlierList = async (measure: OutlierMeasure): Promise<OutlierList> => {
        const found = read[measure];
        return {
          p95: round(found.p95, 1),
          threshold: thresholds[measure],
          calls: await Promise.all(
            found.rows.map(async (row) => ({
              ...callLink(row),
              team: row.team,
              agent: await name(row.agentKey, row.recordingId, row.metadataSealed),
              value: row.value,
            })),
          ),
        };
      };
      return {
        range: rangeOf(query, timeZone),
        totals: figuresOf(read.totals),
        intervals: intervalsOf(read.intervals),
        agents: await Promise.all(
          read.agents.map(async (row) => ({
            ...(await name(row.agentKey, row.sampleRecordingId, row.sampleMetadataSealed)),
            ...figuresOf(row),
          })),
        ),
        teams: read.teams.map((row) => ({ team: row.team, ...figuresOf(row) })),
        categories: read.categories,
        intents: read.intents,
        topics: read.topics,
        outliers: {
          silence: await outlierList('silence'),
          interruptions: await outlierList('interruptions'),
        },
      };
    },

    async scorecard(ctx, agentKey, query) {
      const agentIndex = agentIndexOf('params.agent', agentKey);
      const timeZone = await deps.timeZoneOf(ctx);
      const scope: DashboardScope = {
        from: query.from,
        to: query.to,
        timeZone,
        queue: query.queue,
        team: query.team,
        agentIndex,
      };
      const read = await inTenant(ctx, async (trx) => ({
        sample: await agentSample(trx, agentIndex),
        totals: await totals(trx, scope),
        intervals: await byInterval(trx, scope, query.interval),
        analyses: await analysesInScope(trx, scope, RULES_READ_LIMIT),
        worst: await worstCalls(trx, scope, WORST_CALLS),
      }));
      if (!read.sample) throw ConversationsErrors.agentNotFound();
      const agent = await namer(ctx)(agentKey, read.sample.id, read.sample.metadataSealed);
      const rules = new Map<
        string,
        { ruleId: string; name: string; category: string; evaluated: number; passed: number }
      >();
      for (const row of read.analyses) {
        const result = await sealing.unsealJson<AnalysisResult>(
          ctx.tenantId,
          row.resultSealed,
          sealingAad.analysis(row.analysisId),
        );
        for (const rule of result.qa?.rules ?? []) {
          if (rule.status !== 'evaluated' || rule.pass === null) continue;
          const tally = rules.get(rule.ruleId) ?? {
            ruleId: rule.ruleId,
            name: rule.name,
            category: rule.category,
            evaluated: 0,
            passed: 0,
          };
          tally.evaluated += 1;
          if (rule.pass) tally.passed += 1;
          rules.set(rule.ruleId, tally);
        }
      }
      return {
        agent,
        range: rangeOf(query, timeZone),
        totals: figuresOf(read.totals),
        intervals: intervalsOf(read.intervals),
        rules: [...rules.values()]
          .map((tally) => ({ ...tally, passRate: round(tally.passed / tally.evaluated, 4) }))
          .sort((a, b) => (a.passRate ?? 0) - (b.passRate ?? 0) || a.ruleId.localeCompare(b.ruleId)),
        rulesReadFrom: read.analyses.length,
        worstCalls: read.worst.map((row) => ({
          ...callLink(row),
          sentimentScore: round(row.sentimentScore, 3),
        })),
      };
    },
  };
}
