import { describe, expect, it } from 'vitest';
import { legTimeline, type TimedLeg } from './legs-timeline';

const leg = (
  legId: string,
  startedAt: string | null,
  answeredAt: string | null,
  endedAt: string | null,
  extra: Partial<TimedLeg> = {},
): TimedLeg => ({
  legId,
  startedAt,
  answeredAt,
  endedAt,
  ringSeconds: null,
  talkSeconds: null,
  ...extra,
});

describe('legTimeline', () => {
  it('puts parallel ringing legs side by side and scales every leg to the whole call', () => {
    // A ring group: two phones ring from :00; one answers at :10 and talks until :40; the other stops at :10.
    const timeline = legTimeline({
      startedAt: '2024-01-27T15:00:00Z',
      endedAt: '2024-01-27T15:00:40Z',
      totalSeconds: 40,
      legs: [
        leg('a', '2024-01-27T15:00:00Z', '2024-01-27T15:00:10Z', '2024-01-27T15:00:40Z'),
        leg('b', '2024-01-27T15:00:00Z', null, '2024-01-27T15:00:10Z'),
      ],
    });
    expect(timeline.seconds).toBe(40);
    expect(timeline.legs[0]).toMatchObject({
      offsetPct: 0,
      ringPct: 25,
      talkPct: 75,
      answered: true,
      ringSeconds: 10,
      talkSeconds: 30,
    });
    expect(timeline.legs[1]).toMatchObject({
      offsetPct: 0,
      ringPct: 25,
      talkPct: 0,
      answered: false,
      ringSeconds: 10,
      talkSeconds: 0,
    });
  });

  it('places a transferred leg after the first, from its own start', () => {
    const timeline = legTimeline({
      startedAt: '2024-01-27T15:00:00Z',
      endedAt: null,
      totalSeconds: null,
      legs: [
        leg('first', '2024-01-27T15:00:00Z', '2024-01-27T15:00:05Z', '2024-01-27T15:00:50Z'),
        leg('second', '2024-01-27T15:00:50Z', '2024-01-27T15:01:00Z', '2024-01-27T15:01:40Z'),
      ],
    });
    expect(timeline.seconds).toBe(100);
    expect(timeline.legs[1]).toMatchObject({
      offsetPct: 50,
      ringPct: 10,
      talkPct: 40,
      startsAfterSeconds: 50,
    });
  });

  it('falls back to ring + talk seconds without an end, and draws nothing for a leg without a start', () => {
    const timeline = legTimeline({
      startedAt: '2024-01-27T15:00:00Z',
      endedAt: '2024-01-27T15:00:20Z',
      totalSeconds: 20,
      legs: [
        leg('open', '2024-01-27T15:00:00Z', '2024-01-27T15:00:05Z', null, {
          ringSeconds: 5,
          talkSeconds: 15,
        }),
        leg('untimed', null, null, null),
      ],
    });
    expect(timeline.legs[0]).toMatchObject({ ringPct: 25, talkPct: 75 });
    expect(timeline.legs[1]).toMatchObject({ timed: false });
  });

  it('gives a call of zero length a one-second axis instead of dividing by zero', () => {
    const timeline = legTimeline({
      startedAt: '2024-01-27T15:00:00Z',
      endedAt: '2024-01-27T15:00:00Z',
      totalSeconds: 0,
      legs: [leg('x', '2024-01-27T15:00:00Z', null, '2024-01-27T15:00:00Z')],
    });
    expect(timeline.seconds).toBe(1);
    expect(timeline.legs[0]).toMatchObject({ offsetPct: 0, ringPct: 0, talkPct: 0 });
  });
});
