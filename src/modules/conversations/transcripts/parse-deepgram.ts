import { z } from 'zod';
import type { TranscriptWord } from './transcript.schema.js';
import {
  checkedRange,
  readDocument,
  secondsToMs,
  type SegmentDraft,
  type TranscriptDraft,
} from './transcript-draft.js';
import type { SpeakerDraft } from './speakers.js';

const word = z.object({
  word: z.string(),
  punctuated_word: z.string().nullish(),
  start: z.number(),
  end: z.number(),
  confidence: z.number().min(0).max(1).nullish(),
  speaker: z.number().int().nonnegative().nullish(),
});
type DeepgramWord = z.infer<typeof word>;

const listenResponse = z.object({
  metadata: z
    .object({
      request_id: z.string().nullish(),
      created: z.string().nullish(),
      duration: z.number().nullish(),
      channels: z.number().int().positive().nullish(),
      models: z.array(z.string()).nullish(),
      model_info: z
        .record(
          z.string(),
          z.object({ name: z.string().nullish(), version: z.string().nullish(), arch: z.string().nullish() }),
        )
        .nullish(),
    })
    .nullish(),
  results: z.object({
    channels: z.array(
      z.object({
        detected_language: z.string().nullish(),
        alternatives: z.array(z.object({ transcript: z.string(), words: z.array(word).nullish() })).min(1),
      }),
    ),
    utterances: z
      .array(
        z.object({
          start: z.number(),
          end: z.number(),
          confidence: z.number().min(0).max(1).nullish(),
          channel: z.number().int().nonnegative().nullish(),
          transcript: z.string(),
          words: z.array(word).nullish(),
          speaker: z.number().int().nonnegative().nullish(),
        }),
      )
      .nullish(),
  }),
});

/** A pause this long ends a segment when Deepgram gave words but no utterances. */
const SEGMENT_GAP_MS = 1000;

/**
 * Deepgram `/v1/listen` (prerecorded). Segments are the `utterances` when requested, else the
 * first alternative's words of each channel split at a speaker change or a pause of a second.
 * Speakers: with several channels (`multichannel=true`) one speaker per channel (`spk_<channel>`);
 * on one channel Deepgram's diarised `speaker` N is `spk_N`. Model and version from `model_info`.
 */
export function parseDeepgram(document: unknown): TranscriptDraft {
  const body = readDocument('deepgram', listenResponse, document);
  const channelCount = Math.max(body.metadata?.channels ?? 1, body.results.channels.length);
  const multichannel = channelCount > 1;
  const speakers = new Map<string, SpeakerDraft>();
  let diarised = false;
  const speakerOf = (channel: number, speaker: number | null | undefined): string => {
    if (speaker !== null && speaker !== undefined) diarised = true;
    const index = multichannel ? channel : (speaker ?? 0);
    const key = `spk${index}`;
    if (!speakers.has(key)) {
      speakers.set(key, {
        key,
        label: multichannel
          ? `channel ${channel}`
          : speaker === null || speaker === undefined
            ? null
            : `speaker ${speaker}`,
        index,
        channel: multichannel ? channel : null,
        role: null,
      });
    }
    return key;
  };

  const segments: SegmentDraft[] = [];
  if (body.results.utterances) {
    for (const [index, utterance] of body.results.utterances.entries()) {
      const where = `results.utterances.${index}`;
      const channel = utterance.channel ?? 0;
      segments.push({
        speaker: speakerOf(channel, utterance.speaker ?? utterance.words?.[0]?.speaker),
        channel: multichannel ? channel : null,
        ...range(utterance.start, utterance.end, where),
        text: utterance.transcript.trim(),
        confidence: utterance.confidence ?? null,
        words: utterance.words
          ? utterance.words.map((item, at) => wordOf(item, `${where}.words.${at}`))
          : null,
      });
    }
  } else {
    for (const [channel, result] of body.results.channels.entries()) {
      const alternative = result.alternatives[0];
      const where = `results.channels.${channel}.alternatives.0.words`;
      const words = alternative?.words ?? [];
      let run: { speaker: number | null | undefined; words: TranscriptWord[] } | null = null;
      const close = (): void => {
        const first = run?.words[0];
        const last = run?.words.at(-1);
        if (!run || !first || !last) return;
        segments.push({
          speaker: speakerOf(channel, run.speaker),
          channel: multichannel ? channel : null,
          startMs: first.startMs,
          endMs: last.endMs,
          text: run.words.map((item) => item.text).join(' '),
          confidence: mean(run.words.map((item) => item.confidence)),
          words: run.words,
        });
      };
      for (const [at, item] of words.entries()) {
        const next = wordOf(item, `${where}.${at}`);
        const previous = run?.words.at(-1);
        if (
          !run ||
          !previous ||
          run.speaker !== item.speaker ||
          next.startMs - previous.endMs >= SEGMENT_GAP_MS
        ) {
          close();
          run = { speaker: item.speaker, words: [] };
        }
        run.words.push(next);
      }
      close();
    }
  }

  const model = Object.values(body.metadata?.model_info ?? {})[0];
  return {
    format: 'deepgram',
    provider: 'deepgram',
    model: model?.arch ?? model?.name ?? body.metadata?.models?.[0] ?? null,
    modelVersion: model ? [model.name, model.version].filter(Boolean).join(' ') || null : null,
    providerJobId: body.metadata?.request_id ?? null,
    createdAt: body.metadata?.created ?? null,
    language: body.results.channels[0]?.detected_language ?? null,
    durationMs:
      body.metadata?.duration === null || body.metadata?.duration === undefined
        ? null
        : secondsToMs('deepgram', body.metadata.duration, 'metadata.duration'),
    speakers: [...speakers.values()],
    separated: multichannel || diarised,
    segments: segments.filter((segment) => segment.text !== ''),
    providerRedaction: null,
  };
}

function range(start: number, end: number, where: string): { startMs: number; endMs: number } {
  return checkedRange(
    'deepgram',
    secondsToMs('deepgram', start, `${where}.start`),
    secondsToMs('deepgram', end, `${where}.end`),
    where,
  );
}

function wordOf(item: DeepgramWord, where: string): TranscriptWord {
  const text = (item.punctuated_word ?? item.word).trim();
  return {
    text: text === '' ? item.word : text,
    ...range(item.start, item.end, where),
    confidence: item.confidence ?? null,
  };
}

function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
}
