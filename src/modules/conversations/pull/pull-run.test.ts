import { describe, expect, it } from 'vitest';
import { DEFAULT_PULL_SCHEDULE, pullWindow } from './pull-run.js';
import { pullConnectorConfigSchema, secretNamesOf } from './pull-connectors.js';
import { chooseLegs, internalPartyMatcher, type RecordingLeg } from './leg-groups.js';
import { readPath, toDate } from './json-path.js';

const T = Date.parse('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(T + minutes * 60_000);

describe('pull windows', () => {
  it('starts a first run the first-run span back, and ends each window the settle time before now', () => {
    expect(pullWindow(null, at(0), DEFAULT_PULL_SCHEDULE)).toEqual({ since: at(-61), until: at(-1) });
  });

  it('starts later runs one look-back before the cursor', () => {
    const cursor = { version: 1 as const, until: at(-5).toISOString() };
    expect(pullWindow(cursor, at(0), DEFAULT_PULL_SCHEDULE)).toEqual({ since: at(-20), until: at(-1) });
  });

  it('catches up after an outage a day at a time', () => {
    const cursor = { version: 1 as const, until: at(-3 * 1440).toISOString() };
    const window = pullWindow(cursor, at(0), DEFAULT_PULL_SCHEDULE);
    expect(window).toEqual({ since: at(-3 * 1440 - 15), until: at(-2 * 1440) });
  });

  it('never runs past now, even with a cursor from the future (a clock that jumped back)', () => {
    const cursor = { version: 1 as const, until: at(30).toISOString() };
    expect(pullWindow(cursor, at(0), DEFAULT_PULL_SCHEDULE)).toEqual({ since: at(-16), until: at(-1) });
  });
});

describe('leg grouping', () => {
  const legOf = (
    id: string,
    groupId: string,
    seconds: number,
    internal: boolean,
    started = false,
  ): RecordingLeg<null> => ({
    id,
    groupId,
    startedAt: at(0),
    durationMs: seconds * 1000,
    startedByInternal: started,
    hasInternalParty: internal,
    item: null,
  });

  it('skips groups without an internal leg when told to, as CCI Lite does', () => {
    const { chosen, dropped } = chooseLegs([legOf('a', 'G', 50, false), legOf('b', 'G', 10, false)], 'skip');
    expect(chosen).toEqual([]);
    expect(dropped.map((d) => d.reason)).toEqual([
      'group G has no leg with an internal party',
      'group G has no leg with an internal party',
    ]);
  });

  it('picks the same leg whatever order the recorder lists them in', () => {
    const legs = [legOf('b', 'G', 30, true), legOf('a', 'G', 30, true), legOf('c', 'G', 10, true)];
    expect(chooseLegs(legs).chosen.map((l) => l.id)).toEqual(['a']);
    expect(chooseLegs([...legs].reverse()).chosen.map((l) => l.id)).toEqual(['a']);
  });

  it('tells internal addresses by domain, pattern and extension length', () => {
    const internal = internalPartyMatcher({
      domains: ['@example.com'],
      patterns: ['^ext\\.\\d+$'],
      extensionMaxDigits: 4,
    });
    expect(['anna@EXAMPLE.com', 'Ext.101', '2001', 'sip:2001@pbx'].map(internal)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['+441632960001', '12345', 'anna@example.org', null].map(internal)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('field mapping paths', () => {
  it('reads dotted and bracketed paths, and dates in the forms recorders use', () => {
    const record = { recording: { parties: [{ number: '101' }, { number: '+441632960001' }] } };
    expect(readPath(record, 'recording.parties[1].number')).toBe('+441632960001');
    expect(readPath(record, '$.recording.parties.0.number')).toBe('101');
    expect(readPath(record, 'recording.missing.deeper')).toBeUndefined();
    expect(toDate('Mon, 25 Nov 2019 19:02:15 +0000')?.toISOString()).toBe('2019-11-25T19:02:15.000Z');
    expect(toDate('2019-11-25T19:02:15')?.toISOString()).toBe('2019-11-25T19:02:15.000Z');
    expect(toDate(1574708535)?.toISOString()).toBe('2019-11-25T19:02:15.000Z');
    expect(toDate('1574708535000')?.toISOString()).toBe('2019-11-25T19:02:15.000Z');
    expect(toDate('yesterday')).toBeNull();
  });
});

describe('connector configuration', () => {
  it('names the field that is wrong', () => {
    const result = pullConnectorConfigSchema.safeParse({
      kind: 'rest',
      rest: {
        name: 'oak',
        baseUrl: 'https://user:pw@recorder.example',
        auth: {
          grant: 'password',
          clientIdSecret: 'Not A Secret',
          usernameSecret: 'r.u',
          passwordSecret: 'r.p',
        },
        search: { path: 'api/search' },
        download: { path: '/api/{id}/audio' },
        mapping: { sourceRecordingId: 'id', startedAt: 'start' },
        internalParty: { patterns: ['(unclosed'] },
      },
    });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((issue) => issue.path.join('.')).sort();
    expect(fields).toEqual([
      'rest.auth.clientIdSecret',
      'rest.baseUrl',
      'rest.internalParty.patterns.0',
      'rest.search.path',
    ]);
  });

  it('requires a download path when no media URL is mapped, and lists the secrets a connector reads', () => {
    const rest = {
      name: 'oak',
      baseUrl: 'https://recorder.example/',
      auth: {
        grant: 'client_credentials',
        clientIdSecret: 'recorder.id',
        clientSecretSecret: 'recorder.secret',
      },
      search: { path: '/api/search?from={since}' },
      download: {},
      mapping: { sourceRecordingId: 'id', startedAt: 'start' },
    };
    const missing = pullConnectorConfigSchema.safeParse({ kind: 'rest', rest });
    expect(missing.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['rest.download.path']);
    const parsed = pullConnectorConfigSchema.parse({
      kind: 'rest',
      rest: { ...rest, download: { path: '/api/{id}/audio' } },
    });
    expect(parsed.kind === 'rest' && parsed.rest.baseUrl).toBe('https://recorder.example');
    expect(secretNamesOf(parsed)).toEqual(['recorder.id', 'recorder.secret']);
    const twilio = pullConnectorConfigSchema.parse({
      kind: 'twilio',
      twilio: { accountSid: `AC${'0'.repeat(32)}` },
    });
    expect(secretNamesOf(twilio)).toEqual(['twilio.auth_token']);
    expect(twilio.schedule.lookBackMinutes).toBe(15);
  });
});
