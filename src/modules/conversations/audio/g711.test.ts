import { describe, expect, it } from 'vitest';
import { A_LAW, MU_LAW, g711ToInt16 } from './g711.js';
import { linearToALaw, linearToMuLaw } from './test-signals.js';

describe('G.711 expansion', () => {
  it('gives the values of the standard at the ends and around zero', () => {
    expect(g711ToInt16.muLaw(0xff)).toBe(0);
    expect(g711ToInt16.muLaw(0x7f)).toBe(-0);
    expect(g711ToInt16.muLaw(0x80)).toBe(32124);
    expect(g711ToInt16.muLaw(0x00)).toBe(-32124);
    expect(g711ToInt16.aLaw(0xd5)).toBe(8);
    expect(g711ToInt16.aLaw(0x55)).toBe(-8);
    expect(g711ToInt16.aLaw(0xaa)).toBe(32256);
    expect(g711ToInt16.aLaw(0x2a)).toBe(-32256);
  });

  it('is monotonic over the code space, as a companding law must be', () => {
    // µ-law: 0x80…0xFF positive, falling in magnitude; 0x00…0x7F negative.
    const positive = Array.from({ length: 128 }, (_, i) => MU_LAW[0xff - i] ?? 0);
    expect(positive.every((v, i) => i === 0 || v > (positive[i - 1] ?? 0))).toBe(true);
    const aPositive = Array.from({ length: 128 }, (_, i) => A_LAW[(0x80 | i) ^ 0x55] ?? 0);
    expect(aPositive.every((v, i) => i === 0 || v > (aPositive[i - 1] ?? 0))).toBe(true);
  });

  it('round-trips every 16-bit value within the quantisation step of its segment', () => {
    for (let s = -32768; s < 32768; s += 7) {
      const mu = g711ToInt16.muLaw(linearToMuLaw(s));
      const a = g711ToInt16.aLaw(linearToALaw(s));
      // Steps double each segment: at most 1/16 of the magnitude (plus the smallest step near 0).
      expect(Math.abs(mu - s)).toBeLessThanOrEqual(Math.abs(s) / 16 + 8);
      expect(Math.abs(a - s)).toBeLessThanOrEqual(Math.abs(s) / 16 + 16);
    }
  });
});
