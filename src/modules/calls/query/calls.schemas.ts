import { z } from 'zod';
import { listTotalSchema, problemSchema, sortParams, totalQueryParam } from '../../../platform/http/index.js';
import type { FieldProblem } from '../../../platform/errors.js';
import {
  CALL_DIRECTIONS,
  CALL_DISPOSITIONS,
  CALL_SOURCES,
  callDirectionSchema,
  callDispositionSchema,
  callPartySchema,
  callQualitySchema,
  callRecordV1Schema,
  callSourceSchema,
} from '../call-record.js';
import {
  CALL_SORT_KEYS,
  EXPORT_FORMATS,
  STATS_GROUPS,
  STATS_INTERVALS,
  type CallFilters,
} from '../contract.js';
import { decodeCursor, defaultSortParam, filterProblems, statsProblems } from './call-filters.js';
import { quarantineCategories } from '../connectors/quarantine-reason.js';

const CALL_SORT_PARAMS = sortParams(CALL_SORT_KEYS);

/*
 * Query-string and response schemas of the calls API. Validation happens here, at the edge: a
 * bad filter is a 400 whose `errors` name `querystring.<filter>`. The semantic checks (from before
 * to, a number that can be searched, words in q) are the service's own, run inside the schema.
 */

/** Comma-separated values of a closed set: `source=asterisk,cucm`. */
function listOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .describe(`One or more of: ${values.join(', ')} (comma-separated)`)
    .transform((text, ctx): T[number][] => {
      const known: readonly string[] = values;
      const isKnown = (item: string): item is T[number] => known.includes(item);
      const items = text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = items.filter((item) => !isKnown(item));
      if (items.length === 0 || unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `must be one or more of ${values.join(', ')}${unknown.length ? ` (not: ${unknown.join(', ')})` : ''}`,
        });
        return z.NEVER;
      }
      return items.filter(isKnown);
    });
}

const instant = z.iso.datetime({ offset: true });

const filterShape = {
  from: instant
    .optional()
    .describe('Calls that started at or after this instant (ISO 8601 with Z or an offset)'),
  to: instant.optional().describe('Calls that started before this instant'),
  source: listOf(CALL_SOURCES).optional(),
  direction: listOf(CALL_DIRECTIONS).optional(),
  disposition: listOf(CALL_DISPOSITIONS).optional(),
  number: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe(
      'A number on any leg: E.164 (+4930123456; spaces, dashes and brackets are ignored) or the raw address exactly (extension, SIP URI)',
    ),
  agent: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe('Agent id as the source gives it (or the name when the source has none), case-insensitive'),
  queue: z.string().min(1).max(256).optional().describe('Queue id as the source gives it'),
  minDuration: z.coerce
    .number()
    .int()
    .min(0)
    .max(604_800)
    .optional()
    .describe('Total duration of at least this many seconds'),
  q: z
    .string()
    .max(256)
    .optional()
    .describe(
      'Whole words of the names of callers, callees and agents (all must occur); case- and accent-insensitive. No partial words: names are stored encrypted.',
    ),
};

type FilterQuery = z.infer<z.ZodObject<typeof filterShape>>;

export function toFilters(query: FilterQuery): CallFilters {
  return {
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
    sources: query.source,
    directions: query.direction,
    dispositions: query.disposition,
    number: query.number,
    agent: query.agent,
    queue: query.queue,
    minDurationSeconds: query.minDuration,
    q: query.q,
  };
}

function report(ctx: z.RefinementCtx, problems: readonly FieldProblem[]): void {
  for (const problem of problems)
    ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
}

const checkFilters = (query: FilterQuery, ctx: z.RefinementCtx) =>
  report(ctx, filterProblems(toFilters(query)));

export const listQuerySchema = z
  .object({
    ...filterShape,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
    sort: z
      .enum(CALL_SORT_PARAMS)
      .default(defaultSortParam)
      .describe(
        'startedAt or duration; a leading minus sorts descending (longest, newest first); ties go by start time the same way',
      ),
    total: totalQueryParam('calls'),
  })
  .superRefine((query, ctx) => {
    checkFilters(query, ctx);
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor)
      report(ctx, [{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
    else if (cursor && cursor.sort !== query.sort)
      report(ctx, [{ field: 'cursor', message: `belongs to the order ${cursor.sort}, not ${query.sort}` }]);
  });

export const statsQuerySchema = z
  .object({
    ...filterShape,
    from: instant.describe('Start of the range (inclusive)'),
    to: instant.describe('End of the range (exclusive)'),
    interval: z
      .enum(STATS_INTERVALS)
      .default('hour')
      .describe(
        "Intervals of the tenant's local time; range: one interval, the whole range (totals only, the cheapest question)",
      ),
    groupBy: z.enum(STATS_GROUPS).optional(),
    compare: z
      .enum(['previous'])
      .optional()
      .describe('previous: also the totals of the period of equal length just before'),
  })
  .superRefine((query, ctx) => {
    checkFilters(query, ctx);
    report(ctx, statsProblems(new Date(query.from), new Date(query.to), query.interval));
  });

export const exportQuerySchema = z
  .object({
    ...filterShape,
    format: z
      .enum(EXPORT_FORMATS)
      .default('csv')
      .describe('csv, jsonl (CallRecord v1 per line) or vcon (one vCon per line)'),
  })
  .superRefine(checkFilters);

const namedRefSchema = z.object({ id: z.string().nullable(), name: z.string().nullable() });

export const callSummarySchema = z
  .object({
    id: z.string().describe('call_...'),
    source: callSourceSchema,
    sourceCallId: z.string(),
    conversationId: z.string(),
    direction: callDirectionSchema,
    disposition: callDispositionSchema.nullable(),
    startedAt: z.string(),
    answeredAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    ringSeconds: z.number().int().nullable(),
    talkSeconds: z.number().int().nullable(),
    totalSeconds: z.number().int().nullable(),
    from: callPartySchema,
    to: callPartySchema,
    agent: namedRefSchema.nullable(),
    queue: namedRefSchema.nullable(),
    quality: callQualitySchema.nullable(),
    legCount: z.number().int(),
    recordingCount: z.number().int(),
  })
  .meta({ id: 'CallSummary' });

export const callPageSchema = z.object({
  items: z.array(callSummarySchema),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
  total: listTotalSchema('calls'),
});

export const callDetailSchema = z
  .object({
    record: callRecordV1Schema,
    raw: z.object({
      objectKey: z.string(),
      sha256: z.string(),
      url: z
        .string()
        .nullable()
        .describe(
          'Signed, short-lived link to the raw payload; only for callers with calls:raw (the view is audited)',
        ),
    }),
  })
  .meta({ id: 'CallDetail' });

const figures = {
  calls: z.number().int(),
  answered: z.number().int(),
  answerSeizureRatio: z.number().nullable().describe('answered / calls'),
  averageTalkSeconds: z.number().nullable().describe('Over answered calls'),
  averageHandleSeconds: z
    .number()
    .nullable()
    .describe('Talk plus after-call work where the source reports it, over answered calls'),
  inbound: z.number().int(),
  abandoned: z.number().int().describe('Inbound calls the caller gave up before an answer'),
  abandonRate: z.number().nullable().describe('abandoned / inbound'),
  averageHoldSeconds: z.number().nullable().describe('Over answered calls whose source reports hold'),
  shortAbandoned: z.number().int().describe('Abandoned within the queue’s short-abandon threshold'),
  abandonRateExcludingShort: z
    .number()
    .nullable()
    .describe('(abandoned - shortAbandoned) / (inbound - shortAbandoned)'),
  answeredWithinTarget: z
    .number()
    .int()
    .describe('Inbound calls answered within their queue’s service-level seconds'),
  serviceLevel: z.number().nullable().describe('answeredWithinTarget / (inbound - shortAbandoned)'),
  averageSpeedOfAnswerSeconds: z
    .number()
    .nullable()
    .describe('Ring seconds of answered inbound calls, averaged'),
  inProgress: z
    .number()
    .int()
    .describe('Calls whose record has no end yet (sources that report calls in progress)'),
};
const statsGroupSchema = z.object({ value: z.string().nullable(), name: z.string().nullable() }).nullable();
const queueTargetSchema = z.object({
  serviceLevelSeconds: z.number().int(),
  serviceLevelGoal: z.number(),
  shortAbandonSeconds: z.number().int(),
});
const statsTotalSchema = z.object({
  group: statsGroupSchema,
  target: queueTargetSchema
    .nullable()
    .describe('Grouped by queue: the targets its calls were measured against'),
  ...figures,
});

export const callStatsSchema = z
  .object({
    timeZone: z.string(),
    interval: z.enum(STATS_INTERVALS),
    groupBy: z.enum(STATS_GROUPS).nullable(),
    buckets: z.array(
      z.object({
        start: z.string().describe('Start of the interval, UTC'),
        localStart: z.string().describe("Start as wall-clock time in the tenant's time zone"),
        group: statsGroupSchema,
        ...figures,
      }),
    ),
    totals: z.array(statsTotalSchema),
    previous: z
      .object({ from: z.string(), to: z.string(), totals: z.array(statsTotalSchema) })
      .nullable()
      .describe('With compare=previous'),
    defaultTarget: queueTargetSchema,
    servedFrom: z
      .enum(['rollup', 'scan'])
      .describe(
        'rollup: 15-minute rollups (and the raw calls of partial quarter hours at the ends); scan: the raw index',
      ),
  })
  .meta({ id: 'CallStats' });

export const quarantineCategorySchema = z
  .enum(quarantineCategories)
  .describe(
    'Why the item was quarantined, as a stable category: unreadable_time (a date or time field), missing_field, invalid_number, unknown_value (a value the connector does not know), unknown_format (not what the source sends), payload_too_large, schema_rejected (the normalised call broke the call record schema), signature_invalid, not_supported, incomplete_call, connector_error (a bug), other (anything else, and items from before categories)',
  )
  .meta({ id: 'QuarantineCategory' });

export const quarantineItemSchema = z
  .object({
    id: z.string().describe('qua_...'),
    source: z.string(),
    reason: z
      .string()
      .describe('The connector’s own words, naming the value it could not read (for engineers)'),
    category: quarantineCategorySchema,
    field: z.string().nullable().describe('The field at fault, as the source names it, when one is'),
    rawObjectKey: z.string().nullable(),
    rawSha256: z.string().nullable(),
    rawBytes: z.number().int().nullable(),
    options: z
      .record(z.string(), z.unknown())
      .describe(
        'the connector options the delivery was read with (timeZone, column layout...); a replay reads the item with them',
      ),
    receivedAt: z.string(),
    status: z.enum(['open', 'replayed']),
    replayAttempts: z.number().int(),
    lastReplayError: z.string().nullable(),
    replayedAt: z.string().nullable(),
  })
  .meta({ id: 'QuarantinedPayload' });

export const quarantineListQuerySchema = z.object({
  status: z.enum(['open', 'replayed']).optional(),
  source: z.string().min(1).max(64).optional(),
  category: quarantineCategorySchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const quarantineSummaryQuerySchema = z.object({
  status: z.enum(['open', 'replayed']).default('open'),
  source: z.string().min(1).max(64).optional(),
});

export const quarantineSummarySchema = z
  .object({
    total: z.number().int().describe('Items of the status (open by default), all categories'),
    categories: z
      .array(z.object({ category: quarantineCategorySchema, count: z.number().int() }))
      .describe('Largest first; categories without items are left out'),
  })
  .meta({ id: 'QuarantineSummary' });

export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  429: problemSchema,
} as const;
export const notFound = { 404: problemSchema } as const;

export const quarantineReplaySchema = z
  .object({
    status: z.literal('replayed'),
    item: quarantineItemSchema,
    created: z.number().int().describe('Calls new to the index'),
    updated: z.number().int().describe('Calls whose stored record this replay replaced'),
    unchanged: z.number().int().describe('Calls already stored exactly like this'),
    callIds: z.array(z.string()).describe('call_... ids of every call the payload now yields'),
  })
  .meta({ id: 'QuarantineReplay' });

export const unprocessable = { 422: problemSchema } as const;
export const conflict = { 409: problemSchema } as const;
