import { z } from 'zod';

/* Request and response schemas of QA reviews and disputes (they also make the OpenAPI document). */

const grade = z.enum(['A', 'B', 'C', 'D', 'E']);
const freeText = (what: string) =>
  z.string().trim().min(1).max(2000).describe(`${what} (free text, sealed at rest; at most 2000 characters)`);

export const recordingParams = z.object({ id: z.string().min(1).max(120) });
export const ruleParams = recordingParams.extend({ ruleId: z.string().min(1).max(120) });
export const disputeParams = recordingParams.extend({ disputeId: z.string().min(1).max(120) });

export const overrideBodySchema = z
  .object({
    score: z.number().min(0).max(100).describe('The rule score the reviewer gives, 0..100'),
    pass: z.boolean(),
    reason: freeText('Why the machine was wrong'),
  })
  .strict()
  .meta({ id: 'QaRuleOverrideRequest' });

export const reviewSchema = z
  .object({
    id: z.string().describe('review_…'),
    analysisId: z.string(),
    recordingId: z.string(),
    ruleId: z.string(),
    reviewer: z.string().describe('The actor id of the reviewer'),
    original: z
      .object({
        status: z.enum(['evaluated', 'pending', 'not_applicable']),
        score: z.number().nullable(),
        pass: z.boolean().nullable(),
      })
      .describe("The machine's judgement of the rule"),
    score: z.number(),
    pass: z.boolean(),
    reason: z.string(),
    disputeId: z.string().nullable().describe('The dispute whose acceptance made this override'),
    createdAt: z.string(),
  })
  .meta({ id: 'QaReview' });

export const effectiveFiguresSchema = z
  .object({
    qaScore: z.number().nullable(),
    grade: grade.nullable(),
    machineQaScore: z.number().nullable(),
    machineGrade: grade.nullable(),
  })
  .meta({ id: 'QaEffectiveFigures' });

export const overrideResponseSchema = z
  .object({ review: reviewSchema, effective: effectiveFiguresSchema })
  .meta({ id: 'QaRuleOverridden' });

export const disputeBodySchema = z
  .object({
    ruleId: z.string().min(1).max(120).optional().describe('The disputed rule; absent: the whole evaluation'),
    comment: freeText('What the agent contests'),
  })
  .strict()
  .meta({ id: 'QaDisputeRequest' });

export const disputeSchema = z
  .object({
    id: z.string().describe('dispute_…'),
    analysisId: z.string(),
    recordingId: z.string(),
    ruleId: z.string().nullable().describe('Null: the whole evaluation'),
    raisedBy: z.string(),
    comment: z.string(),
    state: z.enum(['open', 'accepted', 'rejected']),
    resolvedBy: z.string().nullable(),
    resolution: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'QaDispute' });

export const resolveBodySchema = z
  .object({
    outcome: z.enum(['accepted', 'rejected']),
    comment: freeText("The reviewer's answer"),
    override: z
      .object({ score: z.number().min(0).max(100), pass: z.boolean() })
      .strict()
      .optional()
      .describe("Accepting a rule's dispute: the rule's new judgement (the comment is its reason)"),
  })
  .strict()
  .meta({ id: 'QaDisputeResolveRequest' });

export const resolveResponseSchema = z
  .object({
    dispute: disputeSchema,
    review: reviewSchema.nullable(),
    effective: effectiveFiguresSchema.nullable(),
  })
  .meta({ id: 'QaDisputeResolved' });

export const reviewHistorySchema = z
  .object({
    analysisId: z.string().describe('The current analysis: reviews belong to the analysis they were made on'),
    effective: z.object({ qaScore: z.number().nullable(), grade: grade.nullable() }),
    machine: z.object({ qaScore: z.number().nullable(), grade: grade.nullable() }),
    reviews: z.array(reviewSchema),
    disputes: z.array(disputeSchema),
  })
  .meta({ id: 'QaReviewHistory' });

export const disputeListQuerySchema = z
  .object({
    state: z.enum(['open', 'accepted', 'rejected']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(120).optional().describe('nextCursor of the page before'),
  })
  .strict();

export const disputeListSchema = z
  .object({
    items: z.array(
      disputeSchema.extend({
        analysisIsCurrent: z
          .boolean()
          .describe('False once the recording was analysed again (the dispute stays with its analysis)'),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'QaDisputeList' });

/** What the current-analysis GET adds to an overridden rule. */
export const overrideMarkSchema = z
  .object({
    reviewId: z.string(),
    reviewer: z.string(),
    at: z.string(),
    originalStatus: z.enum(['evaluated', 'pending', 'not_applicable']),
    originalScore: z.number().nullable(),
    originalPass: z.boolean().nullable(),
  })
  .meta({ id: 'QaOverrideMark' });
