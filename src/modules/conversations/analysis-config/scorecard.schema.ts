import { z } from 'zod';

/*
 * A QA scorecard as a tenant defines it (the body of one version). Rules are judged by an LLM
 * from their description and `howToJudge`, or by a deterministic check over the transcript and
 * the call's characteristics (no LLM, no network). See docs/conversations-scoring.md.
 */

export const ruleSpeakerSchema = z.enum(['agent', 'customer', 'any']);
export type RuleSpeaker = z.infer<typeof ruleSpeakerSchema>;

/** A time window counted from the start or from the end of the call. */
export const timeWindowSchema = z
  .object({
    from: z.enum(['start', 'end']),
    seconds: z.number().positive().max(86_400),
  })
  .strict()
  .meta({ id: 'AnalysisTimeWindow' });
export type TimeWindow = z.infer<typeof timeWindowSchema>;

const phrases = z.array(z.string().trim().min(1).max(200)).min(1).max(50);

export const phraseCheckSchema = z
  .object({
    type: z.enum(['phrase_said', 'phrase_not_said']),
    phrases: phrases.describe('Whole words, case and punctuation ignored'),
    /** any: one of the phrases is enough; all: every phrase must be said (phrase_said only). */
    match: z.enum(['any', 'all']).default('any'),
    speaker: ruleSpeakerSchema.default('agent'),
    within: timeWindowSchema.optional().describe('Only segments starting inside this window count'),
  })
  .strict();

export const maxSilenceCheckSchema = z
  .object({ type: z.literal('max_silence'), maxSeconds: z.number().positive().max(3600) })
  .strict();

export const talkRatioCheckSchema = z
  .object({
    type: z.literal('talk_ratio'),
    speaker: z.enum(['agent', 'customer']).default('agent'),
    maxPercent: z.number().min(0).max(100).optional(),
    minPercent: z.number().min(0).max(100).optional(),
  })
  .strict();

export const interruptionsCheckSchema = z
  .object({
    type: z.literal('max_interruptions'),
    by: z.enum(['agent', 'customer']).default('agent'),
    max: z.number().int().min(0).max(1000),
  })
  .strict();

export const monologueCheckSchema = z
  .object({
    type: z.literal('max_monologue'),
    speaker: ruleSpeakerSchema.default('agent'),
    maxSeconds: z.number().positive().max(3600),
  })
  .strict();

export const sentimentCheckSchema = z
  .object({
    type: z.literal('min_sentiment'),
    speaker: z.enum(['agent', 'customer']).default('customer'),
    /** Sentiment scores run from -1 (negative) to 1 (positive). */
    min: z.number().min(-1).max(1),
    /** average: the speaker's mean over the call; every_segment: no single segment below. */
    measure: z.enum(['average', 'every_segment']).default('average'),
  })
  .strict();

export const deterministicCheckSchema = z
  .discriminatedUnion('type', [
    phraseCheckSchema,
    maxSilenceCheckSchema,
    talkRatioCheckSchema,
    interruptionsCheckSchema,
    monologueCheckSchema,
    sentimentCheckSchema,
  ])
  .meta({ id: 'ScorecardCheck' });
export type DeterministicCheck = z.infer<typeof deterministicCheckSchema>;

export const RULE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const scorecardRuleSchema = z
  .object({
    id: z
      .string()
      .regex(
        RULE_ID_PATTERN,
        'must be 1-64 lower-case letters, digits, _ or -, starting with a letter or digit',
      ),
    name: z.string().trim().min(1).max(200),
    category: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe('Groups rules in the report (Greeting, Compliance...)'),
    weight: z
      .number()
      .positive()
      .max(1000)
      .describe('Share of the overall score, relative to the other rules'),
    description: z.string().max(2000).default(''),
    howToJudge: z.string().max(4000).default('').describe('What an LLM (or reviewer) looks for'),
    autoFail: z.boolean().default(false).describe('Failing this rule scores the whole evaluation 0, grade E'),
    kind: z.enum(['llm', 'deterministic']),
    check: deterministicCheckSchema.optional().describe('Required for deterministic rules'),
  })
  .strict()
  .meta({ id: 'ScorecardRule' });
export type ScorecardRule = z.infer<typeof scorecardRuleSchema>;

/**
 * The calls a scorecard applies to: a call matches when its queue is one of `queues` (when given)
 * and its direction one of `directions` (when given). Of the active scorecards that match a call,
 * analysis uses the most specific (see scorecard-scope.ts).
 */
export const scorecardScopeSchema = z
  .object({
    queues: z.array(z.string().trim().min(1).max(200)).min(1).max(100).optional(),
    directions: z
      .array(z.enum(['inbound', 'outbound', 'internal', 'unknown']))
      .min(1)
      .max(4)
      .optional(),
  })
  .strict()
  .meta({ id: 'ScorecardScope' });
export type ScorecardScope = z.infer<typeof scorecardScopeSchema>;

export const scorecardBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(''),
    appliesTo: scorecardScopeSchema
      .optional()
      .describe('Which calls the scorecard is for; absent: every call (the default scorecard)'),
    rules: z.array(scorecardRuleSchema).min(1).max(100),
  })
  .strict()
  .superRefine((card, ctx) => {
    const seen = new Map<string, number>();
    card.rules.forEach((rule, i) => {
      const first = seen.get(rule.id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `repeats the id of rules.${first}`,
        });
      else seen.set(rule.id, i);
      if (rule.kind === 'deterministic' && !rule.check)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'check'],
          message: 'is required for a deterministic rule',
        });
      if (rule.kind === 'llm' && rule.check)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'check'],
          message: 'is only for deterministic rules (an llm rule is judged from howToJudge)',
        });
      const check = rule.check;
      if (check?.type === 'talk_ratio') {
        if (check.maxPercent === undefined && check.minPercent === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['rules', i, 'check', 'maxPercent'],
            message: 'give maxPercent, minPercent or both',
          });
        if (
          check.maxPercent !== undefined &&
          check.minPercent !== undefined &&
          check.minPercent > check.maxPercent
        )
          ctx.addIssue({
            code: 'custom',
            path: ['rules', i, 'check', 'minPercent'],
            message: 'must not be above maxPercent',
          });
      }
      if (check?.type === 'phrase_not_said' && check.match === 'all')
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'check', 'match'],
          message: "must be 'any' for phrase_not_said (none of the phrases may be said)",
        });
    });
  })
  .meta({ id: 'Scorecard' });
export type Scorecard = z.infer<typeof scorecardBodySchema>;
export type ScorecardInput = z.input<typeof scorecardBodySchema>;
