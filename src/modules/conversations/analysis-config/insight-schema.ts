import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { z } from 'zod';

/*
 * A tenant's insight schema: the fields it wants an analyser to fill for every call (CCI Lite's
 * "insights": reason for call, product mentioned, resolved?, follow-ups...). The definition is
 * compiled to a JSON Schema (draft 2020-12 subset that every structured-output API accepts) and
 * results are validated against it with ajv.
 */

export const insightFieldTypes = ['string', 'number', 'boolean', 'enum', 'array-of-string'] as const;
export type InsightFieldType = (typeof insightFieldTypes)[number];

export const INSIGHT_FIELD_NAME = /^[a-z][a-zA-Z0-9_]{0,63}$/;

export const insightFieldSchema = z
  .object({
    name: z
      .string()
      .regex(
        INSIGHT_FIELD_NAME,
        'must start with a lower-case letter, then letters, digits or _ (at most 64)',
      ),
    type: z.enum(insightFieldTypes),
    description: z.string().trim().min(1).max(1000).describe('Tells the analyser what to put in the field'),
    enumValues: z
      .array(z.string().min(1).max(200))
      .min(1)
      .max(100)
      .optional()
      .describe('Required for type enum'),
    required: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'InsightField' });
export type InsightField = z.infer<typeof insightFieldSchema>;

export const insightSchemaBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(''),
    fields: z.array(insightFieldSchema).min(1).max(100),
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.fields.forEach((field, i) => {
      const first = seen.get(field.name);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'name'],
          message: `repeats the name of fields.${first}`,
        });
      else seen.set(field.name, i);
      if (field.type === 'enum' && !field.enumValues)
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'enumValues'],
          message: 'is required for type enum',
        });
      if (field.type !== 'enum' && field.enumValues)
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'enumValues'], message: 'is only for type enum' });
      const values = field.enumValues ?? [];
      const repeated = values.findIndex((value, j) => values.indexOf(value) !== j);
      if (repeated >= 0)
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'enumValues', repeated],
          message: `repeats '${values[repeated] ?? ''}'`,
        });
    });
  })
  .meta({ id: 'InsightSchema' });
export type InsightSchema = z.infer<typeof insightSchemaBodySchema>;

export type JsonSchemaObject = Record<string, unknown>;

function fieldSchema(field: InsightField): JsonSchemaObject {
  const description = field.description;
  switch (field.type) {
    case 'string':
      return { type: 'string', description };
    case 'number':
      return { type: 'number', description };
    case 'boolean':
      return { type: 'boolean', description };
    case 'enum':
      return { type: 'string', enum: [...(field.enumValues ?? [])], description };
    case 'array-of-string':
      return { type: 'array', items: { type: 'string' }, description };
  }
}

/** The JSON Schema an analyser's result for this insight schema must satisfy (what structured output is given). */
export function insightJsonSchema(definition: InsightSchema): JsonSchemaObject {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: definition.name,
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(definition.fields.map((field) => [field.name, fieldSchema(field)])),
    required: definition.fields.filter((field) => field.required).map((field) => field.name),
  };
}

export interface InsightProblem {
  /** Dotted path in the result: `reason`, `products.2`; empty for the object itself. */
  readonly field: string;
  readonly message: string;
}

export type InsightValidation =
  | { readonly valid: true; readonly problems: readonly [] }
  | { readonly valid: false; readonly problems: readonly InsightProblem[] };

// Strict mode: a schema ajv would have to guess about is an error, not a warning.
const ajv = new Ajv({ allErrors: true, strict: true });
/*
 * Compiled validators by the JSON Schema's text: the same definition read again (every version
 * read from the database is a new object) reuses its validator. Bounded, and what is evicted is
 * removed from ajv's own cache too, so a long-running process does not grow with every schema.
 */
const MAX_COMPILED = 256;
const compiled = new Map<string, { schema: JsonSchemaObject; validate: ValidateFunction }>();

/**
 * Compiles the definition's JSON Schema (throws when ajv rejects it: a bug here, since the
 * definition was validated first).
 */
export function insightValidator(definition: InsightSchema): ValidateFunction {
  const { $schema: _draft, ...schema } = insightJsonSchema(definition);
  const key = JSON.stringify(schema);
  const known = compiled.get(key);
  if (known) return known.validate;
  const validate = ajv.compile(schema);
  compiled.set(key, { schema, validate });
  if (compiled.size > MAX_COMPILED) {
    const [oldestKey, oldest] = compiled.entries().next().value ?? [];
    if (oldestKey !== undefined && oldest) {
      compiled.delete(oldestKey);
      ajv.removeSchema(oldest.schema);
    }
  }
  return validate;
}

const problemOf = (error: ErrorObject): InsightProblem => {
  const path = error.instancePath.split('/').filter(Boolean);
  const missing = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
  if (error.keyword === 'required' && typeof missing.missingProperty === 'string')
    return { field: [...path, missing.missingProperty].join('.'), message: 'is required' };
  if (error.keyword === 'additionalProperties' && typeof missing.additionalProperty === 'string')
    return {
      field: [...path, missing.additionalProperty].join('.'),
      message: 'is not a field of this insight schema',
    };
  return { field: path.join('.'), message: error.message ?? 'is invalid' };
};

/** Whether an analyser's result fits the insight schema version, with every problem named by field. */
export function validateInsightResult(definition: InsightSchema, result: unknown): InsightValidation {
  const validate = insightValidator(definition);
  if (validate(result)) return { valid: true, problems: [] };
  return { valid: false, problems: (validate.errors ?? []).map(problemOf) };
}
