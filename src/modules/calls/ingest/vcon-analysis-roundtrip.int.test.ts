import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, login } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { VconDocument } from '../vcon.js';

/*
 * A vCon imported with analysis (other vendors' transcripts, summaries, LLM output) keeps it: the
 * call's vCon export carries every analysis entry of the delivered file, body and all, about the
 * dialog that stands for the source's, and importing that export again lists them all. Each real
 * fixture with analysis goes through a tenant of its own (two of them share a vCon uuid).
 */

const vconDir = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/vcon');

const FIXTURES = [
  'ab_call_ext_rec_analysis.vcon.json',
  'ab_call_ext_rec_with_redact.vcon.json',
  'ab_call_ext_rec_redacted.vcon.json',
  'vcon-server-vcon_with_summary.vcon.json',
  'vcon-server-hugging_llm_link-b217b61e.vcon.json',
];

interface SourceAnalysis {
  type: string;
  dialog?: number;
  vendor?: string;
  product?: string;
  schema?: string;
  encoding?: string;
  body?: unknown;
}

// The analysis comes back from the archived raw payload: read from its own object, or from its segment.
describe.each(['object-per-record', 'segments'])(
  'vCon import and export keep the analysis (%s archive)',
  (layout) => {
    let t: TestPlatform;
    beforeAll(async () => {
      t = await createTestPlatform({ role: 'start', env: { SWITCHBOARD_ARCHIVE_LAYOUT: layout } });
    }, 60_000);
    afterAll(() => t.close());

    const tenantWithKey = async () => {
      const { tenant } = await createTenant(t.platform);
      const token = (await login(t, await createUser(t.platform, tenant, { roles: ['owner'] }))).accessToken;
      const created = await t.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: bearer(token),
        payload: { name: 'vcon', scopes: ['calls:ingest'] },
      });
      return { token, ingestKey: created.json<{ key: string }>().key };
    };

    for (const file of FIXTURES) {
      it(`${file}: every analysis entry survives import and export, and a second import`, async () => {
        const raw = readFileSync(path.join(vconDir, file));
        const source = JSON.parse(raw.toString('utf8')) as { uuid: string; analysis: SourceAnalysis[] };
        expect(source.analysis.length).toBeGreaterThan(0);
        const { token, ingestKey } = await tenantWithKey();
        const ingest = async (payload: Buffer | string) => {
          const res = await t.inject({
            method: 'POST',
            url: '/api/v1/calls/ingest?format=vcon',
            headers: { 'x-api-key': ingestKey, 'content-type': 'application/json' },
            payload,
          });
          expect(res.statusCode, res.body).toBe(202);
        };
        const callsOf = async () =>
          (
            await t.inject({
              method: 'GET',
              url: '/api/v1/calls?limit=50&source=vcon',
              headers: bearer(token),
            })
          ).json<{ items: { id: string; sourceCallId: string }[] }>().items;

        await ingest(raw);
        await expect.poll(async () => (await callsOf()).length, { timeout: 60_000 }).toBe(1);
        const [call] = await callsOf();
        const exported = await t.inject({
          method: 'GET',
          url: `/api/v1/calls/${call!.id}/vcon`,
          headers: bearer(token),
        });
        expect(exported.statusCode, exported.body).toBe(200);
        const vcon = exported.json<VconDocument>();
        expect(vcon.analysis).toHaveLength(source.analysis.length);
        source.analysis.forEach((entry, index) => {
          const out = vcon.analysis[index]!;
          const { dialog, ...rest } = entry;
          expect(out).toMatchObject({ ...rest, vendor: entry.vendor ?? 'unknown' });
          expect(out.body).toEqual(entry.body);
          if (dialog !== undefined) {
            expect(typeof out.dialog).toBe('number');
            expect(vcon.dialog[out.dialog as number]).toBeDefined();
          }
        });

        // The export imports again as a call whose record lists the same analysis.
        await ingest(exported.body);
        await expect
          .poll(
            async () => (await callsOf()).some((c) => c.sourceCallId === vcon.uuid && c.id !== call!.id),
            {
              timeout: 60_000,
            },
          )
          .toBe(true);
        const again = (await callsOf()).find((c) => c.sourceCallId === vcon.uuid && c.id !== call!.id);
        const detail = (
          await t.inject({ method: 'GET', url: `/api/v1/calls/${again!.id}`, headers: bearer(token) })
        ).json<{ record: { attributes: { vcon: { analysis: { type: string }[] } } } }>();
        expect(detail.record.attributes.vcon.analysis.map((a) => a.type)).toEqual(
          source.analysis.map((a) => a.type),
        );
      }, 150_000);
    }

    it('leaves the imported analysis out for a caller who may not read raw payloads', async () => {
      const raw = readFileSync(path.join(vconDir, 'vcon-server-vcon_with_summary.vcon.json'));
      const { ctx } = await createTenant(t.platform);
      const ingestRes = await t.inject({
        method: 'POST',
        url: '/api/v1/calls/ingest?format=vcon',
        as: { tenant: ctx.tenantId, permissions: ['calls:ingest'] },
        headers: { 'content-type': 'application/json' },
        payload: raw,
      });
      expect(ingestRes.statusCode, ingestRes.body).toBe(202);
      const list = async () =>
        (
          await t.inject({
            method: 'GET',
            url: '/api/v1/calls?source=vcon',
            as: { tenant: ctx.tenantId, permissions: ['calls:read'] },
          })
        ).json<{ items: { id: string }[] }>().items;
      await expect.poll(async () => (await list()).length, { timeout: 60_000 }).toBe(1);
      const [call] = await list();
      const exported = await t.inject({
        method: 'GET',
        url: `/api/v1/calls/${call!.id}/vcon`,
        as: { tenant: ctx.tenantId, permissions: ['calls:export'] },
      });
      expect(exported.statusCode, exported.body).toBe(200);
      expect(exported.json<VconDocument>().analysis).toEqual([]);
    }, 90_000);
  },
);
