import { describe, expect, it } from 'vitest';
import { readAll } from './audio-stream.js';
import { openAudio } from './open-audio.js';
import { concat, synthesise, writeWav } from './test-signals.js';
import { encodeWav, engineAudio, pcm16WavHeader } from './wav.encode.js';

describe('engine audio', () => {
  it('turns one channel of an 8 kHz µ-law stereo call into 16 kHz 16-bit mono, streamed', async () => {
    const call = synthesise({
      sampleRate: 8000,
      durationMs: 2000,
      channels: 2,
      bursts: [
        { channel: 0, startMs: 0, endMs: 2000, levelDb: -12, kind: 'tone', pitchHz: 300 },
        { channel: 1, startMs: 0, endMs: 2000, levelDb: -12, kind: 'tone', pitchHz: 1000 },
      ],
    });
    const parts: Uint8Array[] = [];
    for await (const part of engineAudio(await openAudio(writeWav(call, 8000, 'pcm_mulaw')), { channel: 1 }))
      parts.push(part);
    const pcm = concat(parts);
    expect(pcm.length).toBe(32000 * 2);
    const { channels } = await readAll(await openAudio(concat([pcm16WavHeader(16000, 1, pcm.length), pcm])));
    // 1000 Hz: 2000 zero crossings a second, whatever the channel 0 tone.
    let crossings = 0;
    for (let i = 1000; i < 17000; i++) if (channels[0]![i - 1]! < 0 !== channels[0]![i]! < 0) crossings++;
    expect(Math.abs(crossings - 2000)).toBeLessThanOrEqual(2);
  });

  it('writes a WAV the decoder reads back, and a streamed header that says "length unknown"', async () => {
    const [tone] = synthesise({
      sampleRate: 16000,
      durationMs: 100,
      channels: 1,
      bursts: [{ channel: 0, startMs: 0, endMs: 100, levelDb: -6, kind: 'tone' }],
    });
    const back = await readAll(await openAudio(encodeWav([tone!], 16000)));
    expect(back.outcome.frames).toBe(1600);
    expect(Math.abs(back.channels[0]![40]! - tone![40]!)).toBeLessThan(1 / 16000);
    expect(new DataView(pcm16WavHeader(16000, 1, null).buffer).getUint32(40, true)).toBe(0xffffffff);
  });
});
