import { createHash } from 'node:crypto';
import {
  toCallRecordV1,
  type CallLeg,
  type CallParty,
  type CallRecordV1,
  type NormalisedCall,
} from '../call-record.js';

/** Test data: a valid call with sensible defaults; pass only what a test is about. */

let counter = 0;

export function party(
  raw: string | null,
  e164: string | null = null,
  displayName: string | null = null,
): CallParty {
  return { raw, e164, displayName };
}

export function leg(legId: string, overrides: Partial<CallLeg> = {}): CallLeg {
  return {
    legId,
    from: party('1001'),
    to: party('+4930123456', '+4930123456'),
    startedAt: null,
    answeredAt: null,
    endedAt: null,
    ringSeconds: null,
    talkSeconds: null,
    disposition: null,
    causeCodes: { q850: null, sip: null, sourceText: null },
    quality: null,
    attributes: {},
    ...overrides,
  };
}

export function normalisedCall(overrides: Partial<NormalisedCall> = {}): NormalisedCall {
  counter += 1;
  const startedAt = overrides.startedAt ?? '2024-05-01T10:00:00.000Z';
  const start = Date.parse(startedAt);
  const answered = overrides.disposition === undefined || overrides.disposition === 'answered';
  return {
    source: 'twilio',
    sourceCallId: `CA${counter.toString().padStart(8, '0')}`,
    conversationId: `conv-${counter}`,
    sourceVersion: 1,
    direction: 'inbound',
    sourceDirection: null,
    from: party('+4930100100', '+4930100100', 'Alice Caller'),
    to: party('+4930200200', '+4930200200', null),
    startedAt,
    answeredAt: answered ? new Date(start + 10_000).toISOString() : null,
    endedAt: new Date(start + 70_000).toISOString(),
    ringSeconds: 10,
    talkSeconds: answered ? 60 : 0,
    totalSeconds: 70,
    holdSeconds: null,
    afterCallWorkSeconds: null,
    disposition: 'answered',
    causeCodes: { q850: 16, sip: null, sourceText: null },
    agent: null,
    queue: null,
    recordings: [],
    quality: null,
    legs: [],
    attributes: {},
    ...overrides,
  };
}

export function callRecord(
  tenantId: string,
  overrides: Partial<NormalisedCall> = {},
  platform: { id?: string } = {},
): CallRecordV1 {
  const call = normalisedCall(overrides);
  const raw = JSON.stringify(call);
  return toCallRecordV1(call, {
    tenantId,
    rawObjectKey: `${tenantId}/${call.source}/${call.startedAt.slice(0, 10).replaceAll('-', '/')}/${call.sourceCallId}.json`,
    rawSha256: createHash('sha256').update(raw).digest('hex'),
    ingestedAt: '2024-06-01T00:00:00.000Z',
    ...(platform.id ? { id: platform.id } : {}),
  });
}
