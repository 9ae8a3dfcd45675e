import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseConnectCtr } from '../connectors/normalise-connect.js';
import { normalisedCall } from '../testing/call-record.fixtures.js';
import { handleSecondsOf } from './call-rows.js';

const CONNECT = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/connect');

describe('handleSecondsOf (the average handle time of the statistics)', () => {
  it('adds hold and after-contact work to the talk of an Amazon Connect contact', () => {
    const [call] = normaliseConnectCtr(readFileSync(path.join(CONNECT, 'ctr-1.json'), 'utf8')).records;
    // AgentInteractionDuration 239 + CustomerHoldDuration 221 + AfterContactWorkDuration 5.
    expect(call && handleSecondsOf(call)).toBe(465);
  });

  it('is the talk time where the source reports neither hold nor wrap-up', () => {
    expect(handleSecondsOf(normalisedCall({ talkSeconds: 60 }))).toBe(60);
    expect(handleSecondsOf(normalisedCall({ talkSeconds: null }))).toBeNull();
  });
});
