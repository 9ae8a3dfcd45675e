import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecordV1 } from '../call-record.js';
import { bearer, createTenant, createUser, login } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

const vconDir = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/vcon');
const fixtures = path.resolve(vconDir, '..');

interface CallList {
  items: { id: string; source: string; sourceCallId: string }[];
}
interface CallDetail {
  record: CallRecordV1;
  raw: { objectKey: string; url: string | null };
}

describe('vCon import through the ingest API', () => {
  let t: TestPlatform;
  let token: string;
  let ingestKey: string;

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    const { tenant } = await createTenant(t.platform, 'vcon-import');
    token = (await login(t, await createUser(t.platform, tenant, { roles: ['owner'] }))).accessToken;
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(token),
      payload: { name: 'vcon', scopes: ['calls:ingest'] },
    });
    ingestKey = created.json<{ key: string }>().key;
  });
  afterAll(() => t.close());

  const ingest = async (format: string, payload: Buffer | string) => {
    const res = await t.inject({
      method: 'POST',
      url: `/api/v1/calls/ingest?format=${format}`,
      headers: { 'x-api-key': ingestKey, 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode, res.body).toBe(202);
  };
  const calls = async (query: string) =>
    (
      await t.inject({ method: 'GET', url: `/api/v1/calls?limit=200&${query}`, headers: bearer(token) })
    ).json<CallList>().items;
  const detail = async (id: string) =>
    (
      await t.inject({ method: 'GET', url: `/api/v1/calls/${id}`, headers: bearer(token) })
    ).json<CallDetail>();
  const callOf = async (source: string, sourceCallId: string) => {
    const found = (await calls(`source=${source}`)).find((call) => call.sourceCallId === sourceCallId);
    if (!found) throw new Error(`no ${source} call ${sourceCallId}`);
    return (await detail(found.id)).record;
  };

  it('takes every file of vcon/: one call per vCon uuid, the encrypted one quarantined with its reason', async () => {
    const files = readdirSync(vconDir).sort();
    for (const file of files) await ingest('vcon', readFileSync(path.join(vconDir, file)));
    const expected = [
      '01928e10-193e-8231-b9a2-279e0d16bc46', // redacted copy
      '0193db2c-2bf7-88a3-9dd8-dd37220d739c', // vcon-server, analysis_info
      '019f15a6-a752-826f-b9a2-279e0d16bc46', // the call: plain, signed, with analysis, with redacted analysis
      '019f15a6-aa72-8dbd-a20f-d188127fad29', // amended
      '55dd9e21-dcc8-4275-8ea6-f0aa08ed03fd', // vcon-server, transcript and summary
    ];
    await expect
      .poll(async () => (await calls('source=vcon')).map((call) => call.sourceCallId).sort(), {
        timeout: 60_000,
      })
      .toEqual(expected);
    await expect
      .poll(
        async () =>
          (
            await t.inject({
              method: 'GET',
              url: '/api/v1/calls/quarantine?source=vcon',
              headers: bearer(token),
            })
          ).json<{
            items: { reason: string }[];
          }>().items,
        { timeout: 30_000 },
      )
      .toEqual([
        expect.objectContaining({
          reason: expect.stringMatching(
            /^encrypted vCon 019f15a6-a752-826f-b9a2-279e0d16bc46 \(JWE/,
          ) as unknown,
        }),
      ]);
  });

  it('keeps the analysis: summarised in the record, whole in the archived vCon the record points to', async () => {
    // Four deliveries of one uuid in any order: the fullest (two analyses) is the stored one.
    await expect
      .poll(
        async () =>
          (
            (await callOf('vcon', '019f15a6-a752-826f-b9a2-279e0d16bc46')).attributes.vcon as {
              analysis: unknown[];
            }
          ).analysis,
        {
          timeout: 30_000,
        },
      )
      .toHaveLength(2);
    const found = (await calls('source=vcon')).find(
      (call) => call.sourceCallId === '019f15a6-a752-826f-b9a2-279e0d16bc46',
    );
    const { record, raw } = await detail(found?.id ?? '');
    expect(record).toMatchObject({
      source: 'vcon',
      startedAt: '2022-06-21T17:53:26.000Z',
      talkSeconds: 33,
      from: { raw: '+12345678901', displayName: 'Alice' },
      recordings: [{ uri: expect.stringMatching(/ab_call\.mp3$/) as unknown }],
    });
    const url = new URL(raw.url ?? '');
    const download = await t.inject({ method: 'GET', url: url.pathname + url.search });
    expect(download.statusCode).toBe(200);
    const archived = JSON.parse(download.body) as {
      raw: { format: string; document: { analysis: { type: string; body: unknown }[] } };
    };
    expect(archived.raw.format).toBe('json');
    expect(archived.raw.document.analysis.map((analysis) => analysis.type)).toEqual([
      'transcript',
      'transcript-redacted',
    ]);
    expect(JSON.stringify(archived.raw.document.analysis[1]?.body)).toContain('{{URL}}');
  });

  it('imports a call it exported as vCon with the same parties, times, durations and direction', async () => {
    await ingest('connect-json', readFileSync(path.join(fixtures, 'connect/ctr-1.json')));
    await expect.poll(async () => (await calls('source=connect')).length, { timeout: 30_000 }).toBe(1);
    const original = await callOf('connect', '6fe40d2a-1a89-4d73-bfcf-5d9c33894f47');
    const exported = await t.inject({
      method: 'GET',
      url: '/api/v1/calls/export?format=vcon&source=connect',
      headers: bearer(token),
    });
    expect(exported.statusCode).toBe(200);
    const vcon = JSON.parse(exported.body.trim()) as { uuid: string };

    await ingest('vcon', exported.body);
    await expect
      .poll(async () => (await calls('source=vcon')).some((call) => call.sourceCallId === vcon.uuid), {
        timeout: 30_000,
      })
      .toBe(true);
    const imported = await callOf('vcon', vcon.uuid);
    const facts = (record: CallRecordV1) => ({
      from: record.from,
      to: record.to,
      direction: record.direction,
      startedAt: record.startedAt,
      answeredAt: record.answeredAt,
      endedAt: record.endedAt,
      ringSeconds: record.ringSeconds,
      talkSeconds: record.talkSeconds,
      totalSeconds: record.totalSeconds,
      holdSeconds: record.holdSeconds,
      afterCallWorkSeconds: record.afterCallWorkSeconds,
      disposition: record.disposition,
    });
    expect(facts(imported)).toEqual(facts(original));
    expect(imported.attributes.exportedRecord).toMatchObject({
      id: original.id,
      source: 'connect',
      sourceCallId: original.sourceCallId,
    });
  });
});
