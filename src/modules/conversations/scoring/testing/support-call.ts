import type { ScoringInput, ScoringSegment } from '../scoring-input.js';

/**
 * A one-minute support call, written for the scoring tests. Known facts:
 * - the agent says the recording disclosure at 1-4 s; the customer says "cancel" at 4.5 s;
 * - the agent starts at 8.5 s while the customer talks until 9 s (a 500 ms interruption);
 * - nobody talks from 20 s to 45 s (a 25 s silence); the agent talks 11.5 s straight (8.5-20 s);
 * - customer sentiment -0.7, 0.0, 0.5 (average -0.067); agent 0.2, 0.0, 0.3.
 */
export const supportCallSegments: ScoringSegment[] = [
  {
    id: 'seg_0',
    speaker: 'agent',
    startMs: 1000,
    endMs: 4000,
    text: 'Thank you for calling Acme, this call is recorded for quality purposes.',
    sentiment: 0.2,
  },
  {
    id: 'seg_1',
    speaker: 'customer',
    startMs: 4500,
    endMs: 9000,
    text: 'Hi, I want to CANCEL my subscription. This is ridiculous!',
    sentiment: -0.7,
  },
  {
    id: 'seg_2',
    speaker: 'agent',
    startMs: 8500,
    endMs: 20000,
    text: 'I understand. Let me look at your account, one moment please.',
    sentiment: 0,
  },
  {
    id: 'seg_3',
    speaker: 'customer',
    startMs: 45000,
    endMs: 50000,
    text: 'Are you still there?',
    sentiment: 0,
  },
  {
    id: 'seg_4',
    speaker: 'agent',
    startMs: 50000,
    endMs: 58000,
    text: 'Yes, sorry. I can offer you a discount instead.',
    sentiment: 0.3,
  },
  {
    id: 'seg_5',
    speaker: 'customer',
    startMs: 58500,
    endMs: 60000,
    text: 'Okay, thanks. Goodbye.',
    sentiment: 0.5,
  },
];

export const supportCall: ScoringInput = { durationMs: 60_000, segments: supportCallSegments };

/** The same call without sentiment scores (a run with no sentiment analyser). */
export const supportCallWithoutSentiment: ScoringInput = {
  durationMs: 60_000,
  segments: supportCallSegments.map(({ sentiment: _none, ...segment }) => segment),
};
