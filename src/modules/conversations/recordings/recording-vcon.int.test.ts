import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { RequestContext } from '../../../platform/context.js';
import type { VconDocument } from '../../calls/index.js';
import { callRecord, normaliseVcon } from '../../calls/testing/index.js';
import type { RecordingDetail, RecordingSummary } from '../contract.js';
import { stereoCallUploadForm } from './testing/upload-forms.js';

/*
 * A call's vCon export carries its recordings and transcripts (conversations' contributor, registered
 * with calls at start): real PostgreSQL, the pipeline running in this process, signed links seen
 * through the platform's signer.
 */

const exporter = ['calls:export', 'recordings:read', 'recordings:play', 'transcripts:read'];

describe("a call's vCon with its recording and transcript", () => {
  let t: TestPlatform;
  let ctxA: RequestContext;
  let ctxB: RequestContext;
  let callId: string;
  let recording: RecordingSummary;
  const signed: string[] = [];

  beforeAll(async () => {
    t = await createTestPlatform({
      role: 'start',
      env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64') },
      signObjectUrl: (key) => {
        signed.push(key);
        return Promise.resolve(`https://objects.test/${encodeURIComponent(key)}?signature=test`);
      },
    });
    ({ ctx: ctxA } = await createTenant(t.platform));
    ({ ctx: ctxB } = await createTenant(t.platform));
    const upsert = (ctx: RequestContext) =>
      t.platform.modules.calls.calls.upsertRecords(ctx, [
        callRecord(ctx.tenantId, {
          startedAt: '2024-05-01T10:00:00.000Z',
          agent: { id: 'agent-7', name: 'Bob Agent' },
        }),
      ]);
    callId = (await upsert(ctxA)).outcomes[0]!.id;
    // Tenant B has a call of its own with the same parties at the same time.
    await upsert(ctxB);

    const form = stereoCallUploadForm({
      source: 'upload',
      sourceRecordingId: `r-${randomBytes(4).toString('hex')}`,
      startedAt: '2024-05-01T10:00:10Z',
      direction: 'inbound',
      callId,
      // The agent is on channel 0, the caller on channel 1: the dialog lists them per channel.
      parties: [
        { number: '+49 30 200200', role: 'agent', channel: 0 },
        { number: '+4930100100', name: 'Alice Caller', role: 'customer', channel: 1 },
      ],
    });
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/recordings',
      as: { tenant: ctxA.tenantId, permissions: ['recordings:ingest'] },
      headers: form.headers,
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    recording = res.json<RecordingSummary>();
    // The pipeline runs in this process; wait for it (a wait, not an assertion on time).
    const stateOf = async () =>
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/recordings/${recording.id}`,
          as: { tenant: ctxA.tenantId, permissions: ['recordings:read'] },
        })
      ).json<RecordingSummary>().state;
    const deadline = Date.now() + 80_000;
    let state = await stateOf();
    while (state !== 'ready' && state !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = await stateOf();
    }
    expect(state).toBe('ready');
  }, 90_000);
  afterAll(() => t.close());

  const exportVcon = (permissions: string[], query = '', tenant = ctxA.tenantId, id = callId) =>
    t.inject({ method: 'GET', url: `/api/v1/calls/${id}/vcon${query}`, as: { tenant, permissions } });
  const keysOf = async () =>
    (
      await sql<{ audioKey: string; redactedAudioKey: string }>`
        select audio_key as "audioKey", redacted_audio_key as "redactedAudioKey"
        from conversations.recordings where tenant_id = ${ctxA.tenantId}`.execute(t.platform.database.owner)
    ).rows[0]!;
  const sha512Of = async (key: string) => {
    const object = await t.platform.quietObjects.get(key);
    const hash = createHash('sha512');
    for await (const chunk of object.body) hash.update(chunk as Buffer);
    return `sha512-${hash.digest('base64url')}`;
  };

  it('adds a recording dialog linking to the redacted audio, with its content hash, and the redacted transcript as analysis', async () => {
    const res = await exportVcon(exporter);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/vcon/);
    const vcon = res.json<VconDocument>();
    expect(vcon.parties.slice(0, 2)).toEqual([
      { tel: 'tel:+4930100100', name: 'Alice Caller' },
      { tel: 'tel:+4930200200' },
    ]);
    // The unrecorded call's placeholder gave way to the real recording.
    expect(vcon.dialog).toHaveLength(1);
    const keys = await keysOf();
    expect(vcon.dialog[0]).toEqual({
      type: 'recording',
      start: '2024-05-01T10:00:10.000Z',
      duration: 20,
      parties: [1, 0],
      mediatype: 'audio/wav',
      filename: `${recording.id}.wav`,
      url: `https://objects.test/${encodeURIComponent(keys.redactedAudioKey)}?signature=test`,
      content_hash: await sha512Of(keys.redactedAudioKey),
    });
    expect(signed).toContain(keys.redactedAudioKey);
    expect(signed).not.toContain(keys.audioKey);

    expect(vcon.analysis).toHaveLength(1);
    const [analysis] = vcon.analysis;
    expect(analysis).toMatchObject({
      type: 'transcript',
      dialog: 0,
      mediatype: 'application/json',
      vendor: 'switchboard',
      product: 'conversations',
      schema: 'switchboard.transcript/1',
      encoding: 'json',
    });
    const body = analysis!.body as {
      schemaVersion: number;
      segments: { text: string; redactions: { entityType: string }[] }[];
    };
    expect(body.schemaVersion).toBe(1);
    const text = body.segments.map((s) => s.text).join(' ');
    expect(text).toContain('hold for an hour');
    expect(text).not.toMatch(/four one one/);
    expect(body.segments.flatMap((s) => s.redactions.map((r) => r.entityType))).toContain('CARD_NUMBER');

    // Handing out the link is audited, as playback is.
    const { rows } = await sql<{ details: { variant: string; purpose: string } }>`
      select details from audit.entries
      where tenant_id = ${ctxA.tenantId} and action = 'conversations.recording.audio_link_issued'`.execute(
      t.platform.database.owner,
    );
    expect(rows.map((r) => r.details)).toContainEqual({ variant: 'redacted', purpose: 'vcon_export' });
  });

  it('re-imports through the vCon importer: the same call, with the recording and the transcript listed', async () => {
    const exported = (await exportVcon(exporter)).json<VconDocument>();
    const parsed = normaliseVcon(JSON.stringify(exported));
    expect(parsed.quarantined).toEqual([]);
    const [record] = parsed.records;
    expect(record).toMatchObject({
      startedAt: '2024-05-01T10:00:00.000Z',
      direction: 'inbound',
      disposition: 'answered',
      agent: { id: 'agent-7', name: 'Bob Agent' },
    });
    const summary = record!.attributes.vcon as {
      dialog: Record<string, unknown>[];
      analysis: Record<string, unknown>[];
    };
    expect(summary.dialog).toEqual([
      expect.objectContaining({
        type: 'recording',
        mediatype: 'audio/wav',
        contentHash: exported.dialog[0]!.content_hash,
      }),
    ]);
    expect(summary.analysis).toEqual([
      expect.objectContaining({
        type: 'transcript',
        dialog: 0,
        vendor: 'switchboard',
        schema: 'switchboard.transcript/1',
      }),
    ]);
  });

  it('gives the original audio only to callers with recordings:read_original who ask for it', async () => {
    const keys = await keysOf();
    const refused = await exportVcon(exporter, '?media=original');
    expect(refused.statusCode).toBe(403);
    const original = await exportVcon([...exporter, 'recordings:read_original'], '?media=original');
    expect(original.statusCode, original.body).toBe(200);
    const dialog = original.json<VconDocument>().dialog[0]!;
    expect(dialog).toMatchObject({
      mediatype: 'audio/wav',
      url: `https://objects.test/${encodeURIComponent(keys.audioKey)}?signature=test`,
      content_hash: await sha512Of(keys.audioKey),
    });
    // Allowed but not asked for: still the redacted copy.
    const byDefault = await exportVcon([...exporter, 'recordings:read_original']);
    expect(byDefault.json<VconDocument>().dialog[0]!.url).toContain(
      encodeURIComponent(keys.redactedAudioKey),
    );
  });

  it('leaves out the link without recordings:play, the transcript without transcripts:read, the recording without recordings:read', async () => {
    const noPlay = (await exportVcon(['calls:export', 'recordings:read'])).json<VconDocument>();
    expect(noPlay.dialog[0]).toMatchObject({ type: 'recording', parties: [1, 0] });
    expect(noPlay.dialog[0]).not.toHaveProperty('url');
    expect(noPlay.analysis).toEqual([]);
    const callsOnly = (await exportVcon(['calls:export'])).json<VconDocument>();
    // Only the call's own placeholder dialog: nothing of the recording.
    expect(callsOnly.dialog).toEqual([
      { type: 'recording', start: '2024-05-01T10:00:10.000Z', duration: 60, parties: [0, 1] },
    ]);
    expect(callsOnly.analysis).toEqual([]);
    expect((await exportVcon(['calls:read', 'recordings:read'])).statusCode).toBe(403);
  });

  it("never shows tenant A's recording to tenant B: not by A's call id, not in B's own export", async () => {
    expect((await exportVcon(exporter, '', ctxB.tenantId)).statusCode).toBe(404);
    const streamed = await t.inject({
      method: 'GET',
      url: '/api/v1/calls/export?format=vcon',
      as: { tenant: ctxB.tenantId, permissions: exporter },
    });
    expect(streamed.statusCode).toBe(200);
    const lines = streamed.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as VconDocument);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.analysis).toEqual([]);
    expect(lines[0]!.dialog.every((d) => d.url === undefined)).toBe(true);
    expect(streamed.body).not.toContain(recording.id);
  });

  it("streams tenant A's vCon export with the recording and transcript too", async () => {
    const streamed = await t.inject({
      method: 'GET',
      url: '/api/v1/calls/export?format=vcon',
      as: { tenant: ctxA.tenantId, permissions: exporter },
    });
    expect(streamed.statusCode).toBe(200);
    const [vcon] = streamed.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as VconDocument);
    expect(vcon!.dialog[0]).toMatchObject({ type: 'recording', filename: `${recording.id}.wav` });
    expect(vcon!.analysis[0]).toMatchObject({ type: 'transcript', dialog: 0 });
  });

  it('answers the recording detail with its characteristics in their documented shape, keys as stored', async () => {
    const res = await t.inject({
      method: 'GET',
      url: `/api/v1/recordings/${recording.id}`,
      as: { tenant: ctxA.tenantId, permissions: ['recordings:read', 'transcripts:read'] },
    });
    const transcript = res.json<RecordingDetail>().transcript;
    // Keys inside the JSON stay as the pipeline wrote them (no camel-casing of CARD_NUMBER or spk_0).
    expect(transcript?.redactionCounts).toEqual({ CARD_NUMBER: 1 });
    const characteristics = transcript?.characteristics;
    expect(characteristics).toMatchObject({
      durationMs: 20_000,
      speakers: [
        expect.objectContaining({ speaker: 'spk_0', channel: 0 }),
        expect.objectContaining({ speaker: 'spk_1', channel: 1 }),
      ],
      nonTalk: { periods: expect.any(Array) as unknown },
      loudness: expect.any(Array) as unknown,
    });
    expect(Object.keys(characteristics?.talkSpeedWpm ?? {})).toEqual(['spk_0', 'spk_1']);
  });
});
