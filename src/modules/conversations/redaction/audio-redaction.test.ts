import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAll } from '../audio/audio-stream.js';
import { openAudio } from '../audio/open-audio.js';
import { inChunks, writeWav } from '../audio/test-signals.js';
import { redactAudio, redactAudioToFile, redactPcm, type MuteRange } from './audio-redaction.js';

const RATE = 8000;
/** Two channels of tones, never silent: any zero run in the output is ours. */
function call(seconds: number): Float32Array[] {
  return [440, 620].map((hz) => {
    const samples = new Float32Array(RATE * seconds);
    for (let i = 0; i < samples.length; i++)
      samples[i] = 0.5 * Math.sin((2 * Math.PI * hz * i) / RATE) + 0.01;
    return samples;
  });
}

const toSample = (ms: number) => Math.round((ms * RATE) / 1000);
const q = (x: number) => Math.round(Math.max(-1, Math.min(1, x)) * 32767) / 32767;

/** Muted samples are 0; the others are the input as 16-bit PCM reads it back (within one step). */
function expectRedacted(
  output: Float32Array[],
  input: Float32Array[],
  muted: (channel: number, sample: number) => boolean,
): void {
  output.forEach((samples, c) => {
    let wrongSilence = 0;
    let changed = 0;
    samples.forEach((value, i) => {
      if (muted(c, i)) {
        if (value !== 0) wrongSilence += 1;
      } else if (Math.abs(value - q(input[c]![i]!)) > 2 / 32768) changed += 1;
    });
    expect({ channel: c, wrongSilence, changed }).toEqual({ channel: c, wrongSilence: 0, changed: 0 });
  });
}

describe('audio redaction', () => {
  const ranges: MuteRange[] = [
    { startMs: 1000, endMs: 1500 },
    { startMs: 1600, endMs: 1700 }, // merges with the first once padded
    { startMs: 3000, endMs: 3200, channel: 1 }, // the customer's channel only
  ];
  const padding = 100;
  const muted = (channel: number, i: number) =>
    (i >= toSample(900) && i < toSample(1800)) ||
    (channel === 1 && i >= toSample(2900) && i < toSample(3300));

  it('silences the padded ranges (all channels, or the one named) and leaves every other sample as it was', async () => {
    const input = call(4);
    const wav = redactPcm(input, RATE, ranges, { paddingMs: padding });
    const { channels } = await readAll(await openAudio(wav));
    expect(channels[0]!.length).toBe(input[0]!.length);
    expectRedacted(channels, input, muted);
  });

  it('streams: a recording read in odd chunks comes out the same as the in-memory version, and the file has exact sizes', async () => {
    const input = call(4);
    const source = writeWav(input, RATE, 'pcm_s16le');
    const parts: Uint8Array[] = [];
    for await (const part of redactAudio(await openAudio(inChunks(source, [333, 4097, 17])), ranges, {
      paddingMs: padding,
    })) {
      parts.push(part);
    }
    const streamed = Buffer.concat(parts);
    // The streamed header says "unknown length"; the samples equal the in-memory result's.
    expect(streamed.readUInt32LE(40)).toBe(0xffffffff);
    const memory = Buffer.from(
      redactPcm((await readAll(await openAudio(source))).channels, RATE, ranges, { paddingMs: padding }),
    );
    expect(streamed.subarray(44).equals(memory.subarray(44))).toBe(true);

    const dir = mkdtempSync(path.join(tmpdir(), 'audio-redaction-'));
    try {
      const file = path.join(dir, 'redacted.wav');
      const written = await redactAudioToFile(await openAudio(source), ranges, file, { paddingMs: padding });
      const bytes = readFileSync(file);
      expect(written.frames).toBe(input[0]!.length);
      expect(bytes.readUInt32LE(40)).toBe(bytes.length - 44);
      expect(bytes.equals(memory)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a range at the very start, one past the end and a backwards one do no harm', async () => {
    const input = call(1);
    const wav = redactPcm(
      input,
      RATE,
      [
        { startMs: 0, endMs: 50 },
        { startMs: 900, endMs: 5_000 },
        { startMs: 500, endMs: 400 },
      ],
      { paddingMs: 0 },
    );
    const { channels } = await readAll(await openAudio(wav));
    expect(channels[0]!.length).toBe(RATE);
    expectRedacted(channels, input, (_, i) => i < toSample(50) || i >= toSample(900));
  });
});
