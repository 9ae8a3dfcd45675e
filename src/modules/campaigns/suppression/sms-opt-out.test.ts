import { describe, expect, it } from 'vitest';
import { isSmsOptOut } from './sms-opt-out.js';

describe('an SMS reply as an opt-out', () => {
  it.each([
    'STOP',
    'stop',
    ' Stop. ',
    'STOPALL',
    'Unsubscribe',
    'cancel!',
    'END',
    'quit',
    'Revoke',
    'opt out',
    'Opt-Out',
  ])('%j is an opt-out', (body) => expect(isSmsOptOut(body)).toBe(true));
  it.each(['Please stop calling me', 'Don’t call me again', 'do not text me', 'Remove me from your list'])(
    '%j says so plainly',
    (body) => expect(isSmsOptOut(body)).toBe(true),
  );
  it.each(['yes', 'Can you call me at 5?', "Don't stop", 'the end of the month works', 'STOP\u0000x', ''])(
    '%j is not',
    (body) => expect(isSmsOptOut(body)).toBe(false),
  );
});
