import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Schema } from '@/api/types';
import { signInAs, stubApi } from '@/test/render';
import { renderCallsRoute, withResponses } from '../calls.testing';

const party = (raw: string, displayName: string | null = null) => ({
  raw,
  e164: raw.startsWith('+') ? raw : null,
  displayName,
});
const noCauses = { q850: null, sip: null, sourceText: null };
const leg = (
  legId: string,
  startedAt: string,
  answeredAt: string | null,
  endedAt: string,
): Schema<'CallLeg'> => ({
  legId,
  from: party('+4930111111', 'Zoë Müller'),
  to: party(legId === 'a' ? '301' : '200'),
  startedAt,
  answeredAt,
  endedAt,
  ringSeconds: null,
  talkSeconds: null,
  disposition: answeredAt ? 'answered' : 'no_answer',
  causeCodes: noCauses,
  quality: legId === 'a' ? { mos: 4.1, jitterMs: 12.5, packetLossPct: 0.2, rttMs: null } : null,
  attributes: {},
});

const record: Schema<'CallRecordV1'> = {
  id: 'call_01hq000000000000000000000a',
  tenantId: 't',
  source: 'asterisk',
  sourceCallId: '1706369600.6',
  conversationId: 'conv-1',
  sourceVersion: 1,
  direction: 'inbound',
  sourceDirection: null,
  from: party('+4930111111', 'Zoë Müller'),
  to: party('211553'),
  startedAt: '2024-01-27T15:33:20.000Z',
  answeredAt: '2024-01-27T15:33:30.000Z',
  endedAt: '2024-01-27T15:34:20.000Z',
  ringSeconds: 10,
  talkSeconds: 50,
  totalSeconds: 60,
  holdSeconds: null,
  afterCallWorkSeconds: null,
  disposition: 'answered',
  causeCodes: { q850: 16, sip: null, sourceText: 'NORMAL_CLEARING' },
  agent: { id: '301', name: null },
  queue: null,
  recordings: [],
  quality: null,
  legs: [
    leg('a', '2024-01-27T15:33:20.000Z', '2024-01-27T15:33:30.000Z', '2024-01-27T15:34:20.000Z'),
    leg('b', '2024-01-27T15:33:20.000Z', null, '2024-01-27T15:33:30.000Z'),
  ],
  attributes: {},
  rawObjectKey: 't/asterisk/2024/01/27/call_01hq000000000000000000000a_1.json',
  rawSha256: 'a'.repeat(64),
  ingestedAt: '2024-01-27T16:00:00.000Z',
};

const detail = (url: string | null) => ({
  record,
  raw: { objectKey: record.rawObjectKey, sha256: record.rawSha256, url },
});

describe('call detail', () => {
  it('shows the facts, the legs on a timeline and the quality figures', async () => {
    signInAs(['calls:read']);
    stubApi({ [`GET /api/v1/calls/${record.id}`]: [200, detail(null)] });
    await renderCallsRoute(`/calls/${record.id}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Zoë Müller → 211553' })).toBeTruthy();
    expect(screen.getByText('Q.850 16 · NORMAL_CLEARING')).toBeTruthy();
    expect(screen.getByText('1706369600.6', { selector: '.mono' })).toBeTruthy();
    const legs = screen.getByRole('list', { name: /Legs of the call/ });
    expect(within(legs).getByRole('img', { name: 'Leg 1: rang 10 seconds, talked 50 seconds' })).toBeTruthy();
    expect(within(legs).getByRole('img', { name: 'Leg 2: rang 10 seconds, not answered' })).toBeTruthy();
    expect(screen.getByText('4.1')).toBeTruthy();
    // No calls:raw: nothing to offer.
    expect(screen.queryByRole('button', { name: 'View raw payload' })).toBeNull();
  });

  it('shows hold, after-call work and the direction as the source wrote it, where the source has them', async () => {
    signInAs(['calls:read']);
    const connect = { ...record, sourceDirection: 'INBOUND', holdSeconds: 221, afterCallWorkSeconds: 5 };
    stubApi({ [`GET /api/v1/calls/${record.id}`]: [200, { ...detail(null), record: connect }] });
    await renderCallsRoute(`/calls/${record.id}`);

    expect(await screen.findByText('source says “INBOUND”')).toBeTruthy();
    expect(screen.getByText('On hold')).toBeTruthy();
    expect(screen.getByText('After-call work')).toBeTruthy();
  });

  it('shows the raw payload, fetched from the signed link without the session token', async () => {
    signInAs(['calls:read', 'calls:raw']);
    const link = 'http://localhost:3000/objects/t/asterisk/x.json?expires=1&sig=s';
    const fetch = stubApi({ [`GET /api/v1/calls/${record.id}`]: [200, detail(link)] });
    const asked: Request[] = [];
    withResponses(fetch, {
      'GET /objects/t/asterisk/x.json': (request) => {
        asked.push(request);
        return new Response(
          JSON.stringify({ source: 'asterisk', raw: { format: 'csv', rows: [{ line: 1 }] } }),
          { status: 200 },
        );
      },
    });
    await renderCallsRoute(`/calls/${record.id}`);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'View raw payload' }));

    const payload = await screen.findByTestId('raw-payload');
    expect(payload.textContent).toContain('"format": "csv"');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.headers.get('authorization')).toBeNull();
  });

  it('says when the call does not exist (or belongs to another organisation)', async () => {
    signInAs(['calls:read']);
    stubApi({});
    await renderCallsRoute('/calls/call_01hq000000000000000000000b');
    expect(await screen.findByText('This call was not found')).toBeTruthy();
  });

  it('lists the recordings received for the call, each a link to its page', async () => {
    signInAs(['calls:read', 'recordings:read']);
    const asked: string[] = [];
    const summary = {
      id: 'rec_01jf0000000000000000000001',
      source: 'asterisk',
      sourceRecordingId: '1706369600.6-in.wav',
      state: 'failed',
      failure: { code: 'not_audio', reason: null },
      startedAt: null,
      direction: 'inbound',
      queue: null,
      language: null,
      tags: [],
      callId: record.id,
      callLink: 'source_call_id',
      audio: { contentType: 'audio/wav', bytes: 100, sha256: 'b'.repeat(64) },
      hasSuppliedTranscript: false,
      hasRedactedAudio: false,
      durationMs: 50_000,
      codec: null,
      channels: null,
      sampleRate: null,
      createdAt: '2024-01-27T16:00:00.000Z',
      updatedAt: '2024-01-27T16:00:00.000Z',
    };
    stubApi({
      [`GET /api/v1/calls/${record.id}`]: [200, detail(null)],
      'GET /api/v1/recordings': (request) => {
        asked.push(new URL(request.url).searchParams.get('callId') ?? '');
        return [200, { items: [summary], nextCursor: null }];
      },
    });
    await renderCallsRoute(`/calls/${record.id}`);

    const link = await screen.findByRole('link', { name: 'Open recording 1706369600.6-in.wav' });
    expect(link.getAttribute('href')).toBe('/recordings/rec_01jf0000000000000000000001');
    expect(asked).toEqual([record.id]);
    const item = link.closest('li');
    if (!item) throw new Error('no list item');
    expect(within(item).getByText('Failed')).toBeTruthy();
    expect(within(item).getByText('0:50')).toBeTruthy();
  });

  it('asks a role without recordings:read for no recordings', async () => {
    signInAs(['calls:read']);
    const fetch = stubApi({ [`GET /api/v1/calls/${record.id}`]: [200, detail(null)] });
    await renderCallsRoute(`/calls/${record.id}`);
    expect(await screen.findByText('The source referenced no recording of this call.')).toBeTruthy();
    expect(fetch.mock.calls.some(([request]) => new URL(request.url).pathname === '/api/v1/recordings')).toBe(
      false,
    );
  });
});
