import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../../test/support/identity.js';
import { parseScrape } from '../../../../test/support/prometheus-text.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { callRecord, party } from '../../calls/testing/index.js';
import type { RecordingDetail, RecordingSummary } from '../contract.js';
import { multipartForm, toneWav } from './testing/upload-forms.js';

const transcriptsDir = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/transcripts');

const writer = ['recordings:ingest'];
const reader = ['recordings:read', 'recordings:play', 'transcripts:read'];
const everything = [...writer, ...reader, 'recordings:read_original'];

describe('recordings in (HTTP upload)', () => {
  let t: TestPlatform;
  let tenantA: string;
  let tenantB: string;
  const signed: string[] = [];

  beforeAll(async () => {
    t = await createTestPlatform({
      env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64') },
      signObjectUrl: (key) => {
        signed.push(key);
        return Promise.resolve(`https://objects.test/${encodeURIComponent(key)}?signature=test`);
      },
    });
    tenantA = (await createTenant(t.platform)).tenant.uuid;
    tenantB = (await createTenant(t.platform)).tenant.uuid;
  });
  afterAll(() => t.close());

  const meta = (overrides: Record<string, unknown> = {}) => ({
    source: 'upload',
    sourceRecordingId: `r-${randomBytes(4).toString('hex')}`,
    startedAt: '2024-05-01T10:00:05Z',
    direction: 'inbound',
    parties: [
      { number: '+49 30 100100', name: 'Alice Caller', role: 'customer', channel: 1 },
      { number: '1001', name: 'Bob Agent', role: 'agent', channel: 0 },
    ],
    agent: { id: 'agent-7', name: 'Bob Agent' },
    queue: 'sales',
    language: 'en',
    tags: ['demo'],
    ...overrides,
  });

  const upload = (tenant: string, parts: Parameters<typeof multipartForm>[0], permissions = writer) => {
    const form = multipartForm(parts);
    return t.inject({
      method: 'POST',
      url: '/api/v1/recordings',
      as: { tenant, permissions },
      headers: form.headers,
      payload: form.payload,
    });
  };
  const withAudio = (metadata: unknown, audio: Buffer = toneWav()) => [
    { name: 'metadata', contentType: 'application/json', body: JSON.stringify(metadata) },
    { name: 'audio', filename: 'call.wav', contentType: 'audio/wav', body: audio },
  ];
  const detail = async (tenant: string, id: string) =>
    t.inject({ method: 'GET', url: `/api/v1/recordings/${id}`, as: { tenant, permissions: everything } });
  const eventsFor = async (recordingId: string) => {
    const { rows } = await sql<{
      data: { recordingId: string; hasAudio: boolean; hasSuppliedTranscript: boolean };
    }>`
      select data from bus.outbox where type = 'conversations.recording.received.v1' and data->>'recordingId' = ${recordingId}
      union all
      select data from bus.log where type = 'conversations.recording.received.v1' and data->>'recordingId' = ${recordingId}`.execute(
      t.platform.database.owner,
    );
    return rows.map((r) => r.data);
  };
  const objectsUnder = async (prefix: string) => {
    const keys: string[] = [];
    for await (const head of t.platform.quietObjects.list(prefix)) keys.push(head.key);
    return keys;
  };

  it('stores a WAV with its metadata, queues it and announces it in the same transaction', async () => {
    const metadata = meta();
    const wav = toneWav(2);
    const res = await upload(tenantA, withAudio(metadata, wav));
    expect(res.statusCode, res.body).toBe(201);
    const recording = res.json<RecordingSummary>();
    expect(recording).toMatchObject({
      state: 'queued',
      source: 'upload',
      sourceRecordingId: metadata.sourceRecordingId,
      direction: 'inbound',
      queue: 'sales',
      tags: ['demo'],
      audio: { contentType: 'audio/wav', bytes: wav.length },
      hasSuppliedTranscript: false,
    });
    expect(res.headers.location).toBe(`/api/v1/recordings/${recording.id}`);
    expect(await eventsFor(recording.id)).toEqual([
      {
        recordingId: recording.id,
        source: 'upload',
        callId: null,
        hasAudio: true,
        hasSuppliedTranscript: false,
      },
    ]);

    const read = await detail(tenantA, recording.id);
    expect(read.statusCode).toBe(200);
    const body = read.json<RecordingDetail>();
    expect(body.metadata.parties?.[0]).toEqual({
      number: '+49 30 100100',
      name: 'Alice Caller',
      role: 'customer',
      channel: 1,
    });
    expect(body.runs).toEqual([]);
    expect(body.transcript).toBeNull();

    // Encrypted at rest, stored whole: the audio comes back byte for byte, the metadata beside it.
    const keys = await objectsUnder(`${tenantA}/`);
    const audioKey = keys.find((k) => k.includes('/audio/'));
    expect(audioKey).toMatch(new RegExp(`^${tenantA}/audio/\\d{4}/\\d{2}/.+\\.wav$`));
    expect(keys.some((k) => k.includes('/meta/') && k.endsWith('.json'))).toBe(true);
    const stored = await t.platform.quietObjects.get(audioKey ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of stored.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(wav)).toBe(true);
  });

  it('answers a re-delivery with the recording it already has, changing nothing', async () => {
    const received = async () =>
      parseScrape(await t.platform.metrics.metrics()).value('conversations_recordings_received_total', {
        media: 'audio',
      });
    const before = await received();
    const metadata = meta();
    const first = await upload(tenantA, withAudio(metadata));
    expect(first.statusCode).toBe(201);
    const again = await upload(tenantA, withAudio({ ...metadata, queue: 'other' }, toneWav(3)));
    expect(again.statusCode).toBe(200);
    const recording = again.json<RecordingSummary>();
    expect(recording.id).toBe(first.json<RecordingSummary>().id);
    expect(recording.queue).toBe('sales');
    expect(recording.audio?.bytes).toBe(toneWav().length);
    expect(await eventsFor(recording.id)).toHaveLength(1);
    // Received once in the metrics too.
    expect((await received()) - before).toBe(1);
  });

  it('takes a supplied WebVTT transcript instead of audio', async () => {
    const vtt = await readFile(path.join(transcriptsDir, 'w3c-webvtt-interview-voices.vtt'));
    const res = await upload(tenantA, [
      { name: 'metadata', body: JSON.stringify(meta()) },
      { name: 'transcript', filename: 'interview.vtt', contentType: 'text/vtt', body: vtt },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const recording = res.json<RecordingSummary>();
    expect(recording).toMatchObject({ state: 'queued', audio: null, hasSuppliedTranscript: true });
    expect(await eventsFor(recording.id)).toEqual([
      expect.objectContaining({ hasAudio: false, hasSuppliedTranscript: true }),
    ]);
    const link = await t.inject({
      method: 'GET',
      url: `/api/v1/recordings/${recording.id}/audio?variant=original`,
      as: { tenant: tenantA, permissions: everything },
    });
    expect(link.statusCode).toBe(409);
    expect(link.json<{ code: string }>().code).toBe('CONVERSATIONS_NO_AUDIO');
  });

  it('refuses a transcript it cannot read, naming the transcript', async () => {
    const res = await upload(tenantA, [
      { name: 'metadata', body: JSON.stringify(meta()) },
      { name: 'transcript', filename: 't.vtt', body: 'this is not a caption file' },
    ]);
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json())).toContain('transcript');
  });

  it('keeps tenants apart: tenant B neither sees nor plays tenant A’s recording', async () => {
    const res = await upload(tenantA, withAudio(meta()));
    const { id } = res.json<RecordingSummary>();
    expect((await detail(tenantB, id)).statusCode).toBe(404);
    const audio = await t.inject({
      method: 'GET',
      url: `/api/v1/recordings/${id}/audio?variant=original`,
      as: { tenant: tenantB, permissions: everything },
    });
    expect(audio.statusCode).toBe(404);
    const list = await t.inject({
      method: 'GET',
      url: '/api/v1/recordings',
      as: { tenant: tenantB, permissions: reader },
    });
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('plays the original only with recordings:read_original, the redacted copy not before it exists', async () => {
    const { id } = (await upload(tenantA, withAudio(meta()))).json<RecordingSummary>();
    const ask = (variant: string, permissions: string[]) =>
      t.inject({
        method: 'GET',
        url: `/api/v1/recordings/${id}/audio?variant=${variant}`,
        as: { tenant: tenantA, permissions },
      });
    const redacted = await ask('redacted', reader);
    expect(redacted.statusCode).toBe(409);
    expect(redacted.json<{ code: string }>().code).toBe('CONVERSATIONS_REDACTED_AUDIO_NOT_READY');
    expect((await ask('original', reader)).statusCode).toBe(403);
    const original = await ask('original', everything);
    expect(original.statusCode).toBe(200);
    expect(original.json<{ url: string; variant: string }>()).toMatchObject({ variant: 'original' });
    expect(signed.at(-1)).toMatch(/\/audio\/.+\.wav$/);
    const { rows } = await sql<{ action: string }>`
      select action from audit.entries where tenant_id = ${tenantA} and action = 'conversations.recording.audio_link_issued'`.execute(
      t.platform.database.owner,
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  describe('refuses bad input with a problem naming the field', () => {
    const fieldsOf = (body: string) =>
      (JSON.parse(body) as { errors?: { field: string }[] }).errors?.map((e) => e.field) ?? [];

    it('a body that is not multipart', async () => {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/recordings',
        as: { tenant: tenantA, permissions: writer },
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(meta()),
      });
      expect(res.statusCode).toBe(415);
      expect(fieldsOf(res.body)).toEqual(['headers.content-type']);
    });

    it('a PDF given as audio', async () => {
      const res = await upload(
        tenantA,
        withAudio(meta(), Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'.repeat(20))),
      );
      expect(res.statusCode).toBe(415);
      expect(fieldsOf(res.body)).toEqual(['audio']);
      expect(res.json<{ detail?: string; title: string }>().title).toBeDefined();
    });

    it('an empty audio part, and keeps nothing of it', async () => {
      const metadata = meta();
      const res = await upload(tenantA, withAudio(metadata, Buffer.alloc(0)));
      expect(res.statusCode).toBe(422);
      expect(fieldsOf(res.body)).toEqual(['audio']);
      // The claim is gone: the same recording can be delivered again, whole.
      expect((await upload(tenantA, withAudio(metadata))).statusCode).toBe(201);
    });

    it('a WAV cut off before the length its header announces, storing no half-written object', async () => {
      const metadata = meta();
      const wav = toneWav(2);
      const before = (await objectsUnder(`${tenantA}/`)).length;
      const res = await upload(tenantA, withAudio(metadata, wav.subarray(0, wav.length - 4000)));
      expect(res.statusCode).toBe(422);
      expect(fieldsOf(res.body)).toEqual(['audio']);
      expect(res.json<{ detail?: string }>().detail ?? res.body).toMatch(/truncated/);
      expect((await objectsUnder(`${tenantA}/`)).length).toBe(before);
    });

    it('NUL characters and 1 MB strings in metadata fields', async () => {
      for (const [field, value] of [
        ['queue', 'sa\u0000les'],
        ['sourceRecordingId', 'x'.repeat(1_000_000)],
        ['language', 'e\u0000n'],
      ] as const) {
        const res = await upload(tenantA, withAudio(meta({ [field]: value })));
        expect(res.statusCode, field).toBe(400);
        expect(fieldsOf(res.body)).toContain(`metadata.${field}`);
      }
      const party = await upload(
        tenantA,
        withAudio(meta({ parties: [{ number: '1\u00002', role: 'agent' }] })),
      );
      expect(fieldsOf(party.body)).toContain('metadata.parties.0.number');
      const name = await upload(tenantA, withAudio(meta({ agent: { name: 'n'.repeat(1_000_000) } })));
      expect(fieldsOf(name.body)).toContain('metadata.agent.name');
      const unknown = await upload(tenantA, withAudio(meta({ colour: 'red' })));
      expect(unknown.statusCode).toBe(400);
    });

    it('metadata that is missing, not first, or not JSON', async () => {
      const noMeta = await upload(tenantA, [{ name: 'audio', filename: 'a.wav', body: toneWav() }]);
      expect(noMeta.statusCode).toBe(400);
      expect(fieldsOf(noMeta.body)).toEqual(['metadata']);
      const notJson = await upload(tenantA, [{ name: 'metadata', body: '{nope' }]);
      expect(fieldsOf(notJson.body)).toEqual(['metadata']);
    });

    it('an unknown callId, as 422 naming metadata.callId', async () => {
      const res = await upload(tenantA, withAudio(meta({ callId: 'call_01hzzzzzzzzzzzzzzzzzzzzzzz' })));
      expect(res.statusCode).toBe(422);
      expect(fieldsOf(res.body)).toEqual(['metadata.callId']);
    });

    it('a malformed multipart body', async () => {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/recordings',
        as: { tenant: tenantA, permissions: writer },
        headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
        // A header line that starts with a space: the input that crashes dicer (CVE-2022-24434).
        payload: '--xyz\r\n Content-Disposition: form-data; name="metadata"\r\n\r\n{}\r\n--xyz--\r\n',
      });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['body']);
    });

    it('uploads without recordings:ingest', async () => {
      const res = await upload(tenantA, withAudio(meta()), reader);
      expect(res.statusCode).toBe(403);
    });
  });

  it('takes large files in two steps: metadata, a signed PUT, complete with the SHA-256', async () => {
    const wav = toneWav(3);
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(wav).digest('hex');
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/recordings/uploads',
      as: { tenant: tenantA, permissions: writer },
      payload: { metadata: meta(), bytes: wav.length },
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticket = created.json<{
      recordingId: string;
      uploadUrl: string;
      expiresAt: string;
      recording: RecordingSummary;
    }>();
    expect(ticket.recording.state).toBe('uploading');
    const url = new URL(ticket.uploadUrl);

    const early = await t.inject({
      method: 'POST',
      url: `/api/v1/recordings/${ticket.recordingId}/complete`,
      as: { tenant: tenantA, permissions: writer },
      payload: {},
    });
    expect(early.statusCode).toBe(409);

    const forged = await t.inject({
      method: 'PUT',
      url: `${url.pathname}${url.search.replace(/sig=[^&]+/, `sig=${'A'.repeat(43)}`)}`,
      headers: { 'content-type': 'audio/wav' },
      payload: wav,
    });
    expect(forged.statusCode).toBe(403);

    const put = await t.inject({
      method: 'PUT',
      url: `${url.pathname}${url.search}`,
      headers: { 'content-type': 'audio/wav' },
      payload: wav,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ bytes: wav.length, sha256 });

    const wrong = await t.inject({
      method: 'POST',
      url: `/api/v1/recordings/${ticket.recordingId}/complete`,
      as: { tenant: tenantA, permissions: writer },
      payload: { sha256: '0'.repeat(64) },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.sha256');

    const done = await t.inject({
      method: 'POST',
      url: `/api/v1/recordings/${ticket.recordingId}/complete`,
      as: { tenant: tenantA, permissions: writer },
      payload: { sha256 },
    });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json<RecordingSummary>()).toMatchObject({
      state: 'queued',
      audio: { bytes: wav.length, sha256 },
    });
    expect(await eventsFor(ticket.recordingId)).toHaveLength(1);

    const twice = await t.inject({
      method: 'POST',
      url: `/api/v1/recordings/${ticket.recordingId}/complete`,
      as: { tenant: tenantA, permissions: writer },
      payload: { sha256 },
    });
    expect(twice.statusCode).toBe(200);
  });

  describe('links the recording to its call record', () => {
    let ctxTenant: string;
    let callId: string;
    let sourceCallId: string;

    beforeAll(async () => {
      ctxTenant = tenantA;
      const record = callRecord(ctxTenant, {
        startedAt: '2024-06-03T09:00:00.000Z',
        from: party('+4930555111', '+4930555111', 'Carol'),
        to: party('+4930555222', '+4930555222', null),
      });
      const result = await t.platform.modules.calls.calls.upsertRecords(
        { tenantId: ctxTenant, actor: { type: 'system', id: 'test' }, requestId: 'test' },
        [record],
      );
      callId = result.outcomes[0]?.id ?? '';
      sourceCallId = result.outcomes[0]?.sourceCallId ?? '';
    });

    it('by the callId given', async () => {
      const res = await upload(tenantA, withAudio(meta({ callId })));
      expect(res.json<RecordingSummary>()).toMatchObject({ callId, callLink: 'given' });
    });

    it('by the source call id', async () => {
      const res = await upload(tenantA, withAudio(meta({ sourceCallId, startedAt: '2024-06-03T09:00:02Z' })));
      expect(res.json<RecordingSummary>()).toMatchObject({ callId, callLink: 'source_call_id' });
    });

    it('by a party number and a start within two minutes, and not further away', async () => {
      const near = await upload(
        tenantA,
        withAudio(
          meta({
            startedAt: '2024-06-03T09:01:30Z',
            parties: [{ number: '+49 30 555-111', role: 'customer' }],
          }),
        ),
      );
      expect(near.json<RecordingSummary>()).toMatchObject({ callId, callLink: 'numbers_and_time' });
      const far = await upload(
        tenantA,
        withAudio(
          meta({ startedAt: '2024-06-03T09:05:00Z', parties: [{ number: '+4930555111', role: 'customer' }] }),
        ),
      );
      expect(far.json<RecordingSummary>()).toMatchObject({ callId: null, callLink: null });
    });

    it("lists a call's recordings, and finds recordings by number, agent, queue and state", async () => {
      const forCall = await t.inject({
        method: 'GET',
        url: `/api/v1/calls/${callId}/recordings`,
        as: { tenant: tenantA, permissions: reader },
      });
      expect(forCall.statusCode).toBe(200);
      expect(forCall.json<{ items: RecordingSummary[] }>().items.length).toBeGreaterThanOrEqual(3);
      const list = (query: string) =>
        t.inject({
          method: 'GET',
          url: `/api/v1/recordings?${query}`,
          as: { tenant: tenantA, permissions: reader },
        });
      const byNumber = (await list('number=%2B4930555111')).json<{ items: RecordingSummary[] }>().items;
      expect(byNumber.length).toBe(2);
      const byAgent = (await list('agent=AGENT-7&limit=2')).json<{
        items: RecordingSummary[];
        nextCursor: string;
      }>();
      expect(byAgent.items).toHaveLength(2);
      const next = (await list(`agent=AGENT-7&limit=2&cursor=${byAgent.nextCursor}`)).json<{
        items: RecordingSummary[];
      }>();
      expect(next.items.length).toBeGreaterThan(0);
      expect(next.items.map((r) => r.id)).not.toContain(byAgent.items[0]?.id);
      expect((await list('queue=nope')).json<{ items: unknown[] }>().items).toEqual([]);
      expect((await list('state=failed')).json<{ items: unknown[] }>().items).toEqual([]);
      expect((await list('q=hello')).statusCode).toBe(200);
      const noTranscripts = await t.inject({
        method: 'GET',
        url: '/api/v1/recordings?q=hello',
        as: { tenant: tenantA, permissions: ['recordings:read'] },
      });
      expect(noTranscripts.statusCode).toBe(403);
      const bad = await list('state=lost');
      expect(bad.statusCode).toBe(400);
    });
  });
});
