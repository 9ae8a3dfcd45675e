import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSourceVersions, type NormalisedCall } from '../call-record.js';
import { normaliseTwilioStatusCallback, twilioCallbackItems } from './normalise-twilio.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/twilio');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

function only(body: string): NormalisedCall {
  const result = normaliseTwilioStatusCallback(body);
  expect(result.quarantined).toEqual([]);
  expect(result.records).toHaveLength(1);
  const [record] = result.records;
  if (!record) throw new Error('no record');
  return record;
}

describe('twilio/status-callback-1.txt (completed, answered by a human)', () => {
  const call = only(fixture('status-callback-1.txt'));

  it('is an answered outbound API call with 42 s of talk ending at the callback timestamp', () => {
    expect(call).toMatchObject({
      sourceCallId: 'CAf19604a3eec3e63d157870c5f7f3b3a0',
      direction: 'outbound',
      sourceDirection: 'outbound-api',
      disposition: 'answered',
      endedAt: '1989-07-20T18:30:43.000Z',
      answeredAt: '1989-07-20T18:30:01.000Z',
      talkSeconds: 42,
      sourceVersion: 0,
    });
  });

  it('reads both numbers as E.164 and keeps the location extras', () => {
    expect(call.from).toEqual({ raw: '+15107571675', e164: '+15107571675', displayName: null });
    expect(call.to.e164).toBe('+15005550006');
    expect(call.attributes).toMatchObject({ CallerCity: 'SAN FRANCISCO', AnsweredBy: 'human' });
  });

  it('archives the callback’s form fields, decoded', () => {
    const [item] = twilioCallbackItems(fixture('status-callback-1.txt'));
    if (item?.kind !== 'record' || item.raw.format !== 'form') throw new Error('no form record');
    expect(item.raw.fields).toMatchObject({
      CallSid: 'CAf19604a3eec3e63d157870c5f7f3b3a0',
      CallStatus: 'completed',
      Timestamp: 'Thurs, 20 July 1989 18:30:43 +0000',
      From: '+15107571675',
    });
    expect(Object.keys(item.raw.fields)).toHaveLength(fixture('status-callback-1.txt').split('&').length);
  });

  it('does not claim a ring or total time Twilio never reported', () => {
    expect(call.ringSeconds).toBeNull();
    expect(call.totalSeconds).toBeNull();
  });
});

describe('twilio/status-callback-2-machine.txt (answered by a machine)', () => {
  it('is a call that reached voicemail, with unknown talk time', () => {
    const call = only(fixture('status-callback-2-machine.txt'));
    expect(call).toMatchObject({
      disposition: 'voicemail',
      talkSeconds: null,
      endedAt: '1989-07-20T18:30:43.000Z',
    });
  });
});

describe('Twilio ordering and outcomes', () => {
  const base = fixture('status-callback-1.txt');
  const withParams = (changes: Record<string, string | null>): string => {
    const params = new URLSearchParams(base);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) params.delete(name);
      else params.set(name, value);
    }
    return params.toString();
  };

  it('lets the final callback win over an earlier one that arrives late', () => {
    const ringing = only(withParams({ CallStatus: 'ringing', SequenceNumber: '1', CallDuration: null }));
    const completed = only(withParams({ CallStatus: 'completed', SequenceNumber: '3' }));
    expect(ringing.disposition).toBeNull();
    expect(ringing.endedAt).toBeNull();
    expect(compareSourceVersions(completed.sourceVersion, ringing.sourceVersion)).toBeGreaterThan(0);
  });

  it('maps the unanswered statuses', () => {
    expect(only(withParams({ CallStatus: 'busy', CallDuration: '0' })).disposition).toBe('busy');
    expect(only(withParams({ CallStatus: 'no-answer', CallDuration: '0' })).disposition).toBe('no_answer');
    expect(only(withParams({ CallStatus: 'canceled', CallDuration: '0' }))).toMatchObject({
      disposition: 'cancelled',
      talkSeconds: 0,
    });
    const failed = only(withParams({ CallStatus: 'failed', SipResponseCode: '404' }));
    expect(failed).toMatchObject({ disposition: 'failed', causeCodes: { sip: 404 } });
  });

  it('keeps a recording reference', () => {
    const call = only(
      withParams({
        RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
        RecordingSid: 'RE1',
        RecordingDuration: '40',
      }),
    );
    expect(call.recordings).toEqual([
      {
        uri: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
        sourceRecordingId: 'RE1',
        mediaType: null,
        startedAt: null,
        durationSeconds: 40,
      },
    ]);
  });

  it('quarantines a body without CallSid or with an unreadable timestamp', () => {
    expect(normaliseTwilioStatusCallback('From=%2B1').quarantined[0]?.reason).toMatch(/missing CallSid/);
    expect(normaliseTwilioStatusCallback(withParams({ Timestamp: 'whenever' })).quarantined[0]?.reason).toBe(
      'unreadable Timestamp "whenever"',
    );
    expect(normaliseTwilioStatusCallback(withParams({ Timestamp: null })).quarantined[0]?.reason).toMatch(
      /missing Timestamp/,
    );
  });
});
