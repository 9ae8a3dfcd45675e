import type { z } from 'zod';
import type { AnalysisConfigKind } from '../db/conversations.tables.js';
import { categorySetBodySchema } from './category.schema.js';
import { insightSchemaBodySchema } from './insight-schema.js';
import { scorecardBodySchema } from './scorecard.schema.js';

export type { AnalysisConfigKind } from '../db/conversations.tables.js';

export interface ConfigKind<S extends z.ZodType> {
  readonly kind: AnalysisConfigKind;
  /** TypeID prefix of the public id. */
  readonly prefix: string;
  /** The URL segment under /conversations. */
  readonly path: string;
  /** `conversations.<audit>.version_created`, `.activated`. */
  readonly audit: string;
  /** In words, for messages: "scorecard". */
  readonly noun: string;
  readonly body: S;
}

export const configKinds = {
  insight_schema: {
    kind: 'insight_schema',
    prefix: 'insight_schema',
    path: 'insight-schemas',
    audit: 'insight_schema',
    noun: 'insight schema',
    body: insightSchemaBodySchema,
  },
  scorecard: {
    kind: 'scorecard',
    prefix: 'scorecard',
    path: 'scorecards',
    audit: 'scorecard',
    noun: 'scorecard',
    body: scorecardBodySchema,
  },
  category_set: {
    kind: 'category_set',
    prefix: 'category_set',
    path: 'categories',
    audit: 'category_set',
    noun: 'category set',
    body: categorySetBodySchema,
  },
} as const satisfies { [K in AnalysisConfigKind]: ConfigKind<z.ZodType> };

export type ConfigKinds = typeof configKinds;
/** The body of a version of each kind, as stored (defaults filled in). */
export type ConfigBody<K extends AnalysisConfigKind> = z.infer<ConfigKinds[K]['body']>;
/** The body as a client may send it (defaults optional). */
export type ConfigBodyInput<K extends AnalysisConfigKind> = z.input<ConfigKinds[K]['body']>;
