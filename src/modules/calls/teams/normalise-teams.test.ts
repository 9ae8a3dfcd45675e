import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NormalisedCall } from '../call-record.js';
import {
  classifyTeamsDocument,
  mergeTeamsSessionPages,
  normaliseTeams,
  teamsItems,
} from './normalise-teams.js';
import type { RecordRaw } from '../connectors/parse-result.js';
import {
  callRecordIdFromResource,
  clientStateMatches,
  parseGraphNotifications,
} from './teams-notifications.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/teams');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const json = (name: string): Record<string, unknown> => JSON.parse(fixture(name)) as Record<string, unknown>;

function onlyRaw(input: unknown): RecordRaw {
  const raws = teamsItems(input).flatMap((item) => (item.kind === 'record' ? [item.raw] : []));
  expect(raws).toHaveLength(1);
  const [raw] = raws;
  if (!raw) throw new Error('no record');
  return raw;
}

function only(input: unknown): NormalisedCall {
  const result = normaliseTeams(input);
  expect(result.quarantined).toEqual([]);
  expect(result.records).toHaveLength(1);
  const [record] = result.records;
  if (!record) throw new Error('no record');
  return record;
}

describe('teams/callrecord-1.json (callRecord with sessions and segments)', () => {
  const call = only(fixture('callrecord-1.json'));

  it('is an answered internal peer-to-peer call of 26 seconds, version 1', () => {
    expect(call).toMatchObject({
      source: 'teams',
      sourceCallId: 'e523d2ed-2966-4b6b-925b-754a88034cc5',
      sourceVersion: 1,
      direction: 'internal',
      sourceDirection: null,
      disposition: 'answered',
      startedAt: '2020-02-25T18:52:21.216Z',
      endedAt: '2020-02-25T18:52:46.764Z',
      totalSeconds: 26,
    });
  });

  it('names caller and callee by their Teams identity', () => {
    expect(call.from).toEqual({ raw: 'abbie.wilkins@contoso.com', e164: null, displayName: 'Abbie Wilkins' });
    expect(call.to).toEqual({ raw: 'owen.franklin@contoso.com', e164: null, displayName: 'Owen Franklin' });
  });

  it('archives the callRecord document it was made from', () => {
    expect(onlyRaw(fixture('callrecord-1.json'))).toEqual({
      format: 'json',
      document: json('callrecord-1.json'),
    });
  });

  it('reads stream jitter and flags that more session pages exist', () => {
    expect(call.quality?.jitterMs).toBe(16);
    expect(call.attributes.sessionsNextLink).toMatch(/skiptoken=abc$/);
  });
});

describe('teams/callrecord-2-participants.json (participants only, no sessions)', () => {
  const call = only(fixture('callrecord-2-participants.json'));

  it('does not invent an outcome it was not given', () => {
    expect(call.disposition).toBeNull();
    expect(call.legs).toEqual([]);
    expect(call.ringSeconds).toBeNull();
    expect(call.talkSeconds).toBeNull();
    expect(call.totalSeconds).toBe(26);
  });

  it('takes the parties from organizer and participants', () => {
    expect(call.from.displayName).toBe('Abbie Wilkins');
    expect(call.to).toEqual({ raw: 'owen.franklin@contoso.com', e164: null, displayName: 'Owen Franklin' });
    expect(call.direction).toBe('internal');
    expect(call.attributes.participantCount).toBe(2);
  });
});

describe('teams/sessions-expanded-1.json (a sessions page)', () => {
  it('is classified as a sessions page and merges into its call record', () => {
    const page = json('sessions-expanded-1.json');
    expect(classifyTeamsDocument(page)).toBe('sessionsPage');
    expect(normaliseTeams(page).skipped[0]?.reason).toMatch(/sessions page/);

    const merged = mergeTeamsSessionPages(json('callrecord-1.json'), [page]);
    const call = only(merged);
    // Same session id: the page's fuller copy replaces the first one.
    expect(call.legs).toHaveLength(1);
    expect(call.quality).toEqual({ mos: null, jitterMs: 16, packetLossPct: 1.382, rttMs: 64 });
    expect(call.legs[0]?.quality?.rttMs).toBe(64);
  });

  it('drops the nextLink once the last page has none', () => {
    const page = { ...json('sessions-expanded-1.json'), '@odata.nextLink': undefined };
    const merged = mergeTeamsSessionPages(json('callrecord-1.json'), [page]);
    expect(merged['sessions@odata.nextLink']).toBeUndefined();
    expect(only(merged).attributes.sessionsNextLink).toBeUndefined();
  });

  it('refuses something that is not a sessions page', () => {
    expect(() => mergeTeamsSessionPages(json('callrecord-1.json'), [{ value: 'x' }])).toThrow(
      /sessions page/,
    );
  });
});

describe('teams/notification-1.json (change notification)', () => {
  it('parses into the call record id to fetch', () => {
    const parsed = parseGraphNotifications(fixture('notification-1.json'));
    expect(parsed).toEqual({
      ok: true,
      batch: {
        kind: 'changeNotifications',
        notifications: [
          {
            subscriptionId: '{Subscription id}',
            clientState: '{Secret client state}',
            changeType: 'created',
            resource: 'communications/callRecords/{Call id}',
            callRecordId: '{Call id}',
            resourceDataType: '#Microsoft.Graph.callRecord',
            tenantId: '{Organization/Tenant id}',
            subscriptionExpirationDateTime: '2023-02-28T00:00:00.000+00:00',
          },
        ],
      },
    });
    expect(normaliseTeams(fixture('notification-1.json')).skipped[0]?.reason).toMatch(/change notification/);
  });

  it('checks the client state in constant time', () => {
    expect(clientStateMatches('{Secret client state}', '{Secret client state}')).toBe(true);
    expect(clientStateMatches('{Secret client statf}', '{Secret client state}')).toBe(false);
    expect(clientStateMatches(null, 'x')).toBe(false);
  });
});

describe('teams/notification-2.json (older casing of @odata.type)', () => {
  it('parses the same way despite "callrecord" in lower case', () => {
    const parsed = parseGraphNotifications(fixture('notification-2.json'));
    if (!parsed.ok || parsed.batch.kind !== 'changeNotifications') throw new Error('not parsed');
    expect(parsed.batch.notifications[0]?.callRecordId).toBe('{Call id}');
    expect(parsed.batch.notifications[0]?.resourceDataType).toBe('#Microsoft.Graph.callrecord');
    expect(callRecordIdFromResource("communications/callRecords('abc')")).toBe('abc');
  });
});

describe('teams/lifecycle-1.json (lifecycle notification)', () => {
  it('is classified as lifecycle and keeps the unrecognised event text', () => {
    expect(classifyTeamsDocument(json('lifecycle-1.json'))).toBe('lifecycleNotifications');
    const parsed = parseGraphNotifications(fixture('lifecycle-1.json'));
    if (!parsed.ok || parsed.batch.kind !== 'lifecycleNotifications') throw new Error('not parsed');
    expect(parsed.batch.notifications[0]).toMatchObject({
      lifecycleEvent: 'unknown',
      lifecycleEventRaw: 'subscriptionRemoved or missed or reauthorizationRequired',
      subscriptionId: '<subscription_guid>',
    });
  });

  it('recognises a real reauthorizationRequired event', () => {
    const body = {
      value: [{ subscriptionId: 's', lifecycleEvent: 'reauthorizationRequired', clientState: 'c' }],
    };
    const parsed = parseGraphNotifications(body);
    expect(parsed.ok && parsed.batch.notifications[0]).toMatchObject({
      lifecycleEvent: 'reauthorizationRequired',
    });
  });
});

describe('teams/subscription-request-1.json', () => {
  it('is classified as a subscription request, not a call', () => {
    expect(classifyTeamsDocument(json('subscription-request-1.json'))).toBe('subscriptionRequest');
    const result = normaliseTeams(fixture('subscription-request-1.json'));
    expect(result.records).toEqual([]);
    expect(result.skipped).toHaveLength(1);
  });
});

describe('teams/pstn-calls-1.json (getPstnCalls)', () => {
  const call = only(fixture('pstn-calls-1.json'));

  it('is an inbound Calling Plan call of 219 s taken by Richard Malk', () => {
    expect(call).toMatchObject({
      sourceCallId: 'pstn:9c4984c7-6c3c-427d-a30c-bd0b2eacee90',
      conversationId: '1835317186_112562680@61.221.3.176',
      direction: 'inbound',
      sourceDirection: 'user_in',
      disposition: 'answered',
      talkSeconds: 219,
      startedAt: '2019-11-01T00:00:08.258Z',
      agent: { id: 'db03c14b-06eb-4189-939b-7cbf3a20ba27', name: 'Richard Malk' },
    });
    expect(call.attributes).toMatchObject({ charge: 0, currency: 'USD', callType: 'user_in' });
  });

  it('archives its own log row, not the whole page', () => {
    const page = json('pstn-calls-1.json');
    expect(Array.isArray(page.value) && page.value.length).toBe(1);
    expect(onlyRaw(page)).toEqual({ format: 'json', document: (page.value as unknown[])[0] });
  });
});

describe('teams/direct-routing-calls-1.json (getDirectRoutingCalls)', () => {
  const call = only(fixture('direct-routing-calls-1.json'));

  it('starts at the INVITE, answers at startDateTime and ignores the year-1 failure time', () => {
    expect(call).toMatchObject({
      sourceCallId: 'directRouting:9e8bba57-dc14-533a-a7dd-f0da6575eed1',
      startedAt: '2019-11-01T00:00:21.949Z',
      answeredAt: '2019-11-01T00:00:25.105Z',
      endedAt: '2019-11-01T00:00:30.105Z',
      ringSeconds: 3,
      talkSeconds: 5,
      disposition: 'answered',
      direction: 'inbound',
      sourceDirection: 'ByotIn',
    });
  });

  it('keeps masked numbers raw and the SIP details', () => {
    expect(call.from).toEqual({ raw: '+12345678***', e164: null, displayName: null });
    expect(call.causeCodes).toEqual({ q850: null, sip: null, sourceText: 'BYE' });
    expect(call.attributes).toMatchObject({
      callEndSubReason: 540000,
      trunkFullyQualifiedDomainName: 'tll-audiocodes01.adatum.biz',
    });
  });

  it('reads a failed attempt from its final SIP code', () => {
    const document = json('direct-routing-calls-1.json');
    const rows = document.value as Record<string, unknown>[];
    const failed = {
      ...document,
      value: [
        {
          ...rows[0],
          successfulCall: false,
          finalSipCode: 486,
          finalSipCodePhrase: 'Busy Here',
          failureDateTime: '2019-11-01T00:00:24.000Z',
        },
      ],
    };
    expect(only(failed)).toMatchObject({
      disposition: 'busy',
      answeredAt: null,
      endedAt: '2019-11-01T00:00:24.000Z',
    });
  });
});

describe('Teams edge cases', () => {
  it('quarantines what it does not recognise, and invalid JSON', () => {
    expect(normaliseTeams({ hello: 'world' }).quarantined[0]?.reason).toMatch(/not a recognised/);
    expect(normaliseTeams('{').quarantined[0]?.reason).toMatch(/invalid JSON/);
    expect(parseGraphNotifications('{"value":[]}')).toEqual({
      ok: false,
      error: 'notification body has no "value" array',
    });
  });

  it('reads a PSTN caller reaching a Teams user as inbound with E.164', () => {
    const record = json('callrecord-1.json');
    const sessions = record.sessions as Record<string, unknown>[];
    const pstn = {
      ...record,
      sessions: [
        { ...sessions[0], caller: { identity: { phone: { id: '+442071838750', displayName: 'Ada' } } } },
      ],
    };
    const call = only(pstn);
    expect(call.direction).toBe('inbound');
    expect(call.from).toEqual({ raw: '+442071838750', e164: '+442071838750', displayName: 'Ada' });
  });
});
