import { describe, expect, it } from 'vitest';
import { deterministicCheckSchema, type DeterministicCheck } from '../analysis-config/scorecard.schema.js';
import { runCheck } from './deterministic-checks.js';
import { characteristicsByRole } from './scoring-input.js';
import { supportCall, supportCallWithoutSentiment } from './testing/support-call.js';
import { conversationCharacteristics } from '../audio/characteristics.js';

const check = (value: unknown): DeterministicCheck => deterministicCheckSchema.parse(value);

describe('deterministic checks', () => {
  describe('a phrase said by a speaker within a time window', () => {
    it('passes when the agent says the disclosure within the first 30 s, quoting the segment', () => {
      const outcome = runCheck(
        check({
          type: 'phrase_said',
          phrases: ['call is recorded'],
          speaker: 'agent',
          within: { from: 'start', seconds: 30 },
        }),
        supportCall,
      );
      expect(outcome.pass).toBe(true);
      expect(outcome.evidence).toEqual([
        expect.objectContaining({ segmentId: 'seg_0', startMs: 1000, endMs: 4000, speaker: 'agent' }),
      ]);
      expect(outcome.evidence[0]?.quote).toContain('recorded for quality');
    });

    it('fails when the phrase comes only after the window', () => {
      const outcome = runCheck(
        check({
          type: 'phrase_said',
          phrases: ['discount'],
          speaker: 'agent',
          within: { from: 'start', seconds: 30 },
        }),
        supportCall,
      );
      expect(outcome.pass).toBe(false);
      expect(outcome.coachNote).toContain('within the first 30 s');
    });

    it('counts a window from the end of the call', () => {
      const closing = { type: 'phrase_said', phrases: ['goodbye'], speaker: 'customer' };
      expect(runCheck(check({ ...closing, within: { from: 'end', seconds: 5 } }), supportCall).pass).toBe(
        true,
      );
      expect(
        runCheck(check({ ...closing, phrases: ['cancel'], within: { from: 'end', seconds: 5 } }), supportCall)
          .pass,
      ).toBe(false);
    });

    it('only counts the speaker named, ignores case and punctuation, and matches whole words', () => {
      expect(
        runCheck(check({ type: 'phrase_said', phrases: ['cancel'], speaker: 'agent' }), supportCall).pass,
      ).toBe(false);
      expect(
        runCheck(check({ type: 'phrase_said', phrases: ['cancel my'], speaker: 'customer' }), supportCall)
          .pass,
      ).toBe(true);
      expect(
        runCheck(check({ type: 'phrase_said', phrases: ['cance'], speaker: 'any' }), supportCall).pass,
      ).toBe(false);
    });

    it('with match all, names the phrases that were missing', () => {
      const outcome = runCheck(
        check({ type: 'phrase_said', phrases: ['thank you', 'my name is'], match: 'all', speaker: 'agent' }),
        supportCall,
      );
      expect(outcome.pass).toBe(false);
      expect(outcome.coachNote).toContain('"my name is"');
      expect(outcome.coachNote).not.toContain('"thank you"');
    });

    it('phrase_not_said fails with the segment that said it', () => {
      const outcome = runCheck(
        check({ type: 'phrase_not_said', phrases: ['ridiculous'], speaker: 'any' }),
        supportCall,
      );
      expect(outcome.pass).toBe(false);
      expect(outcome.evidence.map((e) => e.segmentId)).toEqual(['seg_1']);
      expect(
        runCheck(check({ type: 'phrase_not_said', phrases: ['guarantee'], speaker: 'agent' }), supportCall)
          .pass,
      ).toBe(true);
    });
  });

  it('no silence over N s: fails at 20 s with the 25 s silence as evidence, passes at 30 s', () => {
    const fail = runCheck(check({ type: 'max_silence', maxSeconds: 20 }), supportCall);
    expect(fail.pass).toBe(false);
    expect(fail.evidence).toEqual([
      { segmentId: null, startMs: 20_000, endMs: 45_000, speaker: null, quote: '' },
    ]);
    expect(runCheck(check({ type: 'max_silence', maxSeconds: 30 }), supportCall).pass).toBe(true);
  });

  it('agent talk ratio under N %: the agent talked 67% of the time', () => {
    expect(runCheck(check({ type: 'talk_ratio', speaker: 'agent', maxPercent: 70 }), supportCall).pass).toBe(
      true,
    );
    const fail = runCheck(check({ type: 'talk_ratio', speaker: 'agent', maxPercent: 60 }), supportCall);
    expect(fail.pass).toBe(false);
    expect(fail.coachNote).toContain('67%');
    expect(
      runCheck(check({ type: 'talk_ratio', speaker: 'customer', minPercent: 40 }), supportCall).pass,
    ).toBe(false);
  });

  it('interruptions by the agent: one, quoted', () => {
    const fail = runCheck(check({ type: 'max_interruptions', by: 'agent', max: 0 }), supportCall);
    expect(fail.pass).toBe(false);
    expect(fail.evidence.map((e) => e.segmentId)).toEqual(['seg_2']);
    expect(runCheck(check({ type: 'max_interruptions', by: 'agent', max: 1 }), supportCall).pass).toBe(true);
    expect(runCheck(check({ type: 'max_interruptions', by: 'customer', max: 0 }), supportCall).pass).toBe(
      true,
    );
  });

  it('max monologue: the agent talked 11.5 s straight', () => {
    const fail = runCheck(check({ type: 'max_monologue', speaker: 'agent', maxSeconds: 10 }), supportCall);
    expect(fail.pass).toBe(false);
    expect(fail.evidence).toEqual([
      expect.objectContaining({ startMs: 8500, endMs: 20_000, speaker: 'agent' }),
    ]);
    expect(
      runCheck(check({ type: 'max_monologue', speaker: 'agent', maxSeconds: 12 }), supportCall).pass,
    ).toBe(true);
    expect(
      runCheck(check({ type: 'max_monologue', speaker: 'customer', maxSeconds: 10 }), supportCall).pass,
    ).toBe(true);
  });

  describe('customer sentiment not below X', () => {
    it('average: -0.07 passes a floor of -0.2 and fails a floor of 0', () => {
      expect(runCheck(check({ type: 'min_sentiment', min: -0.2 }), supportCall).pass).toBe(true);
      const fail = runCheck(check({ type: 'min_sentiment', min: 0 }), supportCall);
      expect(fail.pass).toBe(false);
      expect(fail.evidence[0]?.segmentId).toBe('seg_1');
    });

    it('every segment: the -0.7 segment fails a floor of -0.5', () => {
      const fail = runCheck(
        check({ type: 'min_sentiment', min: -0.5, measure: 'every_segment' }),
        supportCall,
      );
      expect(fail.pass).toBe(false);
      expect(fail.evidence.map((e) => e.segmentId)).toEqual(['seg_1']);
    });

    it('is not applicable without sentiment scores', () => {
      expect(runCheck(check({ type: 'min_sentiment', min: 0 }), supportCallWithoutSentiment).applicable).toBe(
        false,
      );
    });
  });

  it('reads measured characteristics by role when the audio was measured', () => {
    // Channel 0 the agent talking 0-50 s, channel 1 the customer 52-60 s: one monologue of 50 s.
    const measured = conversationCharacteristics(
      [
        { speaker: 'spk_0', channel: 0, spans: [{ startMs: 0, endMs: 50_000 }] },
        { speaker: 'spk_1', channel: 1, spans: [{ startMs: 52_000, endMs: 60_000 }] },
      ],
      60_000,
    );
    const input = {
      ...supportCall,
      characteristics: characteristicsByRole(measured, (_speaker, channel) =>
        channel === 0 ? 'agent' : 'customer',
      ),
    };
    expect(runCheck(check({ type: 'max_monologue', speaker: 'agent', maxSeconds: 40 }), input).pass).toBe(
      false,
    );
    // The measured audio has no 25 s silence: the transcript's times are not used.
    expect(runCheck(check({ type: 'max_silence', maxSeconds: 20 }), input).pass).toBe(true);
    expect(runCheck(check({ type: 'talk_ratio', speaker: 'agent', maxPercent: 80 }), input).pass).toBe(false);
  });
});
