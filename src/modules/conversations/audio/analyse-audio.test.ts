import { describe, expect, it } from 'vitest';
import { analyseAudio } from './analyse-audio.js';
import { openAudio } from './open-audio.js';
import { synthesise, writeWav, type Burst } from './test-signals.js';

/** Talk-time and boundary tolerance stated by the issue: ±150 ms. */
const TOLERANCE_MS = 150;

const agent = (startMs: number, endMs: number): Burst => ({
  channel: 0,
  startMs,
  endMs,
  levelDb: -20,
  pitchHz: 120,
});
const customer = (startMs: number, endMs: number): Burst => ({
  channel: 1,
  startMs,
  endMs,
  levelDb: -26,
  pitchHz: 210,
});

/**
 * A stereo call with a line-noise floor: agent 0.5–6 s, customer 7–11 s, agent 9.5–13 s
 * (interrupts the customer, 1.5 s of overtalk), silence 13–18 s, customer 18–20 s over an agent
 * backchannel at 18.5–18.8 s (overtalk, no interruption), then silence to 24 s.
 */
const bursts = [
  agent(500, 6000),
  customer(7000, 11_000),
  agent(9500, 13_000),
  customer(18_000, 20_000),
  agent(18_500, 18_800),
];
const truth = { agent: 5500 + 3500 + 300, customer: 4000 + 2000 };

describe('analyseAudio on synthetic stereo whose truth is known', () => {
  for (const [codec, sampleRate] of [
    ['pcm_s16le', 16000],
    ['pcm_mulaw', 8000],
    ['pcm_alaw', 8000],
  ] as const) {
    it(`measures talk time, silences, interruptions and overtalk (${codec} at ${sampleRate} Hz, noise at −60 dBFS)`, async () => {
      const audio = synthesise({ sampleRate, durationMs: 24_000, channels: 2, bursts, noiseDb: -60 });
      const result = await analyseAudio(writeWav(audio, sampleRate, codec), {
        speakers: ['agent', 'customer'],
      });
      const c = result.characteristics;
      expect(result.speakerSource).toBe('channels');
      expect(c.durationMs).toBe(24_000);
      const [a, b] = c.speakers;
      expect(Math.abs(a!.talkTimeMs - truth.agent)).toBeLessThanOrEqual(2 * TOLERANCE_MS);
      expect(Math.abs(b!.talkTimeMs - truth.customer)).toBeLessThanOrEqual(2 * TOLERANCE_MS);
      expect(a!.spans).toHaveLength(3);
      a!.spans.forEach((span, i) => {
        const expected = [agent(500, 6000), agent(9500, 13_000), agent(18_500, 18_800)][i]!;
        expect(Math.abs(span.startMs - expected.startMs)).toBeLessThanOrEqual(TOLERANCE_MS);
        expect(Math.abs(span.endMs - expected.endMs)).toBeLessThanOrEqual(TOLERANCE_MS);
      });

      expect(c.interruptions).toHaveLength(1);
      expect(c.interruptions[0]).toMatchObject({ interrupter: 'agent', interrupted: 'customer' });
      expect(Math.abs(c.interruptions[0]!.atMs - 9500)).toBeLessThanOrEqual(TOLERANCE_MS);
      expect(Math.abs(c.interruptions[0]!.durationMs - 1500)).toBeLessThanOrEqual(2 * TOLERANCE_MS);
      expect(Math.abs(c.overtalk.totalMs - 1800)).toBeLessThanOrEqual(3 * TOLERANCE_MS);

      expect(c.nonTalk.periods).toHaveLength(2);
      const [gap, tail] = c.nonTalk.periods;
      expect(Math.abs(gap!.startMs - 13_000)).toBeLessThanOrEqual(TOLERANCE_MS);
      expect(Math.abs(gap!.endMs - 18_000)).toBeLessThanOrEqual(TOLERANCE_MS);
      expect(Math.abs(tail!.startMs - 20_000)).toBeLessThanOrEqual(TOLERANCE_MS);
      expect(tail!.endMs).toBe(24_000);

      // The agent's longest monologue: 0.5–6 s (the customer starts at 7 s, after the pause).
      expect(Math.abs(a!.longestMonologue!.durationMs - 5500)).toBeLessThanOrEqual(2 * TOLERANCE_MS);

      // Loudness while speaking: −20 and −26 dBFS as generated (G.711 and the DC filter allow ±1 dB).
      expect(result.loudness[0]!.averageDbfs).toBeCloseTo(-20, 0);
      expect(result.loudness[1]!.averageDbfs).toBeCloseTo(-26, 0);
      expect(result.loudness[0]!.perSecondDbfs).toHaveLength(24);
      expect(result.loudness[0]!.perSecondDbfs[2]).toBeCloseTo(-20, 0);
      expect(result.loudness[0]!.perSecondDbfs[15]).toBeNull();
    });
  }

  it('follows a noisy line: the floor adapts, so speech 15 dB over −40 dBFS hiss is found and the hiss is not', async () => {
    const noisy = [
      { channel: 0, startMs: 2000, endMs: 5000, levelDb: -25 },
      { channel: 0, startMs: 8000, endMs: 9000, levelDb: -25 },
    ];
    const audio = synthesise({
      sampleRate: 8000,
      durationMs: 12_000,
      channels: 1,
      bursts: noisy,
      noiseDb: -40,
    });
    const result = await analyseAudio(writeWav(audio, 8000, 'pcm_s16le'));
    const spans = result.characteristics.speakers.flatMap((s) => s.spans);
    expect(spans).toHaveLength(2);
    expect(Math.abs(result.characteristics.talkTimeMs - 4000)).toBeLessThanOrEqual(2 * TOLERANCE_MS);
  });

  it('does not take the other party leaking into a channel (24 dB down) for speech', async () => {
    const audio = synthesise({
      sampleRate: 8000,
      durationMs: 6000,
      channels: 2,
      bursts: [
        { channel: 0, startMs: 1000, endMs: 4000, levelDb: -12 },
        { channel: 1, startMs: 1000, endMs: 4000, levelDb: -40 },
      ],
      noiseDb: -70,
    });
    const result = await analyseAudio(writeWav(audio, 8000, 'pcm_s16le'));
    expect(result.characteristics.speakers[1]!.talkTimeMs).toBe(0);
    expect(result.characteristics.overtalk.totalMs).toBe(0);
  });

  it('splits a mono call between two voices that differ in level and pitch, the first speaker as spk_0', async () => {
    const turns: Burst[] = [
      { channel: 0, startMs: 500, endMs: 3000, levelDb: -16, pitchHz: 110 },
      { channel: 0, startMs: 3600, endMs: 5000, levelDb: -30, pitchHz: 240 },
      { channel: 0, startMs: 5700, endMs: 9000, levelDb: -16, pitchHz: 110 },
      { channel: 0, startMs: 9800, endMs: 12_000, levelDb: -30, pitchHz: 240 },
      { channel: 0, startMs: 12_800, endMs: 13_500, levelDb: -16, pitchHz: 110 },
    ];
    const audio = synthesise({
      sampleRate: 8000,
      durationMs: 14_000,
      channels: 1,
      bursts: turns,
      noiseDb: -60,
    });
    const result = await analyseAudio(writeWav(audio, 8000, 'pcm_mulaw'));
    expect(result.speakerSource).toBe('mono_diarised');
    const [first, second] = result.characteristics.speakers;
    expect(first!.spans).toHaveLength(3);
    expect(second!.spans).toHaveLength(2);
    expect(Math.abs(first!.talkTimeMs - 6500)).toBeLessThanOrEqual(3 * TOLERANCE_MS);
    expect(Math.abs(second!.talkTimeMs - 3600)).toBeLessThanOrEqual(2 * TOLERANCE_MS);
    expect(result.loudness[1]!.averageDbfs).toBeCloseTo(-30, 0);
  });

  it('keeps one speaker when a mono recording holds one voice', async () => {
    const turns: Burst[] = [500, 3500, 6500, 9500].map((startMs, i) => ({
      channel: 0,
      startMs,
      endMs: startMs + 2200,
      levelDb: -18 - (i % 2),
      pitchHz: 130,
    }));
    const audio = synthesise({
      sampleRate: 16000,
      durationMs: 12_000,
      channels: 1,
      bursts: turns,
      noiseDb: -65,
    });
    const result = await analyseAudio(writeWav(audio, 16000, 'pcm_s16le'));
    expect(result.speakerSource).toBe('mono_single');
    expect(result.characteristics.speakers).toHaveLength(1);
  });

  it('analyses stereo whose two channels are the same as mono', async () => {
    const [mono] = synthesise({
      sampleRate: 8000,
      durationMs: 4000,
      channels: 1,
      bursts: [{ channel: 0, startMs: 1000, endMs: 3000, levelDb: -20 }],
    });
    const result = await analyseAudio(await openAudio(writeWav([mono!, mono!], 8000, 'pcm_s16le')));
    expect(result.speakerSource).toBe('mono_single');
    expect(Math.abs(result.characteristics.talkTimeMs - 2000)).toBeLessThanOrEqual(TOLERANCE_MS);
  });

  it('says a truncated recording was truncated and analyses what is there', async () => {
    const audio = synthesise({ sampleRate: 8000, durationMs: 10_000, channels: 2, bursts, noiseDb: -60 });
    const bytes = writeWav(audio, 8000, 'pcm_s16le');
    const result = await analyseAudio(bytes.subarray(0, 44 + 8000 * 4 * 8));
    expect(result.decode.truncated).toEqual({ declaredFrames: 80_000, decodedFrames: 64_000 });
    expect(result.characteristics.durationMs).toBe(8000);
  });
});
