import type { AudioFormat, AudioSource, DecodeOutcome, Span } from './audio.types.js';
import type { AudioStream } from './audio-stream.js';
import {
  conversationCharacteristics,
  speakerLoudness,
  type CharacteristicsOptions,
  type ConversationCharacteristics,
  type Loudness,
  type SpeakerSpeech,
} from './characteristics.js';
import { FrameTrackBuilder, type FrameTrack } from './frame-track.js';
import { diariseMono, type MonoDiarisationOptions } from './mono-diarise.js';
import { openAudio, type OpenAudioOptions } from './open-audio.js';
import { detectVoiceActivity, type VadOptions } from './vad.js';

export interface AnalyseOptions extends OpenAudioOptions {
  /** Names of the parties by channel (stereo) or by order of first speech (mono). Default `spk_0`, `spk_1`, … */
  readonly speakers?: readonly string[];
  readonly vad?: VadOptions;
  readonly diarisation?: MonoDiarisationOptions;
  readonly characteristics?: CharacteristicsOptions;
}

export interface AudioAnalysis {
  readonly format: AudioFormat;
  readonly decode: DecodeOutcome;
  /**
   * How speakers were found: `channels` (one party per channel), `mono_diarised` (two voices told
   * apart in one channel) or `mono_single` (one channel, one voice found). Stereo whose channels
   * are identical is analysed as mono.
   */
  readonly speakerSource: 'channels' | 'mono_diarised' | 'mono_single';
  readonly characteristics: ConversationCharacteristics;
  /** Loudness per speaker, in the order of `characteristics.speakers`. */
  readonly loudness: readonly Loudness[];
}

/** Reads a decoded stream once, in chunks, into its frame track. */
export async function frameTrackOf(stream: AudioStream): Promise<FrameTrack> {
  const builder = new FrameTrackBuilder(stream.format.sampleRate, stream.format.channels);
  for await (const chunk of stream) builder.push(chunk);
  return builder.finish();
}

/**
 * Conversation characteristics of a recording, without any model: decode (streaming), frame
 * track, voice activity per channel (or per diarised speaker for mono), then the metrics. Memory
 * is bounded by the frame track, not by the size of the file.
 */
export async function analyseAudio(
  source: AudioSource | AudioStream,
  options: AnalyseOptions = {},
): Promise<AudioAnalysis> {
  const stream = 'format' in source ? source : await openAudio(source, options);
  const track = await frameTrackOf(stream);
  const decode = stream.outcome;
  return { format: stream.format, decode, ...analyseTrack(track, decode.durationMs, options) };
}

/** The analysis from a frame track already built (the pipeline may build it while uploading). */
export function analyseTrack(
  track: FrameTrack,
  durationMs: number,
  options: Pick<AnalyseOptions, 'speakers' | 'vad' | 'diarisation' | 'characteristics'> = {},
): Pick<AudioAnalysis, 'speakerSource' | 'characteristics' | 'loudness'> {
  const name = (i: number) => options.speakers?.[i] ?? `spk_${i}`;
  const channels = track.identicalChannels ? [track.channels[0]] : track.channels;
  const mono = channels.length === 1;
  const activity = detectVoiceActivity(
    { ...track, channels: channels.filter((c) => c !== undefined) },
    options.vad,
  );

  let speech: SpeakerSpeech[];
  let speakerSource: AudioAnalysis['speakerSource'];
  if (mono) {
    const channel = track.channels[0];
    const spans: Span[] = activity[0] ?? [];
    const split =
      channel === undefined
        ? { speakers: [spans] }
        : diariseMono(spans, channel, track.frameMs, options.diarisation);
    speakerSource = split.speakers.length > 1 ? 'mono_diarised' : 'mono_single';
    speech = split.speakers.map((spans, i) => ({ speaker: name(i), channel: null, spans }));
  } else {
    speakerSource = 'channels';
    speech = activity.map((spans, c) => ({ speaker: name(c), channel: c, spans }));
  }

  const characteristics = conversationCharacteristics(speech, durationMs, options.characteristics);
  const loudness = speech.map((s) => {
    const channel = track.channels[s.channel ?? 0];
    return channel === undefined
      ? { averageDbfs: null, perSecondDbfs: [] }
      : speakerLoudness(channel, s.spans, track.frameMs, durationMs);
  });
  return { speakerSource, characteristics, loudness };
}
