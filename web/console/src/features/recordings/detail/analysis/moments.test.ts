import { describe, expect, it } from 'vitest';
import { analysisOf } from './analysis.testing';
import { formatScore, momentsOf, sentimentBySegment } from './moments';

describe('the analysis on the time axis', () => {
  it('puts category points, tracker and intent hits in call order', () => {
    const analysis = analysisOf({
      trackers: [
        {
          trackerId: 'refund',
          trackerName: 'Refund',
          phrase: 'refund',
          evidence: {
            segmentId: 'seg_2',
            speaker: 'spk_0',
            startMs: 16_500,
            endMs: 17_000,
            charStart: 9,
            charEnd: 15,
            quote: 'refund',
          },
        },
      ],
    });
    expect(momentsOf(analysis).map((m) => [m.kind, m.name, m.startMs, m.segmentId])).toEqual([
      ['category', 'Billing dispute', 5_000, 'seg_1'],
      ['intent', 'complaint', 5_000, 'seg_1'],
      ['tracker', 'Refund', 16_500, 'seg_2'],
    ]);
    expect(momentsOf(undefined)).toEqual([]);
  });

  it('knows each segment’s sentiment by its id', () => {
    const sentiments = sentimentBySegment(analysisOf());
    expect(sentiments.get('seg_1')).toEqual({ label: 'negative', score: -0.6 });
    expect(sentiments.get('seg_9')).toBeUndefined();
  });

  it('signs a score', () => {
    expect([0.42, -0.1, 0, 0.001].map(formatScore)).toEqual(['+0.42', '−0.10', '0.00', '0.00']);
  });
});
