import { describe, expect, it } from 'vitest';
import { Resampler, resample } from './resample.js';

const sine = (rate: number, hz: number, seconds: number, amplitude = 0.5) =>
  Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, n) => amplitude * Math.sin((2 * Math.PI * hz * n) / rate),
  );

const rms = (x: Float32Array, from = 0, to = x.length) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += (x[i] ?? 0) ** 2;
  return Math.sqrt(sum / (to - from));
};

/** Error against the ideal output, away from the edges where the filter sees the start/end. */
function errorDb(out: Float32Array, ideal: Float32Array): number {
  const from = 200;
  const to = Math.min(out.length, ideal.length) - 200;
  let noise = 0;
  for (let i = from; i < to; i++) noise += ((out[i] ?? 0) - (ideal[i] ?? 0)) ** 2;
  return 10 * Math.log10(noise / (to - from) / rms(ideal, from, to) ** 2);
}

describe('Resampler', () => {
  it.each([
    [8000, 16000, 1000],
    [44100, 16000, 1000],
    [48000, 16000, 3000],
    [11025, 16000, 2500],
  ])('%i Hz → %i Hz keeps a %i Hz tone in time and amplitude (error below −60 dB)', (from, to, hz) => {
    const [out] = resample([sine(from, hz, 1)], from, to);
    expect(out!.length).toBe(Math.ceil((from * to) / from));
    expect(errorDb(out!, sine(to, hz, 1))).toBeLessThan(-60);
  });

  it('removes what lies above the new Nyquist frequency instead of folding it back (48 kHz → 16 kHz)', () => {
    // A 10 kHz tone would alias to 6 kHz with nearest-sample or linear decimation.
    const [out] = resample([sine(48000, 10_000, 1)], 48000, 16000);
    expect(20 * Math.log10(rms(out!, 200, out!.length - 200) / rms(sine(48000, 10_000, 1)))).toBeLessThan(
      -70,
    );
  });

  it('gives the same samples streamed in uneven chunks as in one piece, for every channel', () => {
    const left = sine(44100, 700, 0.5);
    const right = sine(44100, 1300, 0.5, 0.25);
    const whole = resample([left, right], 44100, 16000);
    const resampler = new Resampler(44100, 16000, 2);
    const parts: Float32Array[][] = [];
    for (let at = 0, k = 0; at < left.length; k++) {
      const size = [1, 517, 4096, 33][k % 4]!;
      parts.push(resampler.push([left.subarray(at, at + size), right.subarray(at, at + size)]));
      at += size;
    }
    parts.push(resampler.flush());
    for (const c of [0, 1]) {
      const streamed = Float32Array.from(parts.flatMap((p) => Array.from(p[c]!)));
      expect(streamed.length).toBe(whole[c]!.length);
      let worst = 0;
      streamed.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - whole[c]![i]!))));
      expect(worst).toBeLessThan(1e-6);
    }
  });

  it('handles a ratio with more phases than the table holds (44 101 Hz → 16 kHz)', () => {
    const [out] = resample([sine(44101, 1000, 1)], 44101, 16000);
    expect(out!.length).toBe(16000);
    expect(errorDb(out!, sine(16000, 1000, 1))).toBeLessThan(-55);
  });
});
