import { z } from 'zod';
import { RULE_ID_PATTERN, timeWindowSchema } from './scorecard.schema.js';

/*
 * Categories as Amazon Connect Contact Lens has them: a call gets every category whose conditions
 * hold. A category combines conditions with AND or OR; a condition may itself be a group of
 * conditions with its own AND/OR (two levels, enough for "A and (B or C)").
 */

const phrases = z.array(z.string().trim().min(1).max(200)).min(1).max(50);

export const phraseConditionSchema = z
  .object({
    type: z.literal('phrase'),
    phrases: phrases.describe('Whole words, case and punctuation ignored'),
    match: z.enum(['any', 'all']).default('any'),
    speaker: z.enum(['agent', 'customer', 'either']).default('either'),
    within: timeWindowSchema.optional(),
    /** True: the condition holds when the phrases are NOT said (in the window, by the speaker). */
    negate: z.boolean().default(false),
  })
  .strict();

export const sentimentConditionSchema = z
  .object({
    type: z.literal('sentiment'),
    speaker: z.enum(['agent', 'customer']).default('customer'),
    measure: z.enum(['average', 'any_segment']).default('average'),
    /** Scores run from -1 to 1. Give below, atLeast or both. */
    below: z.number().min(-1).max(1).optional(),
    atLeast: z.number().min(-1).max(1).optional(),
    within: timeWindowSchema.optional(),
  })
  .strict();

export const characteristicMetrics = [
  /** The longest silence, in seconds. */
  'longest_silence_seconds',
  /** The speaker's share of all talk, 0..100. */
  'talk_ratio_percent',
  /** Interruptions made by the speaker (either: by anyone). */
  'interruptions',
  /** The speaker's longest monologue, in seconds. */
  'longest_monologue_seconds',
] as const;

export const characteristicConditionSchema = z
  .object({
    type: z.literal('characteristic'),
    metric: z.enum(characteristicMetrics),
    speaker: z.enum(['agent', 'customer', 'either']).default('either'),
    operator: z.enum(['>', '>=', '<', '<=']),
    value: z.number().min(0),
  })
  .strict();

const leafConditionSchema = z.discriminatedUnion('type', [
  phraseConditionSchema,
  sentimentConditionSchema,
  characteristicConditionSchema,
]);

export const conditionGroupSchema = z
  .object({
    type: z.literal('group'),
    operator: z.enum(['and', 'or']),
    conditions: z.array(leafConditionSchema).min(1).max(20),
  })
  .strict();

export const categoryConditionSchema = z
  .discriminatedUnion('type', [
    phraseConditionSchema,
    sentimentConditionSchema,
    characteristicConditionSchema,
    conditionGroupSchema,
  ])
  .meta({ id: 'CategoryCondition' });
export type CategoryCondition = z.infer<typeof categoryConditionSchema>;
export type LeafCondition = z.infer<typeof leafConditionSchema>;

export const categorySchema = z
  .object({
    id: z.string().regex(RULE_ID_PATTERN, 'must be 1-64 lower-case letters, digits, _ or -'),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(''),
    operator: z.enum(['and', 'or']).default('and'),
    conditions: z.array(categoryConditionSchema).min(1).max(20),
  })
  .strict()
  .meta({ id: 'Category' });
export type Category = z.infer<typeof categorySchema>;

export const categorySetBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    categories: z.array(categorySchema).min(1).max(200),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Map<string, number>();
    set.categories.forEach((category, i) => {
      const first = seen.get(category.id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i, 'id'],
          message: `repeats the id of categories.${first}`,
        });
      else seen.set(category.id, i);
      category.conditions.forEach((condition, j) => {
        const leaves = condition.type === 'group' ? condition.conditions : [condition];
        leaves.forEach((leaf, k) => {
          const path = [
            'categories',
            i,
            'conditions',
            j,
            ...(condition.type === 'group' ? ['conditions', k] : []),
          ];
          if (leaf.type === 'sentiment' && leaf.below === undefined && leaf.atLeast === undefined)
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'below'],
              message: 'give below, atLeast or both',
            });
          if (leaf.type === 'characteristic' && leaf.metric === 'talk_ratio_percent' && leaf.value > 100)
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'value'],
              message: 'must be at most 100 (percent)',
            });
        });
      });
    });
  })
  .meta({ id: 'CategorySet' });
export type CategorySet = z.infer<typeof categorySetBodySchema>;
