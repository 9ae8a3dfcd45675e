import { describe, expect, it } from 'vitest';
import { activeSegmentIndex, piecesOf, place } from './timeline';
import { peaksOf } from './waveform';

const segment = (startMs: number, endMs: number) => ({
  id: `seg_${startMs}`,
  speakerId: 'spk_0',
  channel: null,
  startMs,
  endMs,
  text: '',
  words: null,
  redactions: [],
});

describe('the detail page’s timeline', () => {
  it('keeps the line just heard current through a pause, and none before the first', () => {
    const segments = [segment(1_000, 3_000), segment(5_000, 8_000)];
    expect(activeSegmentIndex(segments, 500)).toBe(-1);
    expect(activeSegmentIndex(segments, 1_000)).toBe(0);
    expect(activeSegmentIndex(segments, 4_000)).toBe(0);
    expect(activeSegmentIndex(segments, 5_000)).toBe(1);
    expect(activeSegmentIndex(segments, 60_000)).toBe(1);
  });

  it('cuts a segment at its redaction markers, ignoring markers outside the text', () => {
    const text = 'Card [CARD_NUMBER], expiry [CARD_EXPIRY].';
    const marker = (entityType: string, charStart: number, charEnd: number) => ({
      entityType,
      charStart,
      charEnd,
      startMs: null,
      endMs: null,
      by: 'switchboard' as const,
    });
    expect(
      piecesOf({
        text,
        redactions: [marker('CARD_EXPIRY', 27, 40), marker('CARD_NUMBER', 5, 18), marker('X', 30, 999)],
      }),
    ).toEqual([
      { text: 'Card ' },
      { entityType: 'CARD_NUMBER', text: '[CARD_NUMBER]' },
      { text: ', expiry ' },
      { entityType: 'CARD_EXPIRY', text: '[CARD_EXPIRY]' },
      { text: '.' },
    ]);
  });

  it('places spans as shares of the length, never outside it', () => {
    expect(place({ startMs: 2_500, endMs: 5_000 }, 10_000)).toEqual({ left: '25.000%', width: '25.000%' });
    expect(place({ startMs: 9_000, endMs: 20_000 }, 10_000)).toEqual({ left: '90.000%', width: '10.000%' });
  });

  it('scales the loudest peak to 1 and takes every channel', () => {
    const left = new Float32Array([0.1, -0.2, 0, 0]);
    const right = new Float32Array([0, 0, 0.05, -0.1]);
    expect([...peaksOf([left, right], 2)].map((p) => Math.round(p * 100) / 100)).toEqual([1, 0.5]);
    expect([...peaksOf([], 3)]).toEqual([0, 0, 0]);
  });
});
