import { z } from 'zod';
import { problemSchema } from '../../../platform/http/index.js';
import {
  restRecorderConfigSchema,
  threecxRecordingsConfigSchema,
  twilioRecordingsConfigSchema,
} from '../pull/index.js';

/** The timer's interval and each run's window limits; minutes unless named otherwise (see pull/pull-run.ts). */
export const sourceScheduleChangeSchema = z.strictObject({
  intervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(1440)
    .optional()
    .describe('How often the timer runs it; default 15'),
  lookBackMinutes: z
    .number()
    .int()
    .min(0)
    .max(1440)
    .optional()
    .describe('Each run re-scans this much before the cursor; default 15'),
  firstRunMinutes: z
    .number()
    .int()
    .min(1)
    .max(43_200)
    .optional()
    .describe('The first run starts this long ago; default 60'),
  maxWindowMinutes: z
    .number()
    .int()
    .min(5)
    .max(10_080)
    .optional()
    .describe('A run covers at most this much; default 1440'),
  settleSeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .optional()
    .describe('The window ends this long before now; default 60'),
  maxHoldBackMinutes: z
    .number()
    .int()
    .min(0)
    .max(10_080)
    .optional()
    .describe('A recording still processing holds the cursor back at most this long; default 1440'),
});

export const sourceScheduleSchema = z.object({
  intervalMinutes: z.number(),
  lookBackMinutes: z.number(),
  firstRunMinutes: z.number(),
  maxWindowMinutes: z.number(),
  settleSeconds: z.number(),
  maxHoldBackMinutes: z.number(),
});
export type SourceSchedule = z.infer<typeof sourceScheduleSchema>;

export const DEFAULT_SOURCE_SCHEDULE: SourceSchedule = {
  intervalMinutes: 15,
  lookBackMinutes: 15,
  firstRunMinutes: 60,
  maxWindowMinutes: 1440,
  settleSeconds: 60,
  maxHoldBackMinutes: 1440,
};

const name = z.string().trim().min(1).max(100).describe('How people call this source: "Twilio main account"');
const common = {
  name,
  enabled: z.boolean().optional().describe('Run by the timer; default true'),
  schedule: sourceScheduleChangeSchema.optional(),
};

export const createSourceBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rest'), ...common, config: restRecorderConfigSchema }),
  z.object({ kind: z.literal('twilio'), ...common, config: twilioRecordingsConfigSchema }),
  z.object({ kind: z.literal('3cx'), ...common, config: threecxRecordingsConfigSchema }),
]);
export type CreateSourceBody = z.infer<typeof createSourceBodySchema>;

export const updateSourceBodySchema = z.strictObject({
  name: name.optional(),
  enabled: z.boolean().optional(),
  schedule: sourceScheduleChangeSchema.optional(),
  config: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("The whole configuration of the source's kind (replaces the stored one; the kind stays)"),
});
export type UpdateSourceBody = z.infer<typeof updateSourceBodySchema>;

/** The configuration of a kind, checked by that kind's schema (defaults filled in). */
export const configSchemaOf = {
  rest: restRecorderConfigSchema,
  twilio: twilioRecordingsConfigSchema,
  '3cx': threecxRecordingsConfigSchema,
} as const;

const instant = z.string().nullable();

export const sourceViewSchema = z
  .object({
    id: z.string().describe('recsrc_...'),
    kind: z.enum(['rest', 'twilio', '3cx']),
    name: z.string(),
    enabled: z.boolean(),
    config: z.record(z.string(), z.unknown()).describe('As stored; secrets appear by name only'),
    schedule: sourceScheduleSchema,
    secrets: z
      .array(z.object({ field: z.string(), name: z.string(), set: z.boolean() }))
      .describe('The secrets the configuration names, and whether each is set (values are never returned)'),
    recordingSource: z
      .string()
      .describe("The recordings' `source`: twilio, 3cx, or the REST connector's name"),
    callbackUrl: z
      .string()
      .nullable()
      .describe(
        'Twilio: set this as the recordingStatusCallback URL (push instead of waiting for the timer)',
      ),
    nextRunAt: instant,
    lastRun: z.object({ at: z.string(), status: z.string(), error: z.string().nullable() }).nullable(),
    cursor: z
      .object({
        highWaterMark: z.string(),
        lastSuccessAt: instant,
        importedTotal: z.number(),
        duplicatesTotal: z.number(),
        failedTotal: z.number(),
      })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'RecordingSource' });
export type SourceView = z.infer<typeof sourceViewSchema>;

export const sourceRunSchema = z
  .object({
    id: z.string().describe('pullrun_...'),
    sourceId: z.string(),
    trigger: z.enum(['timer', 'manual', 'callback']),
    state: z.enum(['running', 'succeeded', 'partial', 'failed', 'abandoned']),
    window: z.object({ since: z.string(), until: z.string() }).nullable(),
    fetched: z.number(),
    imported: z.number(),
    duplicates: z.number(),
    failed: z.number(),
    failures: z.array(
      z.object({ sourceRecordingId: z.string(), message: z.string(), transient: z.boolean() }),
    ),
    skipped: z.array(z.object({ sourceRecordingId: z.string(), reason: z.string() })),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    startedAt: z.string(),
    finishedAt: instant,
  })
  .meta({ id: 'RecordingSourceRun' });
export type SourceRunView = z.infer<typeof sourceRunSchema>;

export const sourceIdParams = z.object({ sourceId: z.string().max(64) });
export const runsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });
export const runNowQuerySchema = z.object({
  wait: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: answer when the run has finished (200) instead of at once (202)'),
});

export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
} as const;
