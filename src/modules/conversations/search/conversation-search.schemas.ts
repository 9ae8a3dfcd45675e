import { z } from 'zod';
import {
  decodeCursorFields,
  encodeCursorFields,
  listTotalSchema,
  totalQueryParam,
} from '../../../platform/http/index.js';
import { RECORDING_DIRECTIONS } from '../recordings/recording-metadata.schema.js';

/*
 * GET /conversations: the query (every filter named as the console's address carries it) and the
 * page. Lists in the query are comma-separated and match any of their items.
 */

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
export const QA_GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export type QaGrade = (typeof QA_GRADES)[number];

/** Control characters (NUL among them) are refused: PostgreSQL text cannot hold NUL. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const searchText = (describe: string) =>
  z
    .string()
    .min(1)
    .max(512)
    .refine((text) => !CONTROL.test(text), 'must not contain control characters')
    .refine((text) => text.trim() !== '', 'must contain a word')
    .optional()
    .describe(`${describe} (web search syntax: words, "a phrase", -word, or). Needs transcripts:read.`);

/** A comma-separated list of `allowed` values. */
const oneOrMore = <T extends string>(allowed: readonly T[]) =>
  z
    .string()
    .max(200)
    .describe(`One or more of: ${allowed.join(', ')} (comma-separated)`)
    .transform((text, ctx): T[] => {
      const items = text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const known: readonly string[] = allowed;
      if (items.length === 0 || items.some((item) => !known.includes(item))) {
        ctx.addIssue({ code: 'custom', message: `must be one or more of ${allowed.join(', ')}` });
        return z.NEVER;
      }
      return [...new Set(items)] as T[];
    });

/** A comma-separated list of labels (intent kinds, category and topic ids). */
const labels = (what: string) =>
  z
    .string()
    .max(2000)
    .describe(`One or more ${what} (comma-separated); a conversation matches with any of them`)
    .transform((text, ctx): string[] => {
      const items = [
        ...new Set(
          text
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      if (items.length === 0 || items.length > 20) {
        ctx.addIssue({ code: 'custom', message: 'must name 1 to 20 values' });
        return z.NEVER;
      }
      if (items.some((item) => item.length > 100 || CONTROL.test(item))) {
        ctx.addIssue({
          code: 'custom',
          message: 'values are at most 100 characters, without control characters',
        });
        return z.NEVER;
      }
      return items;
    })
    .optional();

const bound = (min: number, max: number, describe: string) =>
  z.coerce.number().min(min).max(max).optional().describe(describe);

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with Z or an offset' });

export const conversationQuerySchema = z
  .object({
    q: searchText('Words anywhere in the redacted transcript'),
    agentSaid: searchText('Words the agent said'),
    customerSaid: searchText('Words the customer said'),
    sentiment: oneOrMore(SENTIMENT_LABELS)
      .optional()
      .describe('Overall sentiment label (score ≥ 0.1 positive, ≤ -0.1 negative, else neutral)'),
    customerSentiment: oneOrMore(SENTIMENT_LABELS).optional().describe("The customer's sentiment label"),
    sentimentMin: bound(-1, 1, 'Overall sentiment score at least (-1..1)'),
    sentimentMax: bound(-1, 1, 'Overall sentiment score at most (-1..1)'),
    grade: oneOrMore(QA_GRADES).optional().describe('QA grade, one or more of A-E'),
    qaScoreMin: bound(0, 100, 'QA score at least (0..100)'),
    qaScoreMax: bound(0, 100, 'QA score at most (0..100)'),
    intent: labels('intent kinds (refund_request, cancel_request, …)'),
    category: labels('category ids of the tenant’s category set'),
    topic: labels('topic ids'),
    analysed: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .describe('true: only conversations with a current analysis; false: only those without'),
    agent: z
      .string()
      .min(1)
      .max(256)
      .refine((text) => !CONTROL.test(text), 'must not contain control characters')
      .optional()
      .describe('Agent id (or name without an id), case-insensitive'),
    queue: z
      .string()
      .min(1)
      .max(256)
      .refine((text) => !CONTROL.test(text), 'must not contain control characters')
      .optional(),
    from: instant.optional().describe('Call started (or, without a start, received) at or after'),
    to: instant.optional().describe('Call started (or received) before'),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
    total: totalQueryParam('conversations'),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && !(new Date(query.from) < new Date(query.to)))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be later than from' });
    if (
      query.sentimentMin !== undefined &&
      query.sentimentMax !== undefined &&
      query.sentimentMin > query.sentimentMax
    )
      ctx.addIssue({ code: 'custom', path: ['sentimentMax'], message: 'must not be below sentimentMin' });
    if (
      query.qaScoreMin !== undefined &&
      query.qaScoreMax !== undefined &&
      query.qaScoreMin > query.qaScoreMax
    )
      ctx.addIssue({ code: 'custom', path: ['qaScoreMax'], message: 'must not be below qaScoreMin' });
    if (query.cursor !== undefined && !decodeConversationCursor(query.cursor))
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'is not a cursor this API gave out' });
  });
export type ConversationQuery = z.output<typeof conversationQuerySchema>;

const sentimentSchema = z.object({ score: z.number(), label: z.enum(SENTIMENT_LABELS) });

export const conversationHitSchema = z
  .object({
    recordingId: z.string().describe('rec_...: the recording page'),
    callId: z.string().nullable(),
    startedAt: z.string().describe('Call start (or, without one, when it was received)'),
    durationMs: z.number().int().nullable(),
    direction: z.enum(RECORDING_DIRECTIONS),
    queue: z.string().nullable(),
    language: z.string().nullable(),
    snippet: z
      .object({
        role: z.enum(['agent', 'customer', 'unknown']),
        parts: z
          .array(z.object({ text: z.string(), match: z.boolean() }))
          .describe('The matching passage of the redacted transcript; match: a searched word'),
      })
      .nullable()
      .describe('Where the text filter matched (first match); null without a text filter'),
    analysis: z
      .object({
        id: z.string().describe('ana_...'),
        grade: z.enum(QA_GRADES).nullable(),
        qaScore: z.number().nullable(),
        sentiment: sentimentSchema.nullable(),
        customerSentiment: sentimentSchema.nullable(),
        intents: z.array(z.string()),
        categories: z.array(z.string()),
        topics: z.array(z.string()),
        analysedAt: z.string(),
      })
      .nullable()
      .describe('The current analysis; null when not analysed, or without the permission analysis:read'),
  })
  .meta({ id: 'ConversationHit' });

export const conversationPageSchema = z
  .object({
    items: z.array(conversationHitSchema),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
    total: listTotalSchema('conversations'),
  })
  .meta({ id: 'ConversationPage' });

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ConversationCursor {
  readonly at: Date;
  readonly id: string;
}

/** Opaque page cursor: base64url of "c|<time ISO>|<uuid>" (newest call first, then id). */
export const encodeConversationCursor = (cursor: ConversationCursor): string =>
  encodeCursorFields(['c', cursor.at.toISOString(), cursor.id]);

export function decodeConversationCursor(text: string): ConversationCursor | undefined {
  const [tag, iso = '', id = ''] = decodeCursorFields(text);
  const at = new Date(iso);
  if (tag !== 'c' || Number.isNaN(at.getTime()) || !uuidPattern.test(id)) return undefined;
  return { at, id };
}
