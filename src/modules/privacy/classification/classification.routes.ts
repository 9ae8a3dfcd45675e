import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import {
  camelColumn,
  classOf,
  isPersonal,
  type ClassificationRegistry,
} from '../../../platform/privacy/index.js';

const columnSchema = z.object({
  class: z.enum(['public', 'internal', 'confidential', 'restricted']),
  personal: z.boolean(),
  /** The name the value has in the API's JSON (camelCase), what the console matches fields by. */
  field: z.string(),
});

/** Mounted at /api/v1/privacy: the data classification, for the console's masking (any signed-in employee). */
export function classificationRoutes(registry: () => ClassificationRegistry): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/classification',
      {
        config: { authenticated: true },
        schema: {
          tags: ['privacy'],
          summary: 'How sensitive each column of each schema is (schema → table → column)',
          response: {
            200: z.object({
              schemas: z.record(z.string(), z.record(z.string(), z.record(z.string(), columnSchema))),
              /** Field names (camelCase) whose values the console masks until revealed. */
              maskedFields: z.array(z.string()),
            }),
            401: problemSchema,
            429: problemSchema,
          },
        },
      },
      () => {
        const schemas: Record<string, Record<string, Record<string, z.infer<typeof columnSchema>>>> = {};
        const masked = new Set<string>();
        for (const [schema, tables] of Object.entries(registry())) {
          const out: Record<string, Record<string, z.infer<typeof columnSchema>>> = {};
          for (const [table, columns] of Object.entries(tables)) {
            const described: Record<string, z.infer<typeof columnSchema>> = {};
            for (const [column, value] of Object.entries(columns)) {
              const field = camelColumn(column);
              described[column] = { class: classOf(value), personal: isPersonal(value), field };
              if (classOf(value) === 'restricted') masked.add(field);
            }
            out[table] = described;
          }
          schemas[schema] = out;
        }
        return { schemas, maskedFields: [...masked].sort() };
      },
    );
    await Promise.resolve();
  };
}
