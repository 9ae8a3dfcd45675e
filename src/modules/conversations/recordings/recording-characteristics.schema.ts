import { z } from 'zod';
import type { ConversationCharacteristics, Loudness } from '../audio/characteristics.js';

/*
 * The characteristics a recording's current transcript carries, as the API answers them (and the
 * OpenAPI document, and so the console's generated types, show them): what the pipeline measured
 * (audio/characteristics.ts) with loudness per speaker and talk speed once a transcript exists.
 */

const ms = z.number().int().nonnegative();
const spanSchema = z.object({ startMs: ms, endMs: ms });
const timedSpanSchema = spanSchema.extend({ durationMs: ms });
const periodsSchema = z.object({ totalMs: ms, periods: z.array(timedSpanSchema) });

export const recordingCharacteristicsSchema = z
  .object({
    speakerSource: z
      .string()
      .optional()
      .describe('Where the speakers come from: channels of a stereo call, or diarisation of mono'),
    durationMs: ms,
    talkTimeMs: ms.describe('Time during which at least one party talks'),
    speakers: z.array(
      z.object({
        speaker: z.string().describe('spk_<n>'),
        channel: z.number().int().nonnegative().nullable(),
        talkTimeMs: ms,
        talkRatio: z.number().min(0).max(1).describe('Share of all talk'),
        talkShareOfCall: z.number().min(0).describe("Share of the recording's length"),
        longestMonologue: timedSpanSchema.nullable(),
        interruptionsMade: z.number().int().nonnegative(),
        interruptionsSuffered: z.number().int().nonnegative(),
        spans: z.array(spanSchema).describe('When the speaker talked, sorted'),
      }),
    ),
    nonTalk: periodsSchema.describe('Every silence of at least 3 s, start and end of the recording included'),
    interruptions: z.array(
      z.object({
        interrupter: z.string(),
        interrupted: z.string(),
        atMs: ms,
        durationMs: ms,
      }),
    ),
    overtalk: periodsSchema.describe('Time during which two or more parties talk at once'),
    loudness: z
      .array(
        z.object({
          averageDbfs: z.number().nullable(),
          perSecondDbfs: z.array(z.number().nullable()),
        }),
      )
      .optional()
      .describe('Per speaker, in the order of speakers: level while speaking (dBFS), overall and per second'),
    talkSpeedWpm: z
      .record(z.string(), z.number().nullable())
      .optional()
      .describe('Words per minute of talk, by speaker'),
  })
  .meta({ id: 'RecordingCharacteristics' });

export type RecordingCharacteristics = z.infer<typeof recordingCharacteristicsSchema>;

/*
 * The answer's schema reads the measured model exactly: the same fields (none dropped on the way
 * out), each of a type the model can hold. A change to either fails the typecheck here.
 */
type Fits<A, B> = A extends B ? true : never;
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : never;
type Measured = Omit<RecordingCharacteristics, 'speakerSource' | 'loudness' | 'talkSpeedWpm'>;
type Speaker = RecordingCharacteristics['speakers'][number];
export const characteristicsFitTheModel: [
  SameKeys<ConversationCharacteristics, Measured>,
  SameKeys<ConversationCharacteristics['speakers'][number], Speaker>,
  Fits<Measured, ConversationCharacteristics>,
  SameKeys<Loudness, NonNullable<RecordingCharacteristics['loudness']>[number]>,
  Fits<NonNullable<RecordingCharacteristics['loudness']>[number], Loudness>,
] = [true, true, true, true, true];

/** The stored characteristics as the API answers them; null when absent or of a shape this version does not read. */
export function readCharacteristics(stored: unknown): RecordingCharacteristics | null {
  const parsed = recordingCharacteristicsSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
