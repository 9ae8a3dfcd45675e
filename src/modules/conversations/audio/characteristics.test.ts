import { describe, expect, it } from 'vitest';
import { conversationCharacteristics, talkSpeed } from './characteristics.js';

const s = (startMs: number, endMs: number) => ({ startMs, endMs });

describe('conversationCharacteristics (from spans whose truth is exact)', () => {
  // agent: 0–4 s, 5–12 s (customer cuts in at 10 s), 20–21 s; customer: 10–14 s, 14.2–15 s (a pause), 30–31 s.
  const agent = { speaker: 'agent', channel: 0, spans: [s(0, 4000), s(5000, 12_000), s(20_000, 21_000)] };
  const customer = {
    speaker: 'customer',
    channel: 1,
    spans: [s(10_000, 14_000), s(14_200, 15_000), s(30_000, 31_000)],
  };
  const result = conversationCharacteristics([agent, customer], 40_000);

  it('measures talk time per speaker and the talk ratio', () => {
    expect(result.speakers.map((x) => [x.speaker, x.talkTimeMs])).toEqual([
      ['agent', 12_000],
      ['customer', 5800],
    ]);
    expect(result.speakers[0]!.talkRatio).toBeCloseTo(12_000 / 17_800, 6);
    expect(result.speakers[1]!.talkShareOfCall).toBeCloseTo(5800 / 40_000, 6);
    // 0–4, 5–14 (both), 14.2–15, 20–21, 30–31 s.
    expect(result.talkTimeMs).toBe(4000 + 9000 + 800 + 1000 + 1000);
  });

  it('lists every silence of 3 s or more with its start and end, the end of the call included', () => {
    expect(result.nonTalk.periods).toEqual([
      { startMs: 15_000, endMs: 20_000, durationMs: 5000 },
      { startMs: 21_000, endMs: 30_000, durationMs: 9000 },
      { startMs: 31_000, endMs: 40_000, durationMs: 9000 },
    ]);
    expect(result.nonTalk.totalMs).toBe(23_000);
  });

  it('finds who interrupted whom, when, for how long, and the overtalk', () => {
    expect(result.interruptions).toEqual([
      { interrupter: 'customer', interrupted: 'agent', atMs: 10_000, durationMs: 2000 },
    ]);
    expect(result.speakers.map((x) => [x.interruptionsMade, x.interruptionsSuffered])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(result.overtalk).toEqual({
      totalMs: 2000,
      periods: [{ startMs: 10_000, endMs: 12_000, durationMs: 2000 }],
    });
  });

  it('finds the longest monologue: across a pause nobody filled, cut where the other starts', () => {
    // agent 0–12 s would be one monologue (1 s pause), but the customer starts at 10 s.
    expect(result.speakers[0]!.longestMonologue).toEqual({ startMs: 0, endMs: 10_000, durationMs: 10_000 });
    // customer 10–15 s, across the 200 ms pause.
    expect(result.speakers[1]!.longestMonologue).toEqual({
      startMs: 10_000,
      endMs: 15_000,
      durationMs: 5000,
    });
  });

  it('does not count a short overlap (a backchannel) as an interruption, only as overtalk', () => {
    const r = conversationCharacteristics(
      [
        { speaker: 'a', channel: 0, spans: [s(0, 5000)] },
        { speaker: 'b', channel: 1, spans: [s(2000, 2400)] },
      ],
      5000,
    );
    expect(r.interruptions).toEqual([]);
    expect(r.overtalk.totalMs).toBe(400);
  });

  it('counts a silent recording as all non-talk', () => {
    const r = conversationCharacteristics([{ speaker: 'a', channel: null, spans: [] }], 10_000);
    expect(r.nonTalk.periods).toEqual([{ startMs: 0, endMs: 10_000, durationMs: 10_000 }]);
    expect(r.speakers[0]).toMatchObject({ talkTimeMs: 0, talkRatio: 0, longestMonologue: null });
  });

  it('gives talk speed in words per minute of talk time', () => {
    expect(talkSpeed(result, { agent: 30, customer: 14.5 })).toEqual({ agent: 150, customer: 150 });
    expect(talkSpeed(result, { agent: 30 })).toEqual({ agent: 150, customer: null });
  });
});
