import { describe, expect, it } from 'vitest';
import { outlierFigures } from '../analyses/analysis.step.js';
import { csvCell, csvOf } from './dashboard-csv.js';

describe('dashboard CSV', () => {
  it('defuses text a spreadsheet would run as a formula, and quotes what needs quoting', () => {
    expect(['=SUM(A1)', '+49', '-x', '@cmd', '\tx', 'plain'].map(csvCell)).toEqual([
      "'=SUM(A1)",
      "'+49",
      "'-x",
      "'@cmd",
      "'\tx",
      'plain',
    ]);
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvOf(['a', 'b'], [[1, '=2']])).toBe("a,b\r\n1,'=2\r\n");
  });
});

describe('outlier figures of an analysis', () => {
  it('takes the longest silence and counts the interruptions of the characteristics', () => {
    const span = (startMs: number, endMs: number) => ({ startMs, endMs, durationMs: endMs - startMs });
    const characteristics = {
      durationMs: 60_000,
      talkTimeMs: 40_000,
      speakers: [],
      nonTalk: { totalMs: 20_000, periods: [span(0, 4000), span(10_000, 26_000)] },
      interruptions: [
        { interrupter: 'spk_0', interrupted: 'spk_1', atMs: 1, durationMs: 1 },
        { interrupter: 'spk_1', interrupted: 'spk_0', atMs: 2, durationMs: 1 },
      ],
      overtalk: { totalMs: 0, periods: [] },
    };
    expect(outlierFigures(characteristics)).toEqual({ longestSilenceMs: 16_000, interruptions: 2 });
    expect(outlierFigures(null)).toEqual({ longestSilenceMs: null, interruptions: null });
  });
});
