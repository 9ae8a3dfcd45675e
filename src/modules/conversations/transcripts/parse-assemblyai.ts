import { z } from 'zod';
import type { TranscriptWord } from './transcript.schema.js';
import { invalidTranscript } from './transcript.errors.js';
import {
  checkedRange,
  readDocument,
  secondsToMs,
  type SegmentDraft,
  type TranscriptDraft,
} from './transcript-draft.js';
import type { SpeakerDraft } from './speakers.js';

const millis = z.number().int().nonnegative();

const word = z.object({
  text: z.string(),
  start: millis,
  end: millis,
  confidence: z.number().min(0).max(1).nullish(),
  speaker: z.string().nullish(),
  channel: z.string().nullish(),
});
type AssemblyWord = z.infer<typeof word>;

const transcriptResource = z.object({
  id: z.string().nullish(),
  status: z.string(),
  error: z.string().nullish(),
  language_code: z.string().nullish(),
  speech_model: z.string().nullish(),
  acoustic_model: z.string().nullish(),
  audio_duration: z.number().nullish(),
  multichannel: z.boolean().nullish(),
  speaker_labels: z.boolean().nullish(),
  redact_pii: z.boolean().nullish(),
  redact_pii_policies: z.array(z.string()).nullish(),
  words: z.array(word).nullish(),
  utterances: z
    .array(
      z.object({
        speaker: z.string().nullish(),
        channel: z.string().nullish(),
        start: millis,
        end: millis,
        text: z.string(),
        confidence: z.number().min(0).max(1).nullish(),
        words: z.array(word).nullish(),
      }),
    )
    .nullish(),
});

const SEGMENT_GAP_MS = 1000;

/**
 * AssemblyAI transcript resource (`GET /v2/transcript/{id}`), times in ms. Segments are the
 * `utterances` (speaker_labels or multichannel) or else the words split at a speaker change or a
 * pause of a second. Speaker letter A = `spk_0`, B = `spk_1` …; with `multichannel` the channel
 * ("1", "2") is the speaker: channel 1 = `spk_0` on channel 0.
 */
export function parseAssemblyAi(document: unknown): TranscriptDraft {
  const body = readDocument('assemblyai', transcriptResource, document);
  if (body.status !== 'completed') {
    throw invalidTranscript(
      'assemblyai',
      'status',
      `the transcript is "${body.status}", not "completed"${body.error ? ` (${body.error})` : ''}`,
    );
  }
  const multichannel = body.multichannel === true;
  const speakers = new Map<string, SpeakerDraft>();
  const speakerOf = (
    label: string | null | undefined,
    channelLabel: string | null | undefined,
  ): { key: string; channel: number | null } => {
    const channel = multichannel ? channelIndex(channelLabel ?? label) : null;
    const key = multichannel ? `ch${channel ?? 'x'}` : (label ?? 'unlabelled');
    if (!speakers.has(key)) {
      speakers.set(key, {
        key,
        label: multichannel ? (channelLabel ?? label ?? null) : (label ?? null),
        index: multichannel ? channel : letterIndex(label),
        channel,
        role: null,
      });
    }
    return { key, channel };
  };

  const segments: SegmentDraft[] = [];
  if (body.utterances && body.utterances.length > 0) {
    for (const [index, utterance] of body.utterances.entries()) {
      const where = `utterances.${index}`;
      const { key, channel } = speakerOf(utterance.speaker, utterance.channel);
      segments.push({
        speaker: key,
        channel,
        ...checkedRange('assemblyai', utterance.start, utterance.end, where),
        text: utterance.text.trim(),
        confidence: utterance.confidence ?? null,
        words: utterance.words
          ? utterance.words.map((item, at) => wordOf(item, `${where}.words.${at}`))
          : null,
      });
    }
  } else if (body.words && body.words.length > 0) {
    let run: { key: string; channel: number | null; words: TranscriptWord[] } | null = null;
    const close = (): void => {
      const first = run?.words[0];
      const last = run?.words.at(-1);
      if (!run || !first || !last) return;
      segments.push({
        speaker: run.key,
        channel: run.channel,
        startMs: first.startMs,
        endMs: last.endMs,
        text: run.words.map((item) => item.text).join(' '),
        confidence: null,
        words: run.words,
      });
    };
    for (const [at, item] of body.words.entries()) {
      const next = wordOf(item, `words.${at}`);
      const { key, channel } = speakerOf(item.speaker, item.channel);
      const previous = run?.words.at(-1);
      if (!run || !previous || run.key !== key || next.startMs - previous.endMs >= SEGMENT_GAP_MS) {
        close();
        run = { key, channel, words: [] };
      }
      run.words.push(next);
    }
    close();
  } else {
    throw invalidTranscript(
      'assemblyai',
      null,
      'a completed transcript without utterances or words has no timing to read',
    );
  }

  return {
    format: 'assemblyai',
    provider: 'assemblyai',
    model: body.speech_model ?? body.acoustic_model ?? null,
    modelVersion: null,
    providerJobId: body.id ?? null,
    createdAt: null,
    language: body.language_code ?? null,
    durationMs:
      body.audio_duration === null || body.audio_duration === undefined
        ? null
        : secondsToMs('assemblyai', body.audio_duration, 'audio_duration'),
    speakers: [...speakers.values()],
    separated: multichannel || body.speaker_labels === true,
    segments: segments.filter((segment) => segment.text !== ''),
    providerRedaction: body.redact_pii === true ? { entityTypes: body.redact_pii_policies ?? [] } : null,
  };
}

function wordOf(item: AssemblyWord, where: string): TranscriptWord {
  if (item.text.trim() === '') throw invalidTranscript('assemblyai', `${where}.text`, 'a word without text');
  return {
    text: item.text,
    ...checkedRange('assemblyai', item.start, item.end, where),
    confidence: item.confidence ?? null,
  };
}

/** `A` → 0, `B` → 1 … `Z` → 25; anything else has no index. */
function letterIndex(label: string | null | undefined): number | null {
  return label && /^[A-Z]$/.test(label) ? label.charCodeAt(0) - 65 : null;
}

/** AssemblyAI numbers channels from 1. */
function channelIndex(label: string | null | undefined): number | null {
  return label && /^\d{1,2}$/.test(label) && Number(label) >= 1 ? Number(label) - 1 : null;
}
