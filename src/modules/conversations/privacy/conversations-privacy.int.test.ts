import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { RequestContext } from '../../../platform/context.js';
import type { DataSubject } from '../../../platform/privacy/index.js';
import type { RecordingSummary } from '../contract.js';
import { createResults } from '../results/results.service.js';
import { stereoCallUploadForm } from '../recordings/testing/upload-forms.js';
import { createSealing } from '../sealing.js';
import { createConversationsPrivacy } from './conversations.privacy.js';

/*
 * Conversations in data-subject requests, on real PostgreSQL with the pipeline running in this
 * process (transcript supplied with the audio, local analyser): Alice's recording is found by her
 * number, exported with its transcript and analysis, and erased with every object; Bob's stays.
 */

const ALICE = '+4930100100';
const BOB = '+4930999999';
const subject = (phone: string): DataSubject => ({
  customerId: null,
  userIds: [],
  emails: [],
  phones: [phone],
});
const reader = ['recordings:read', 'transcripts:read', 'analysis:read'];

describe('conversations: privacy participant', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  let other: RequestContext;
  let aliceRec: RecordingSummary;
  let bobRec: RecordingSummary;
  const privacy = () =>
    createConversationsPrivacy({
      database: t.platform.database,
      sealing: createSealing(t.platform.keyring),
      objects: t.platform.quietObjects,
      results: createResults({
        database: t.platform.database,
        sealing: createSealing(t.platform.keyring),
        objects: t.platform.quietObjects,
        audit: t.platform.auditLog,
      }),
      audit: t.platform.auditLog,
    });
  const get = (url: string, tenant = ctx) =>
    t.inject({ method: 'GET', url: `/api/v1${url}`, as: { tenant: tenant.tenantId, permissions: reader } });
  const upload = async (number: string, name: string) => {
    const form = stereoCallUploadForm({
      source: 'upload',
      sourceRecordingId: `r-${randomBytes(4).toString('hex')}`,
      startedAt: '2024-05-01T10:00:10Z',
      direction: 'inbound',
      parties: [
        { number: '+49 30 200200', role: 'agent', channel: 0 },
        { number, name, role: 'customer', channel: 1 },
      ],
    });
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/recordings',
      as: { tenant: ctx.tenantId, permissions: ['recordings:ingest'] },
      headers: form.headers,
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<RecordingSummary>();
  };
  const analysed = async (recording: RecordingSummary) =>
    (await get(`/recordings/${recording.id}/analysis`)).statusCode === 200;

  beforeAll(async () => {
    t = await createTestPlatform({
      role: 'start',
      env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64') },
      signObjectUrl: (key) => Promise.resolve(`https://objects.test/${encodeURIComponent(key)}?s=test`),
    });
    ({ ctx } = await createTenant(t.platform));
    ({ ctx: other } = await createTenant(t.platform));
    aliceRec = await upload(ALICE, 'Alice Caller');
    bobRec = await upload(BOB, 'Bob Caller');
    // The pipeline runs in this process; wait for both analyses (a wait, not an assertion on time).
    const deadline = Date.now() + 150_000;
    while (!((await analysed(aliceRec)) && (await analysed(bobRec))) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await analysed(aliceRec)).toBe(true);
    expect(await analysed(bobRec)).toBe(true);
  }, 180_000);
  afterAll(() => t.close());

  it('finds the subject’s recording with a line a person reads, in its tenant only', async () => {
    const found = await privacy().find(ctx, subject(ALICE));
    expect(found).toEqual([
      {
        module: 'conversations',
        kind: 'recording',
        id: aliceRec.id,
        at: new Date('2024-05-01T10:00:10Z'),
        summary: expect.stringMatching(
          /^Recording · \d+ s · transcript, sentiment (positive|neutral|negative)/,
        ) as unknown,
        consolePath: `/recordings/${aliceRec.id}`,
      },
    ]);
    expect((await privacy().find(ctx, subject(BOB))).map((r) => r.id)).toEqual([bobRec.id]);
    expect(await privacy().find(other, subject(ALICE))).toEqual([]);
    expect(await privacy().find(ctx, { ...subject(ALICE), phones: [] })).toEqual([]);
  });

  it('exports the subject’s recording metadata, transcript text and analysis, nothing of Bob', async () => {
    const parts = await privacy().export(ctx, subject(ALICE));
    const byName = Object.fromEntries(parts.map((part) => [part.name, part.rows]));
    expect(byName.recordings).toEqual([expect.objectContaining({ id: aliceRec.id, direction: 'inbound' })]);
    expect(JSON.stringify(byName.recordings)).toContain('Alice Caller');
    expect(byName.transcripts).toHaveLength(1);
    expect(String(byName.transcripts?.[0]?.text).length).toBeGreaterThan(10);
    expect(byName.analyses).toEqual([expect.objectContaining({ recordingId: aliceRec.id })]);
    const text = JSON.stringify(parts);
    expect(text).not.toContain('Bob Caller');
    expect(text).not.toContain(bobRec.id);
    expect(await privacy().export(other, subject(ALICE))).toEqual([
      { name: 'recordings', rows: [] },
      { name: 'transcripts', rows: [] },
      { name: 'analyses', rows: [] },
    ]);
  });

  it('erases the subject’s recordings: audio, transcripts, analyses and their objects; Bob’s stay', async () => {
    const audioKeys = async () => {
      const keys: string[] = [];
      for await (const head of t.platform.quietObjects.list(`${ctx.tenantId}/`)) keys.push(head.key);
      return keys;
    };
    const before = await audioKeys();
    const aliceUuid = (await t.platform.database.owner
      .selectFrom('conversations.recordings' as never)
      .select('id' as never)
      .where('source_recording_id' as never, '=', aliceRec.sourceRecordingId as never)
      .executeTakeFirst()) as { id: string } | undefined;
    expect(aliceUuid).toBeDefined();
    expect(before.some((key) => key.includes(aliceUuid!.id))).toBe(true);

    const report = await privacy().erase(ctx, subject(ALICE), { requestId: 'dsr_1' });
    expect(report).toEqual({ erased: 1, kept: [] });

    expect(await privacy().find(ctx, subject(ALICE))).toEqual([]);
    for (const url of [`/recordings/${aliceRec.id}`, `/recordings/${aliceRec.id}/analysis`])
      expect((await get(url)).statusCode).toBe(404);
    const list = await get('/recordings');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.body).not.toContain(aliceRec.id);
    expect(list.body).toContain(bobRec.id);
    const after = await audioKeys();
    expect(
      after.filter((key) => key.includes(aliceUuid!.id)),
      JSON.stringify(before),
    ).toEqual([]);
    expect(after.length).toBeGreaterThan(0);

    // Bob's recording and its analysis are untouched.
    const bobDetail = await get(`/recordings/${bobRec.id}`);
    expect(bobDetail.statusCode, bobDetail.body).toBe(200);
    expect(bobDetail.body).toContain('"transcript"');
    expect((await get(`/recordings/${bobRec.id}/analysis`)).statusCode).toBe(200);
    expect((await privacy().find(ctx, subject(BOB))).map((r) => r.id)).toEqual([bobRec.id]);
    // Idempotent.
    expect(await privacy().erase(ctx, subject(ALICE), { requestId: 'dsr_1' })).toEqual({
      erased: 0,
      kept: [],
    });
  });
});
