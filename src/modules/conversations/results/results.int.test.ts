import { fromPublicId } from '../../../platform/ids.js';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { RequestContext } from '../../../platform/context.js';
import type { VconDocument } from '../../calls/index.js';
import { callRecord } from '../../calls/testing/index.js';
import type { RecordingSummary } from '../contract.js';
import { stereoCallUploadForm } from '../recordings/testing/upload-forms.js';
import { disclosureRule } from '../testing/analysis-fixtures.js';

/*
 * What an analysis leaves for others: the BI rows beside final/ and their streamed export, the
 * analysis entries of the call's vCon, and erasure of the result objects. Real PostgreSQL, the
 * pipeline (transcript supplied with the audio, local analyser) running in this process.
 */

const scorecard = {
  name: 'Inbound QA',
  rules: [
    disclosureRule,
    {
      id: 'talk-ratio',
      name: 'Agent talks under 90%',
      category: 'Handling',
      weight: 1,
      kind: 'deterministic',
      check: { type: 'talk_ratio', speaker: 'agent', maxPercent: 90 },
    },
  ],
};

const reader = ['analysis:read', 'recordings:read'];
const exporter = ['calls:export', 'recordings:read', 'transcripts:read', 'analysis:read'];

const rowsSchema = JSON.parse(readFileSync('docs/conversation-rows.schema.json', 'utf8')) as object;
const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(rowsSchema);
const lines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('conversation results: rows, export, vCon analysis, erasure', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  let other: RequestContext;
  let callId: string;
  let recording: RecordingSummary;
  let recordingUuid: string;

  const as = (tenant: RequestContext, permissions: string[]) => ({
    tenant: tenant.tenantId,
    actor: 'usr_bi',
    permissions,
  });
  const get = (url: string, permissions = reader, tenant = ctx) =>
    t.inject({ method: 'GET', url: `/api/v1${url}`, as: as(tenant, permissions) });
  const object = async (key: string) =>
    (await buffer((await t.platform.quietObjects.get(key)).body)).toString('utf8');
  const currentAnalysisId = async () => {
    const res = await get(`/recordings/${recording.id}/analysis`);
    return res.statusCode === 200 ? res.json<{ id: string }>().id : null;
  };
  /** Where an analysis (ana_…) left its document and rows: `<tenant>/final/<recording>/<analysis>…`. */
  const resultKey = (analysisId: string, suffix: '.json' | '.call.jsonl' | '.rules.jsonl') =>
    `${ctx.tenantId}/final/${recordingUuid}/${fromPublicId('ana', analysisId)}${suffix}`;
  const current = async (suffix: '.json' | '.call.jsonl' | '.rules.jsonl') => {
    const id = await currentAnalysisId();
    if (!id) throw new Error('no current analysis');
    return resultKey(id, suffix);
  };

  beforeAll(async () => {
    t = await createTestPlatform({
      role: 'start',
      env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64') },
      signObjectUrl: (key) => Promise.resolve(`https://objects.test/${encodeURIComponent(key)}?s=test`),
    });
    ({ ctx } = await createTenant(t.platform));
    ({ ctx: other } = await createTenant(t.platform));
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/conversations/scorecards',
      as: as(ctx, ['analysis:configure', 'analysis:read']),
      payload: scorecard,
    });
    expect(created.statusCode, created.body).toBe(201);
    callId = (
      await t.platform.modules.calls.calls.upsertRecords(ctx, [
        callRecord(ctx.tenantId, { startedAt: '2024-05-01T10:00:00.000Z' }),
      ])
    ).outcomes[0]!.id;
    const form = stereoCallUploadForm({
      source: 'upload',
      sourceRecordingId: `r-${randomBytes(4).toString('hex')}`,
      startedAt: '2024-05-01T10:00:10Z',
      direction: 'inbound',
      queue: 'billing',
      callId,
      agent: { id: 'agent-7', name: 'Bob Agent' },
      parties: [
        { number: '+49 30 200200', role: 'agent', channel: 0 },
        { number: '+4930100100', name: 'Alice Caller', role: 'customer', channel: 1 },
      ],
    });
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/recordings',
      as: as(ctx, ['recordings:ingest']),
      headers: form.headers,
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    recording = res.json<RecordingSummary>();
    recordingUuid = (
      await sql<{
        id: string;
      }>`select id from conversations.recordings where tenant_id = ${ctx.tenantId}`.execute(
        t.platform.database.owner,
      )
    ).rows[0]!.id;
    // The pipeline runs in this process and analyses after the transcript; wait for it (a wait, not an assertion on time).
    const deadline = Date.now() + 100_000;
    const rowsWritten = async () => {
      const id = await currentAnalysisId();
      return id !== null && (await t.platform.quietObjects.head(resultKey(id, '.rules.jsonl'))) !== undefined;
    };
    while (!(await rowsWritten()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await currentAnalysisId()).not.toBeNull();
  }, 120_000);
  afterAll(() => t.close());

  it('writes a call row and a row per QA rule beside final/, valid against the documented schema, without names', async () => {
    const final = JSON.parse(await object(await current('.json'))) as {
      analysisId: string;
    };
    const callRows = lines(await object(await current('.call.jsonl')));
    const ruleRows = lines(await object(await current('.rules.jsonl')));
    expect(callRows).toHaveLength(1);
    expect(ruleRows.map((row) => row.ruleId)).toEqual(['disclosure', 'talk-ratio']);
    for (const row of [...callRows, ...ruleRows]) expect(validate(row) ? [] : validate.errors).toEqual([]);
    expect(callRows[0]).toMatchObject({
      recordingId: recording.id,
      analysisId: final.analysisId,
      callId,
      startedAt: '2024-05-01T10:00:10.000Z',
      direction: 'inbound',
      queue: 'billing',
      agentId: 'agent-7',
      grade: 'E',
      qaScore: 0,
      autoFailed: true,
      analyser: 'local',
      costUsd: null,
    });
    const call = callRows[0]!;
    expect(call.talkRatioAgent).toEqual(expect.any(Number));
    expect(call.silenceMs).toEqual(expect.any(Number));
    expect(ruleRows[0]).toMatchObject({
      ruleId: 'disclosure',
      pass: false,
      autoFail: true,
      autoFailed: true,
      weight: 2,
    });
    const text = JSON.stringify([callRows, ruleRows]);
    expect(text).not.toContain('Bob');
    expect(text).not.toContain('Alice');
  });

  it('streams the rows of current analyses in a time range (audited), refuses a bad range and keeps tenants apart', async () => {
    const calls = await get('/conversations/export.jsonl?rows=calls');
    expect(calls.statusCode, calls.body).toBe(200);
    expect(calls.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const stored = await object(await current('.call.jsonl'));
    expect(calls.body).toBe(stored);
    const rules = await get('/conversations/export.jsonl?rows=rules&from=2000-01-01T00:00:00Z');
    expect(lines(rules.body)).toHaveLength(2);
    for (const row of lines(rules.body)) expect(validate(row) ? [] : validate.errors).toEqual([]);
    const before = await get('/conversations/export.jsonl?to=2000-01-01T00:00:00Z');
    expect(before.statusCode).toBe(200);
    expect(before.body).toBe('');

    const bad = await get('/conversations/export.jsonl?from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('query.to');
    const badKind = await get('/conversations/export.jsonl?rows=everything');
    expect(badKind.statusCode).toBe(400);
    expect((await get('/conversations/export.jsonl', ['recordings:read'])).statusCode).toBe(403);
    const theirs = await get('/conversations/export.jsonl', reader, other);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).toBe('');

    const audited = await sql<{ details: { rows: string } }>`select details from audit.entries
      where tenant_id = ${ctx.tenantId} and action = 'conversations.results_exported'`.execute(
      t.platform.database.owner,
    );
    expect(audited.rows.map((r) => r.details.rows).sort()).toEqual(['calls', 'calls', 'rules']);
  });

  it("adds the current analysis to the call's vCon: summary, sentiment and QA evaluation about the recording's dialog", async () => {
    const res = await get(`/calls/${callId}/vcon`, exporter);
    expect(res.statusCode, res.body).toBe(200);
    const vcon = res.json<VconDocument>();
    expect(vcon.dialog).toHaveLength(1);
    expect(vcon.analysis.map((a) => a.type)).toEqual(['transcript', 'summary', 'sentiment', 'qa-evaluation']);
    for (const entry of vcon.analysis.slice(1)) {
      expect(entry).toMatchObject({
        dialog: 0,
        vendor: 'switchboard',
        product: 'conversations',
        mediatype: 'application/json',
        encoding: 'json',
      });
    }
    expect(vcon.analysis.slice(1).map((a) => a.schema)).toEqual([
      'switchboard.conversation/1#/summary',
      'switchboard.conversation/1#/sentiment',
      'switchboard.conversation/1#/qa',
    ]);
    const final = JSON.parse(await object(await current('.json'))) as {
      summary: unknown;
      qa: unknown;
    };
    expect(vcon.analysis[1]?.body).toEqual(final.summary);
    expect(vcon.analysis[3]?.body).toEqual(final.qa);
    // Without analysis:read the export has the transcript only.
    const plain = (
      await get(`/calls/${callId}/vcon`, ['calls:export', 'recordings:read', 'transcripts:read'])
    ).json<VconDocument>();
    expect(plain.analysis.map((a) => a.type)).toEqual(['transcript']);
  });

  it('a re-analysis writes its own final/ document and rows beside the first (the store is write-once)', async () => {
    const first = await currentAnalysisId();
    const accepted = await t.inject({
      method: 'POST',
      url: `/api/v1/recordings/${recording.id}/analyses`,
      as: as(ctx, ['analysis:configure']),
    });
    expect(accepted.statusCode, accepted.body).toBe(202);
    const { analysisId } = accepted.json<{ analysisId: string }>();
    expect(analysisId).not.toBe(first);
    await expect
      .poll(
        async () => {
          const head = await t.platform.quietObjects.head(resultKey(analysisId, '.rules.jsonl'));
          if (!head) return null;
          const rows = lines(await object(resultKey(analysisId, '.rules.jsonl')));
          return rows[0]?.analysisId ?? null;
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe(analysisId);
    const final = JSON.parse(await object(await current('.json'))) as {
      analysisId: string;
    };
    expect(final.analysisId).toBe(analysisId);
    expect(lines(await object(await current('.call.jsonl')))[0]?.analysisId).toBe(analysisId);
    expect(lines((await get('/conversations/export.jsonl')).body).map((row) => row.analysisId)).toEqual([
      analysisId,
    ]);
    // The first analysis's document stays readable (history), beside the new one.
    expect((JSON.parse(await object(resultKey(first!, '.json'))) as { analysisId: string }).analysisId).toBe(
      first,
    );
  }, 90_000);

  it("erasure removes the recording's final/ document and rows, forgets their keys and is audited", async () => {
    const results = t.platform.modules.conversations.results;
    await expect(
      results.eraseRecordingResults(other, recording.id, 'erasure dsr_test'),
    ).rejects.toMatchObject({
      code: 'CONVERSATIONS_RECORDING_NOT_FOUND',
    });
    const removed = await results.eraseRecordingResults(ctx, recording.id, 'erasure dsr_test');
    // Every analysis's objects go: the first one's and the re-analysis's, three each.
    expect(removed).toHaveLength(6);
    expect(removed.every((key) => key.startsWith(`${ctx.tenantId}/final/${recordingUuid}/`))).toBe(true);
    for (const key of removed) expect(await t.platform.quietObjects.head(key)).toBeUndefined();
    const keys = await sql<{
      finalKey: string | null;
    }>`select final_key as "finalKey" from conversations.analyses
      where recording_id = ${recordingUuid}`.execute(t.platform.database.owner);
    expect(keys.rows.map((r) => r.finalKey)).toEqual(keys.rows.map(() => null));
    const audited = await sql<{ action: string }>`select action from audit.entries
      where tenant_id = ${ctx.tenantId} and action = 'conversations.results_erased'`.execute(
      t.platform.database.owner,
    );
    expect(audited.rows).toHaveLength(1);
    // A second erasure finds nothing left.
    expect(await results.eraseRecordingResults(ctx, recording.id, 'erasure dsr_test')).toEqual([]);
  });
});
