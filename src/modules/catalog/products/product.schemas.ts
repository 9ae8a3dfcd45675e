import { z } from 'zod';
import { currencySchema, moneySchema } from '../../../platform/money.js';

/*
 * What a product may hold, checked at the edge (routes) and by the CSV import alike. Bounds keep a
 * product small enough to cache and index: 50 attributes, 500 characters a value, 20 prices.
 */

export const MAX_ATTRIBUTES = 50;
export const attributeNamePattern = /^[a-z][a-z0-9_]{0,49}$/;

export const skuSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N}._\-/]*$/u,
    'must be letters, digits and . _ - / (starting with a letter or digit)',
  );

export const attributesSchema = z
  .record(
    z
      .string()
      .regex(attributeNamePattern, 'attribute names are lower-case letters, digits and _ (at most 50)'),
    z.union([z.string().max(500), z.number(), z.boolean()]),
  )
  .refine((value) => Object.keys(value).length <= MAX_ATTRIBUTES, {
    message: `must have at most ${MAX_ATTRIBUTES} attributes`,
  });

export const pricesSchema = z
  .array(moneySchema)
  .max(20)
  .refine((prices) => new Set(prices.map((p) => p.currency)).size === prices.length, {
    message: 'must name each currency once',
  });

export const productStatusSchema = z.enum(['draft', 'active', 'archived']);

export const productCreateSchema = z.strictObject({
  sku: skuSchema,
  name: z.string().trim().min(1).max(300),
  description: z.string().max(20_000).nullable().optional(),
  status: productStatusSchema.optional(),
  categoryId: z.string().max(100).nullable().optional(),
  attributes: attributesSchema.optional(),
  prices: pricesSchema,
});
export type ProductCreateInput = z.infer<typeof productCreateSchema>;

export const productUpdateSchema = productCreateSchema.partial().extend({
  version: z.number().int().min(1),
});
export type ProductUpdateInput = z.infer<typeof productUpdateSchema>;

export { currencySchema };
