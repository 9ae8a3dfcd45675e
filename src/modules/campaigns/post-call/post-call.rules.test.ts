import { describe, expect, it } from 'vitest';
import { campaignSettingsSchema } from '../campaigns/campaign-settings.js';
import { decodeReport, encodeReport, transcriptToWebVtt } from './call-report.codec.js';
import {
  hopperAfterCall,
  leadStatusAfterCall,
  leadStatusChanges,
  progressMovesForward,
} from './post-call.rules.js';

const settings = campaignSettingsSchema.parse({
  allowedRegions: ['US'],
  maxAttemptsPerLead: 3,
  retrySpacingMinutes: { busy: 20 },
});
const endedAt = new Date('2026-03-02T15:00:00Z');
const call = { endedAt, optOut: false, converted: false, callbackAt: undefined, attempts: 1 };

describe('post-call rules', () => {
  it('progress only moves forward', () => {
    expect(progressMovesForward('placed', 'ringing')).toBe(true);
    expect(progressMovesForward('in_progress', 'ringing')).toBe(false);
    expect(progressMovesForward('ended', 'ringing')).toBe(false);
  });

  it('a recycled outcome goes back after its spacing while attempts are left, then ends', () => {
    expect(hopperAfterCall(settings, { ...call, outcome: 'busy' })).toEqual({
      state: 'pending',
      nextDueAt: new Date(endedAt.getTime() + 20 * 60_000),
      callbackAt: null,
      finalReason: null,
    });
    // The default spacing (4 h) where the campaign sets none.
    expect(hopperAfterCall(settings, { ...call, outcome: 'no_answer' }).nextDueAt).toEqual(
      new Date(endedAt.getTime() + 4 * 3_600_000),
    );
    expect(hopperAfterCall(settings, { ...call, outcome: 'busy', attempts: 3 })).toMatchObject({
      state: 'done',
      finalReason: 'max_attempts',
    });
    expect(hopperAfterCall(settings, { ...call, outcome: 'answered' })).toMatchObject({
      state: 'done',
      finalReason: 'outcome_answered',
    });
  });

  it('a callback is due when asked; opt-out and conversion end the lead', () => {
    const callbackAt = new Date('2026-03-03T10:00:00Z');
    expect(hopperAfterCall(settings, { ...call, outcome: 'answered', callbackAt })).toEqual({
      state: 'pending',
      nextDueAt: callbackAt,
      callbackAt,
      finalReason: null,
    });
    expect(
      hopperAfterCall(settings, { ...call, outcome: 'answered', optOut: true, callbackAt }),
    ).toMatchObject({
      state: 'done',
      finalReason: 'opt_out',
    });
    expect(hopperAfterCall(settings, { ...call, outcome: 'answered', converted: true })).toMatchObject({
      state: 'done',
      finalReason: 'converted',
    });
  });

  it("the lead's status: opt-out wins, do_not_call is never left", () => {
    const base = { outcome: 'answered' as const, optOut: false, converted: false, callbackAt: undefined };
    expect(leadStatusAfterCall(base)).toBe('contacted');
    expect(leadStatusAfterCall({ ...base, outcome: 'busy' })).toBe('attempted');
    expect(leadStatusAfterCall({ ...base, callbackAt: endedAt })).toBe('callback');
    expect(leadStatusAfterCall({ ...base, converted: true })).toBe('converted');
    expect(leadStatusAfterCall({ ...base, converted: true, optOut: true })).toBe('do_not_call');
    expect(leadStatusChanges('do_not_call', 'contacted')).toBe(false);
    expect(leadStatusChanges('converted', 'attempted')).toBe(false);
    expect(leadStatusChanges('converted', 'do_not_call')).toBe(true);
    expect(leadStatusChanges('new', 'attempted')).toBe(true);
  });
});

describe('post-call codec', () => {
  it('a report survives the sealed payload, recording bytes and dates included', () => {
    const report = {
      adapter: 'vapi' as const,
      providerCallId: 'c1',
      kind: 'end_of_call' as const,
      reportKey: 'c1:end',
      progress: 'ended' as const,
      endedAt,
      recording: { bytes: Buffer.from([1, 2, 3]), contentType: 'audio/wav' },
      raw: { a: 1 },
    };
    expect(decodeReport(encodeReport(report))).toEqual(report);
  });

  it('the transcript as WebVTT with agent and customer voices', () => {
    const vtt = transcriptToWebVtt([
      { speaker: 'agent', text: 'Hello <there> & welcome', startSeconds: 0, endSeconds: 2 },
      { speaker: 'customer', text: 'Please\n\ndon\u0000t call me again\uD800' },
      { speaker: 'agent', text: '   ' },
    ]);
    expect(vtt).toContain('<v Agent>Hello &lt;there&gt; &amp; welcome');
    // Conversations reads the voice labels Agent and Customer as the speakers' roles (the int test
    // sees its analysis find the customer's opt-out); text without markup, NUL or lone surrogates.
    expect(vtt).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Agent>Hello &lt;there&gt; &amp; welcome\n\n' +
        '00:00:02.000 --> 00:00:05.000\n<v Customer>Please dont call me again\uFFFD\n',
    );
    expect(transcriptToWebVtt([])).toBeUndefined();
  });
});
