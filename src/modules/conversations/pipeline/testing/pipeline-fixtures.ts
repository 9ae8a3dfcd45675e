import { readFileSync } from 'node:fs';
import { synthesise, writeWav, type Burst } from '../../audio/test-signals.js';

/** Where the project's real payloads are (SOURCES.md there says where each came from). */
export const realTranscriptsDir = '/work/shared/fixtures/real/transcripts';

const DIGITS = ['four', ...Array.from({ length: 15 }, () => 'one')];
/** 4111 1111 1111 1111 (passes Luhn), read out digit by digit. */
export const SPOKEN_CARD = DIGITS.join(' ');
export const CARD_WORDS = { startMs: 11_200, endMs: 11_200 + DIGITS.length * 300 };

interface AwsItem {
  channel_label?: string;
  start_time?: string;
  end_time?: string;
  alternatives: { confidence: string; content: string }[];
  type: 'pronunciation' | 'punctuation';
}
interface AwsDocument {
  results: { channel_labels: { channels: { channel_label: string; items: AwsItem[] }[] } };
}

/**
 * The real AWS Transcribe channel-identification file (ch_0 "I've been on hold for an hour." at
 * 4.86–6.87 s, ch_1 "Sorry about that." at 8.5–9.25 s) with ch_0 then saying "my card number
 * is" (10.0–11.2 s) and a card number read out digit by digit (11.2–16.0 s), 300 ms a word.
 */
export function awsTranscriptWithSpokenCard(): string {
  const document = JSON.parse(
    readFileSync(`${realTranscriptsDir}/aws-transcribe-channel-id.json`, 'utf8'),
  ) as AwsDocument;
  const channel = document.results.channel_labels.channels[0];
  if (!channel) throw new Error('the fixture has no channel 0');
  const words = ['my', 'card', 'number', 'is', ...DIGITS];
  words.forEach((word, i) => {
    const start = 10 + i * 0.3;
    channel.items.push({
      channel_label: 'ch_0',
      start_time: start.toFixed(2),
      end_time: (start + 0.3).toFixed(2),
      alternatives: [{ confidence: '0.98', content: word }],
      type: 'pronunciation',
    });
  });
  return JSON.stringify(document);
}

/**
 * A 20 s stereo call as a contact centre records it (8 kHz µ-law, line noise at −60 dBFS) whose
 * speech matches that transcript: channel 0 talks 4.8–6.9 s and 10–16 s, channel 1 8.5–9.3 s.
 * Known silences of 3 s or more: 0–4.8 s and 16–20 s.
 */
export const stereoCall = {
  durationMs: 20_000,
  bursts: [
    { channel: 0, startMs: 4_800, endMs: 6_900, levelDb: -20, pitchHz: 180 },
    { channel: 0, startMs: 10_000, endMs: 16_000, levelDb: -20, pitchHz: 180 },
    { channel: 1, startMs: 8_500, endMs: 9_300, levelDb: -24, pitchHz: 120 },
  ] satisfies Burst[],
  truth: {
    talkMs: [8_100, 800],
    nonTalk: [
      { startMs: 0, endMs: 4_800 },
      { startMs: 16_000, endMs: 20_000 },
    ],
  },
};

export function stereoCallWav(): Uint8Array {
  const audio = synthesise({
    sampleRate: 8000,
    durationMs: stereoCall.durationMs,
    channels: 2,
    bursts: stereoCall.bursts,
    noiseDb: -60,
  });
  return writeWav(audio, 8000, 'pcm_mulaw');
}

/** The start of an MP3 file (an ID3 tag, then a frame header): recognised, but needs ffmpeg to decode. */
export function mp3Bytes(): Uint8Array {
  const id3 = Buffer.from([0x49, 0x44, 0x33, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  const frame = Buffer.alloc(4096, 0x55);
  frame.set([0xff, 0xfb, 0x90, 0x64], 0);
  return Buffer.concat([id3, frame]);
}
