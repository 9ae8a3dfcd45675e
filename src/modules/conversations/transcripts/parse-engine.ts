import { z } from 'zod';
import { checkedRange, readDocument, type SegmentDraft, type TranscriptDraft } from './transcript-draft.js';
import type { SpeakerDraft } from './speakers.js';

const ms = z.number().int().nonnegative();
const probability = z.number().min(0).max(1).nullable();

/**
 * What Switchboard writes for a transcript it made itself: a local engine's output (pocketsphinx,
 * an operator's command), or the per-channel transcripts of a provider joined into one call.
 * Stored as the raw output like any provider's JSON, so it re-imports through `parseTranscript`.
 */
export const engineDocumentSchema = z.object({
  switchboardEngine: z.literal(1),
  /** Who transcribed: `pocketsphinx`, `command`, or a provider whose channels were joined. */
  provider: z.string().min(1),
  model: z.string().nullable(),
  modelVersion: z.string().nullable(),
  language: z.string().nullable(),
  durationMs: ms.nullable(),
  /** How speakers were told apart: one per channel, two voices in one channel, or not at all. */
  speakerSource: z.enum(['channels', 'mono_diarised', 'mono_single']),
  segments: z.array(
    z.object({
      /** 0-based speaker index: the channel for `channels`; 0 = first voice for `mono_diarised`. */
      speaker: z.number().int().nonnegative(),
      channel: z.number().int().nonnegative().nullable(),
      startMs: ms,
      endMs: ms,
      text: z.string(),
      confidence: probability,
      words: z
        .array(z.object({ text: z.string().min(1), startMs: ms, endMs: ms, confidence: probability }))
        .nullable(),
    }),
  ),
});
export type EngineDocument = z.infer<typeof engineDocumentSchema>;

export function parseEngineDocument(document: unknown): TranscriptDraft {
  const body = readDocument('switchboard-engine', engineDocumentSchema, document);
  const speakers = new Map<number, SpeakerDraft>();
  const segments: SegmentDraft[] = body.segments
    .filter((segment) => segment.text.trim() !== '')
    .map((segment, index) => {
      const where = `segments.${index}`;
      const range = checkedRange('switchboard-engine', segment.startMs, segment.endMs, where);
      const words = segment.words?.map((word, w) => ({
        ...word,
        ...checkedRange('switchboard-engine', word.startMs, word.endMs, `${where}.words.${w}`),
      }));
      const key = `spk_${segment.speaker}`;
      if (!speakers.has(segment.speaker)) {
        speakers.set(segment.speaker, {
          key,
          label: null,
          index: segment.speaker,
          channel: body.speakerSource === 'channels' ? segment.channel : null,
          role: null,
        });
      }
      return {
        speaker: key,
        channel: segment.channel,
        ...range,
        text: segment.text.trim(),
        confidence: segment.confidence,
        words: words ?? null,
      };
    });
  return {
    format: 'switchboard-engine',
    provider: body.provider,
    model: body.model,
    modelVersion: body.modelVersion,
    providerJobId: null,
    createdAt: null,
    language: body.language,
    durationMs: body.durationMs,
    speakers: [...speakers.values()].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)),
    separated: body.speakerSource !== 'mono_single',
    segments,
    providerRedaction: null,
  };
}
