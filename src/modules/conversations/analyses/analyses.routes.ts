import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { Workflows } from '../../../platform/jobs/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import {
  actionItemSchema,
  analysisProvenanceSchema,
  entitySchema,
  intentHitSchema,
  sentimentSchema,
  speakerQuestionsSchema,
  summarySchema,
  topicMatchSchema,
  trackerHitSchema,
} from '../analysis/index.js';
import { problems } from '../analysis-config/analysis-config.schemas.js';
import type { ConversationsTables } from '../db/conversations.tables.js';
import { ConversationsErrors } from '../errors.js';
import { overrideMarkSchema } from '../reviews/qa-reviews.schemas.js';
import type { QaReviewsService } from '../reviews/qa-reviews.service.js';
import { existingRecordingUuid } from '../recordings/existing-recording.js';
import { currentTranscript } from '../recordings/recordings.repo.js';
import { sealingAad, type ConversationsSealing } from '../sealing.js';
import type { AnalysisResult } from './analyse-call.js';
import { analysesOf, currentAnalysis, type AnalysisRow } from './analyses.repo.js';
import { analysisWorkflowId, type AnalysisWorkflow } from './analysis.workflow.js';

const params = z.object({ id: z.string().min(1).max(120) });

const evidence = z.object({
  segmentId: z.string().nullable(),
  startMs: z.number(),
  endMs: z.number(),
  speaker: z.string().nullable(),
  quote: z.string(),
});

const analysisSummarySchema = z
  .object({
    id: z.string().describe('ana_…'),
    recordingId: z.string(),
    transcriptId: z.string(),
    runId: z.string(),
    reason: z.enum(['pipeline', 'reanalysis', 'rescore']),
    isCurrent: z.boolean(),
    analyser: z.string(),
    analyserVersion: z.string(),
    configs: z.object({
      scorecard: z.string().nullable().describe('<scorecard id>@<version> used, null when none was active'),
      categorySet: z.string().nullable(),
      insightSchema: z.string().nullable(),
    }),
    sentimentScore: z.number().nullable(),
    qaScore: z
      .number()
      .nullable()
      .describe("Effective: the machine's score with reviewers' overrides applied"),
    grade: z.enum(['A', 'B', 'C', 'D', 'E']).nullable().describe('Effective, as qaScore'),
    machineQaScore: z
      .number()
      .nullable()
      .optional()
      .describe('The score the analysis computed, before overrides'),
    machineGrade: z.enum(['A', 'B', 'C', 'D', 'E']).nullable().optional(),
    reviewedAt: z
      .string()
      .nullable()
      .optional()
      .describe("When a reviewer's override last changed the figures"),
    intents: z.array(z.string()),
    categories: z.array(z.string()),
    topics: z.array(z.string()),
    finalKey: z.string().nullable(),
    requestedBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ConversationAnalysisSummary' });

const qaSchema = z
  .object({
    scorecardId: z.string(),
    scorecardVersion: z.number().int(),
    score: z.number().nullable(),
    weightedScore: z.number().nullable(),
    grade: z.enum(['A', 'B', 'C', 'D', 'E']).nullable(),
    autoFailed: z.boolean(),
    autoFailedBy: z.array(z.string()),
    complete: z.boolean(),
    rules: z.array(
      z.object({
        ruleId: z.string(),
        name: z.string(),
        category: z.string(),
        kind: z.enum(['llm', 'deterministic']),
        weight: z.number(),
        autoFail: z.boolean(),
        status: z.enum(['evaluated', 'pending', 'not_applicable']),
        score: z.number().nullable(),
        pass: z.boolean().nullable(),
        evidence: z.array(evidence),
        coachNote: z.string(),
        override: overrideMarkSchema
          .optional()
          .describe("Present when a reviewer overrode the rule: score and pass above are the reviewer's"),
      }),
    ),
    categories: z.array(z.object({ category: z.string(), score: z.number().nullable(), weight: z.number() })),
    machine: z
      .object({ score: z.number().nullable(), grade: z.enum(['A', 'B', 'C', 'D', 'E']).nullable() })
      .optional()
      .describe("The analysis' own figures before reviewers' overrides (score, grade above are effective)"),
    reviewed: z.boolean().optional().describe('True when at least one rule was overridden'),
  })
  .meta({ id: 'QaEvaluation' });

const analysisDetailSchema = analysisSummarySchema
  .extend({
    summary: summarySchema.extend({ abstractive: z.string().nullable() }),
    sentiment: sentimentSchema,
    categories: z.array(z.string()),
    categoryMatches: z.array(
      z.object({
        categoryId: z.string(),
        name: z.string(),
        points: z.array(
          z.object({
            segmentId: z.string().nullable(),
            startMs: z.number(),
            endMs: z.number(),
            speaker: z.string().nullable(),
            condition: z.string(),
          }),
        ),
      }),
    ),
    trackers: z.array(trackerHitSchema),
    topicMatches: z.array(topicMatchSchema),
    intentHits: z.array(intentHitSchema),
    questions: z.array(speakerQuestionsSchema),
    actionItems: z.array(actionItemSchema),
    entities: z.array(entitySchema),
    qa: qaSchema.nullable(),
    insights: z
      .object({
        schemaId: z.string(),
        schemaVersion: z.number().int(),
        values: z.record(z.string(), z.unknown()).nullable(),
        valid: z.boolean(),
        problems: z.array(z.object({ field: z.string(), message: z.string() })),
      })
      .nullable(),
    provenance: z.object({
      analysis: analysisProvenanceSchema,
      llm: z
        .object({
          provider: z.string(),
          model: z.string(),
          promptVersion: z.string(),
          inputTokens: z.number(),
          outputTokens: z.number(),
          costUsd: z.number().nullable(),
          configHash: z.string(),
        })
        .nullable(),
    }),
  })
  .meta({ id: 'ConversationAnalysis' });

const reanalysisAcceptedSchema = z
  .object({
    analysisId: z.string().describe('ana_…: the id the analysis will have in GET …/analyses'),
    recordingId: z.string(),
    state: z.literal('queued'),
  })
  .meta({ id: 'ReanalysisAccepted' });

export interface AnalysesRoutesDeps {
  readonly database: Database;
  readonly sealing: ConversationsSealing;
  readonly audit: AuditLog;
  readonly workflows: Workflows | undefined;
  readonly workflow: AnalysisWorkflow | undefined;
  /** The effective QA (reviewers' overrides applied) the current analysis shows. */
  readonly reviews: QaReviewsService;
}

const summaryOf = (row: AnalysisRow): z.output<typeof analysisSummarySchema> => ({
  id: toPublicId('ana', row.id),
  recordingId: toPublicId('rec', row.recordingId),
  transcriptId: toPublicId('trn', row.transcriptId),
  runId: toPublicId('run', row.runId),
  reason: row.reason,
  isCurrent: row.isCurrent,
  analyser: row.analyser,
  analyserVersion: row.analyserVersion,
  configs: {
    scorecard: row.scorecardRef,
    categorySet: row.categorySetRef,
    insightSchema: row.insightSchemaRef,
  },
  sentimentScore: row.sentimentScore,
  qaScore: row.qaScore,
  grade: row.grade,
  machineQaScore: row.machineQaScore,
  machineGrade: row.machineGrade,
  reviewedAt: row.reviewedAt?.toISOString() ?? null,
  intents: row.intents,
  categories: row.categories,
  topics: row.topics,
  finalKey: row.finalKey,
  requestedBy: row.requestedBy,
  createdAt: row.createdAt.toISOString(),
});

/** `/recordings/{id}/analysis` (current), `/recordings/{id}/analyses` (history, re-analyse). */
export function analysesRoutes(deps: AnalysesRoutesDeps): FastifyPluginAsyncZod {
  const recordingUuid = (ctx: RequestContext, id: string) => existingRecordingUuid(deps.database, ctx, id);
  return async (app) => {
    app.get(
      '/:id/analysis',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags: ['conversations'],
          summary: "The recording's current analysis: summary, sentiment, categories, intents, QA, insights",
          params,
          response: { 200: analysisDetailSchema, ...problems },
        },
      },
      async (request) => {
        const ctx = request.ctx;
        const uuid = await recordingUuid(ctx, request.params.id);
        const row = await deps.database.withTenant<ConversationsTables, AnalysisRow | undefined>(ctx, (trx) =>
          currentAnalysis(trx, uuid),
        );
        if (!row) throw ConversationsErrors.noAnalysis();
        const result = await deps.sealing.unsealJson<AnalysisResult>(
          ctx.tenantId,
          row.resultSealed,
          sealingAad.analysis(row.id),
        );
        const found = result.analysis;
        const qa = await deps.reviews.effective(ctx, row.id, result.qa);
        return {
          ...summaryOf(row),
          summary: { ...found.summary, abstractive: result.llm?.summary ?? null },
          sentiment: found.sentiment,
          categoryMatches: [...result.categories],
          trackers: found.trackerHits,
          topicMatches: found.topics,
          intentHits: found.intents,
          questions: found.questions,
          actionItems: found.actionItems,
          entities: found.entities,
          qa: qa && {
            ...qa,
            rules: qa.rules.map(({ override, ...rule }) =>
              override ? { ...rule, override: { ...override, at: override.at.toISOString() } } : rule,
            ),
          },
          insights: result.insights ? { ...result.insights, problems: [...result.insights.problems] } : null,
          provenance: {
            analysis: found.provenance,
            llm: result.llm
              ? {
                  provider: result.llm.usage.provider,
                  model: result.llm.usage.model,
                  promptVersion: result.llm.usage.promptVersion,
                  inputTokens: result.llm.usage.inputTokens,
                  outputTokens: result.llm.usage.outputTokens,
                  costUsd: result.llm.usage.costUsd,
                  configHash: result.llm.configHash,
                }
              : null,
          },
        };
      },
    );
    app.get(
      '/:id/analyses',
      {
        config: { permission: 'analysis:read' },
        schema: {
          tags: ['conversations'],
          summary: 'Every analysis of the recording, newest first (the current one marked)',
          params,
          response: { 200: z.object({ items: z.array(analysisSummarySchema) }), ...problems },
        },
      },
      async (request) => {
        const uuid = await recordingUuid(request.ctx, request.params.id);
        const rows = await deps.database.withTenant<ConversationsTables, AnalysisRow[]>(request.ctx, (trx) =>
          analysesOf(trx, uuid, 200),
        );
        return { items: rows.map(summaryOf) };
      },
    );
    app.post(
      '/:id/analyses',
      {
        config: { permission: 'analysis:configure' },
        schema: {
          tags: ['conversations'],
          summary:
            "Analyses the recording's current transcript again with the active configurations, in the background (audited); the new analysis becomes current",
          params,
          response: { 202: reanalysisAcceptedSchema, ...problems },
        },
      },
      async (request, reply) => {
        const ctx = request.ctx;
        const { workflows, workflow } = deps;
        if (!workflows || !workflow) throw ConversationsErrors.workflowsUnavailable();
        const uuid = await recordingUuid(ctx, request.params.id);
        const analysisId = newUuid();
        await deps.database.withTenant<ConversationsTables, void>(ctx, async (trx) => {
          if (!(await currentTranscript(trx, uuid))) throw ConversationsErrors.noTranscript();
          await deps.audit.append(
            trx,
            { ...ctx, clientIp: request.ip },
            {
              action: 'conversations.reanalysis_requested',
              target: { type: 'recording', id: toPublicId('rec', uuid) },
              details: { analysisId: toPublicId('ana', analysisId) },
            },
          );
        });
        await workflows.start(
          workflow,
          {
            tenantId: ctx.tenantId,
            recordingId: uuid,
            requestKey: `request:${analysisId}`,
            reason: 'reanalysis',
            requestedBy: ctx.actor.id,
            analysisId,
          },
          { id: analysisWorkflowId(analysisId) },
        );
        return reply.code(202).send({
          analysisId: toPublicId('ana', analysisId),
          recordingId: toPublicId('rec', uuid),
          state: 'queued' as const,
        });
      },
    );
    await Promise.resolve();
  };
}
