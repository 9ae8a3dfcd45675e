import { z } from 'zod';
import { categorySetBodySchema } from '../analysis-config/category.schema.js';
import { scorecardBodySchema } from '../analysis-config/scorecard.schema.js';

/* Request and response schemas of the "test on this call" previews. */

const recordingId = z.string().min(1).max(120).describe('rec_...: a recording with a transcript');

export const scorecardPreviewBodySchema = z
  .object({
    recordingId,
    scorecard: scorecardBodySchema
      .optional()
      .describe('An unsaved scorecard to try; without it, the saved version (?version= or the newest)'),
    version: z.number().int().min(1).optional().describe('The saved version to try (default: the newest)'),
  })
  .strict()
  .meta({ id: 'ScorecardPreviewRequest' });

export const newScorecardPreviewBodySchema = z
  .object({ recordingId, scorecard: scorecardBodySchema })
  .strict()
  .meta({ id: 'NewScorecardPreviewRequest' });

export const categoriesPreviewBodySchema = z
  .object({
    recordingId,
    categorySet: categorySetBodySchema.optional().describe('An unsaved category set to try'),
    version: z.number().int().min(1).optional(),
  })
  .strict()
  .meta({ id: 'CategoriesPreviewRequest' });

export const evidenceSchema = z
  .object({
    segmentId: z.string().nullable().describe('seg_...; null for a silence or a stretch of time'),
    startMs: z.number(),
    endMs: z.number(),
    speaker: z.string().nullable(),
    quote: z.string().describe('The redacted text of the segment'),
  })
  .meta({ id: 'ScoringEvidence' });

const grade = z.enum(['A', 'B', 'C', 'D', 'E']);

export const scorecardEvaluationSchema = z
  .object({
    recordingId: z.string(),
    scorecardVersion: z.number().int().nullable().describe('Null for an unsaved scorecard'),
    score: z
      .number()
      .nullable()
      .describe('0..100; 0 when an auto-fail rule failed; null when nothing was evaluated'),
    weightedScore: z.number().nullable().describe('The weighted mean before an auto-fail'),
    grade: grade.nullable(),
    autoFailed: z.boolean(),
    autoFailedBy: z.array(z.string()),
    complete: z
      .boolean()
      .describe('False while llm rules are pending (a preview judges deterministic rules only)'),
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
        evidence: z.array(evidenceSchema),
        coachNote: z.string(),
      }),
    ),
    categories: z.array(z.object({ category: z.string(), score: z.number().nullable(), weight: z.number() })),
  })
  .meta({ id: 'ScorecardEvaluation' });

export const categoryMatchesSchema = z
  .object({
    recordingId: z.string(),
    categorySetVersion: z.number().int().nullable(),
    matches: z.array(
      z.object({
        categoryId: z.string(),
        name: z.string(),
        points: z.array(
          z.object({
            segmentId: z.string().nullable(),
            startMs: z.number(),
            endMs: z.number(),
            speaker: z.string().nullable(),
            condition: z
              .string()
              .describe('Which condition this point satisfied: conditions.<i>[.conditions.<j>]'),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'CategoryMatches' });
