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

const seconds = z.number();

const verboseJson = z.object({
  task: z.string().optional(),
  language: z.string().nullish(),
  duration: seconds.nullish(),
  text: z.string().optional(),
  segments: z.array(
    z.object({
      start: seconds,
      end: seconds,
      text: z.string(),
      avg_logprob: z.number().nullish(),
    }),
  ),
  words: z.array(z.object({ word: z.string(), start: seconds, end: seconds })).nullish(),
});

const diarizedJson = z.object({
  task: z.string().optional(),
  duration: seconds.nullish(),
  segments: z.array(
    z.object({
      id: z.string().nullish(),
      start: seconds,
      end: seconds,
      text: z.string(),
      speaker: z.string().min(1),
    }),
  ),
});

/**
 * OpenAI `/v1/audio/transcriptions` with `response_format=verbose_json` (also what faster-whisper
 * and whisper.cpp servers answer): segments in seconds, one undiarised speaker; word times from
 * the top-level `words` (timestamp_granularities[]=word) are put into the segment they fall in.
 * Segment confidence is exp(avg_logprob), the mean token probability.
 */
export function parseOpenAiVerbose(document: unknown): TranscriptDraft {
  const body = readDocument('openai-verbose-json', verboseJson, document);
  const words: (TranscriptWord & { at: number })[] = (body.words ?? []).map((word, index) => {
    const where = `words.${index}`;
    const range = checkedRange(
      'openai-verbose-json',
      secondsToMs('openai-verbose-json', word.start, `${where}.start`),
      secondsToMs('openai-verbose-json', word.end, `${where}.end`),
      where,
    );
    return { text: word.word.trim() || word.word, ...range, confidence: null, at: index };
  });
  const segments: SegmentDraft[] = body.segments.map((segment, index) => {
    const where = `segments.${index}`;
    const range = checkedRange(
      'openai-verbose-json',
      secondsToMs('openai-verbose-json', segment.start, `${where}.start`),
      secondsToMs('openai-verbose-json', segment.end, `${where}.end`),
      where,
    );
    const inside = words
      .filter(
        (word) =>
          word.startMs >= range.startMs &&
          word.startMs < Math.max(range.endMs, range.startMs + 1) &&
          word.text !== '',
      )
      .map(({ text, startMs, endMs, confidence }) => ({ text, startMs, endMs, confidence }));
    const logprob = segment.avg_logprob;
    return {
      speaker: 'speaker',
      channel: null,
      ...range,
      text: segment.text.trim(),
      confidence: logprob === null || logprob === undefined ? null : Math.min(1, Math.exp(logprob)),
      words: body.words ? inside : null,
    };
  });
  return {
    format: 'openai-verbose-json',
    provider: 'openai',
    model: null,
    modelVersion: null,
    providerJobId: null,
    createdAt: null,
    language: body.language ?? null,
    durationMs:
      body.duration === null || body.duration === undefined
        ? null
        : secondsToMs('openai-verbose-json', body.duration, 'duration'),
    speakers: [{ key: 'speaker', label: null, index: 0, channel: null, role: null }],
    separated: false,
    segments: segments.filter((segment) => segment.text !== ''),
    providerRedaction: null,
  };
}

/**
 * OpenAI `response_format=diarized_json` (gpt-4o-transcribe-diarize): segments carry `speaker`,
 * either a known speaker's name as given in the request (`agent`) or a letter (`A`, `B`). Ids
 * follow first appearance; a label that is a role (`agent`, `customer`) gives the role.
 */
export function parseOpenAiDiarized(document: unknown): TranscriptDraft {
  const body = readDocument('openai-diarized-json', diarizedJson, document);
  const speakers = new Map<string, SpeakerDraft>();
  const segments: SegmentDraft[] = body.segments.map((segment, index) => {
    const where = `segments.${index}`;
    if (!speakers.has(segment.speaker)) {
      speakers.set(segment.speaker, {
        key: segment.speaker,
        label: segment.speaker,
        index: null,
        channel: null,
        role: null,
      });
    }
    return {
      speaker: segment.speaker,
      channel: null,
      ...checkedRange(
        'openai-diarized-json',
        secondsToMs('openai-diarized-json', segment.start, `${where}.start`),
        secondsToMs('openai-diarized-json', segment.end, `${where}.end`),
        where,
      ),
      text: segment.text.trim(),
      confidence: null,
      words: null,
    };
  });
  return {
    format: 'openai-diarized-json',
    provider: 'openai',
    model: null,
    modelVersion: null,
    providerJobId: null,
    createdAt: null,
    language: null,
    durationMs:
      body.duration === null || body.duration === undefined
        ? null
        : secondsToMs('openai-diarized-json', body.duration, 'duration'),
    speakers: [...speakers.values()],
    separated: true,
    segments: segments.filter((segment) => segment.text !== ''),
    providerRedaction: null,
  };
}
