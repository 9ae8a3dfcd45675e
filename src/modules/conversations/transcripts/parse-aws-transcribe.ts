import { z } from 'zod';
import type { RedactionMarker, TranscriptWord } from './transcript.schema.js';
import { invalidTranscript } from './transcript.errors.js';
import {
  checkedRange,
  joinTokens,
  readDocument,
  secondsToMs,
  type SegmentDraft,
  type TranscriptDraft,
} from './transcript-draft.js';
import type { SpeakerDraft } from './speakers.js';

const time = z.union([z.string(), z.number()]);

const item = z.object({
  type: z.enum(['pronunciation', 'punctuation']),
  start_time: time.nullish(),
  end_time: time.nullish(),
  speaker_label: z.string().nullish(),
  channel_label: z.string().nullish(),
  language_code: z.string().nullish(),
  alternatives: z
    .array(
      z.object({
        content: z.string(),
        confidence: z.union([z.string(), z.number()]).nullish(),
        redaction_type: z.string().nullish(),
      }),
    )
    .min(1),
});
type Item = z.infer<typeof item>;

const transcribeJob = z.object({
  jobName: z.string().nullish(),
  results: z.object({
    language_code: z.string().nullish(),
    items: z.array(item).nullish(),
    speaker_labels: z
      .object({
        segments: z
          .array(
            z.object({
              speaker_label: z.string(),
              items: z.array(z.object({ start_time: time, speaker_label: z.string() })).nullish(),
            }),
          )
          .nullish(),
      })
      .nullish(),
    channel_labels: z
      .object({
        channels: z.array(z.object({ channel_label: z.string(), items: z.array(item) })),
        number_of_channels: z.number().int().nullish(),
      })
      .nullish(),
  }),
});

/** A pause this long inside one speaker's words starts a new segment. */
const SEGMENT_GAP_MS = 1000;

/**
 * AWS Transcribe batch output. With channel identification (`channel_labels`) each channel is one
 * speaker, `ch_N` = `spk_N` on channel N; with speaker diarisation (`speaker_labels`) `spk_N` is
 * `spk_N` (older outputs without `speaker_label` on items are matched through
 * `speaker_labels.segments[].items` by start time). Items become words (punctuation joins the
 * word before); a segment ends at a change of speaker or a pause of a second. Redacted items
 * (`[PII]`, `redaction_type`) keep their text and gain a provider redaction marker.
 */
export function parseAwsTranscribe(document: unknown): TranscriptDraft {
  const body = readDocument('aws-transcribe', transcribeJob, document);
  const results = body.results;
  const channelMode = Boolean(results.channel_labels && results.channel_labels.channels.length > 0);
  const speakerByStart = new Map<string, string>();
  for (const segment of results.speaker_labels?.segments ?? []) {
    for (const entry of segment.items ?? [])
      speakerByStart.set(String(entry.start_time), entry.speaker_label);
  }

  const streams: { items: Item[]; where: string }[] = [];
  if (channelMode && results.channel_labels) {
    for (const [index, channel] of results.channel_labels.channels.entries()) {
      streams.push({
        items: channel.items.map((entry) => ({
          ...entry,
          channel_label: entry.channel_label ?? channel.channel_label,
        })),
        where: `results.channel_labels.channels.${index}.items`,
      });
    }
  } else {
    streams.push({ items: results.items ?? [], where: 'results.items' });
  }

  const speakers = new Map<string, SpeakerDraft>();
  const speakerKey = (label: string | null): string => {
    const key = label ?? 'unlabelled';
    if (!speakers.has(key)) {
      const index = label === null ? null : labelIndex(label);
      speakers.set(key, { key, label, index, channel: channelMode ? index : null, role: null });
    }
    return key;
  };

  const segments: SegmentDraft[] = [];
  let redacted = false;
  let language = results.language_code ?? null;
  for (const stream of streams) {
    let current: {
      key: string;
      channel: number | null;
      words: (TranscriptWord & { punctuation: boolean })[];
      redactions: RedactionMarker[];
    } | null = null;
    const close = (): void => {
      if (!current) return;
      const spoken = current.words.filter((word) => !word.punctuation);
      const first = spoken[0];
      const last = spoken.at(-1);
      if (first && last) {
        const words = mergePunctuation(current.words);
        segments.push({
          speaker: current.key,
          channel: current.channel,
          startMs: first.startMs,
          endMs: last.endMs,
          text: joinTokens(current.words),
          confidence: average(spoken.map((word) => word.confidence)),
          words,
          redactions: markersOf(words, current.redactions),
        });
      }
      current = null;
    };
    for (const [index, entry] of stream.items.entries()) {
      const where = `${stream.where}.${index}`;
      const [alternative] = entry.alternatives;
      if (!alternative) continue;
      language ??= entry.language_code ?? null;
      if (entry.type === 'punctuation') {
        if (current)
          current.words.push({
            text: alternative.content,
            startMs: 0,
            endMs: 0,
            confidence: null,
            punctuation: true,
          });
        continue;
      }
      if (
        entry.start_time === null ||
        entry.start_time === undefined ||
        entry.end_time === null ||
        entry.end_time === undefined
      ) {
        throw invalidTranscript(
          'aws-transcribe',
          where,
          'a pronunciation item needs start_time and end_time',
        );
      }
      const range = checkedRange(
        'aws-transcribe',
        secondsToMs('aws-transcribe', entry.start_time, `${where}.start_time`),
        secondsToMs('aws-transcribe', entry.end_time, `${where}.end_time`),
        where,
      );
      const label = channelMode
        ? (entry.channel_label ?? null)
        : (entry.speaker_label ?? speakerByStart.get(String(entry.start_time)) ?? null);
      const key = speakerKey(label);
      const previous = current?.words.filter((word) => !word.punctuation).at(-1);
      if (!current || current.key !== key || (previous && range.startMs - previous.endMs >= SEGMENT_GAP_MS)) {
        close();
        current = {
          key,
          channel: channelMode && label !== null ? labelIndex(label) : null,
          words: [],
          redactions: [],
        };
      }
      const isRedacted = Boolean(alternative.redaction_type) || /^\[[A-Z_]+\]$/.test(alternative.content);
      if (isRedacted) {
        redacted = true;
        current.redactions.push({
          entityType: alternative.redaction_type ?? alternative.content.slice(1, -1),
          charStart: current.words.length,
          charEnd: current.words.length,
          ...range,
          by: 'provider',
        });
      }
      current.words.push({
        text: alternative.content,
        ...range,
        confidence: confidenceOf(alternative.confidence),
        punctuation: false,
      });
    }
    close();
  }

  return {
    format: 'aws-transcribe',
    provider: 'aws-transcribe',
    model: null,
    modelVersion: null,
    providerJobId: body.jobName ?? null,
    createdAt: null,
    language,
    durationMs: null,
    speakers: [...speakers.values()],
    separated: channelMode || Boolean(results.speaker_labels),
    segments,
    providerRedaction: redacted ? { entityTypes: ['PII'] } : null,
  };
}

/** `spk_3` / `ch_1` → 3 / 1. */
function labelIndex(label: string): number | null {
  const match = /^(?:spk|ch)_(\d{1,3})$/.exec(label);
  return match ? Number(match[1]) : null;
}

function confidenceOf(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 && number <= 1 ? number : null;
}

function average(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0
    ? null
    : Math.round((known.reduce((sum, value) => sum + value, 0) / known.length) * 10_000) / 10_000;
}

/** Punctuation tokens join the word before them, so the words' texts read as the segment's text. */
function mergePunctuation(tokens: readonly (TranscriptWord & { punctuation: boolean })[]): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  for (const token of tokens) {
    const last = words.at(-1);
    if (token.punctuation) {
      if (last) last.text += token.text;
      continue;
    }
    words.push({
      text: token.text,
      startMs: token.startMs,
      endMs: token.endMs,
      confidence: token.confidence,
    });
  }
  return words;
}

/**
 * Provider markers were collected with the index of their token among the segment's tokens; turn
 * them into char offsets into the joined text (the redacted word, punctuation excluded).
 */
function markersOf(words: readonly TranscriptWord[], pending: readonly RedactionMarker[]): RedactionMarker[] {
  if (pending.length === 0) return [];
  const markers: RedactionMarker[] = [];
  let offset = 0;
  const starts = words.map((word) => {
    const at = offset;
    offset += word.text.length + 1;
    return at;
  });
  for (const marker of pending) {
    const index = words.findIndex((word) => word.startMs === marker.startMs && word.endMs === marker.endMs);
    const word = words[index];
    const start = starts[index];
    if (!word || start === undefined) continue;
    const token = /^\[[^\]]*\]/.exec(word.text)?.[0] ?? word.text;
    markers.push({ ...marker, charStart: start, charEnd: start + token.length });
  }
  return markers;
}
