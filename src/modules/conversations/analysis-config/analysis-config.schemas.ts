import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';

/* Request and response schemas of the analysis-configuration API (they also make its OpenAPI document). */

export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  429: problemSchema,
} as const;

export const configIdParams = z.object({ id: z.string().min(1).max(120) });

export const versionQuerySchema = z
  .object({
    version: z
      .union([z.coerce.number().int().min(1).max(1_000_000), z.enum(['latest', 'active'])])
      .optional()
      .describe('A version number, latest (the default) or active'),
  })
  .strict();

export const addVersionQuerySchema = z
  .object({
    activate: z
      .enum(['true', 'false'])
      .default('false')
      .describe('Make the new version the active one at once'),
  })
  .strict();

export const activateBodySchema = z
  .object({ version: z.number().int().min(1).max(1_000_000) })
  .strict()
  .meta({ id: 'AnalysisConfigActivate' });

const summaryShape = {
  id: z.string().describe('insight_schema_..., scorecard_... or category_set_...'),
  kind: z.enum(['insight_schema', 'scorecard', 'category_set']),
  name: z.string(),
  latestVersion: z.number().int(),
  activeVersion: z.number().int().nullable().describe('Null until a version was activated'),
  activatedBy: z.string().nullable(),
  activatedAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const configSummarySchema = z.object(summaryShape).meta({ id: 'AnalysisConfigSummary' });
export const configListSchema = z
  .object({ items: z.array(configSummarySchema) })
  .meta({ id: 'AnalysisConfigList' });

/** One version; `body` is the kind's own schema. */
export const configVersionSchema = <S extends z.ZodType>(body: S, id: string) =>
  z
    .object({
      ...summaryShape,
      version: z.number().int(),
      isActive: z.boolean(),
      body,
      versionCreatedBy: z.string(),
      versionCreatedAt: z.string(),
    })
    .meta({ id });

export const versionListSchema = z
  .object({
    items: z.array(
      z.object({
        version: z.number().int(),
        name: z.string(),
        isActive: z.boolean(),
        createdBy: z.string(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'AnalysisConfigVersions' });
