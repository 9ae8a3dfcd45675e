import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import { createLogger } from '../../../platform/telemetry/index.js';
import { callRecordV1Schema, type CallRecordV1 } from '../call-record.js';
import { csvHeader } from './export-formats.js';
import { callRecord, party } from '../testing/call-record.fixtures.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';
import { toVcon, vconDocumentSchema } from '../vcon.js';

describe('calls export', () => {
  let t: CallsTestPlatform;
  let ctx: RequestContext;
  let records: CallRecordV1[];
  /** What the platform logged at warn and above, parsed. */
  const logged: { level: string; msg: string; requestId?: string }[] = [];

  beforeAll(async () => {
    const sink = { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) };
    t = await createCallsTestPlatform({ logger: createLogger({ level: 'warn' }, sink) });
    ({ ctx } = await t.createTenant());
    records = [
      callRecord(ctx.tenantId, {
        sourceCallId: 'e1',
        startedAt: '2024-05-01T09:00:00.000Z',
        from: party('+4930111111', '+4930111111', 'Müller, "Max"'),
      }),
      callRecord(ctx.tenantId, {
        sourceCallId: 'e2',
        startedAt: '2024-05-01T10:00:00.000Z',
        source: 'asterisk',
        from: party('1001', null, '=HYPERLINK("x")'),
      }),
      callRecord(ctx.tenantId, {
        sourceCallId: 'e3',
        startedAt: '2024-05-01T11:00:00.000Z',
        disposition: 'no_answer',
        agent: { id: 'a1', name: 'Ann' },
      }),
    ];
    await t.calls.calls.upsertRecords(ctx, records);
  });
  afterAll(() => t.close());

  const exportAs = (query: string, permissions = ['calls:export'], tenant = ctx) =>
    t.inject({
      method: 'GET',
      url: `/api/v1/calls/export?${query}`,
      as: { tenant: tenant.tenantId, actor: 'usr_exporter', permissions },
    });
  const lines = (body: string, separator = '\n') => body.split(separator).filter((line) => line !== '');

  it('writes CSV with a header and one row per call, newest first, quoting and defusing as needed', async () => {
    const res = await exportAs('format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="calls-.+\.csv"$/);
    const rows = lines(res.body, '\r\n');
    expect(`${rows[0] ?? ''}\r\n`).toBe(csvHeader());
    expect(rows[0]?.split(',').slice(0, 6)).toEqual([
      'id',
      'source',
      'sourceCallId',
      'conversationId',
      'direction',
      'disposition',
    ]);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(new RegExp(`^${records[2]?.id ?? ''},twilio,e3,`));
    expect(rows[2]).toContain(`,1001,,"'=HYPERLINK(""x"")",`);
    expect(rows[3]).toContain(',+4930111111,+4930111111,"Müller, ""Max""",');
  });

  it('writes JSON Lines of the stored CallRecord v1', async () => {
    const res = await exportAs('format=jsonl');
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const parsed = lines(res.body).map((line) => callRecordV1Schema.parse(JSON.parse(line)));
    expect(parsed).toEqual([...records].reverse());
  });

  it('writes one valid vCon per line', async () => {
    const res = await exportAs('format=vcon');
    const vcons = lines(res.body).map((line) => vconDocumentSchema.parse(JSON.parse(line)));
    expect(vcons).toEqual([...records].reverse().map((r) => toVcon(r)));
  });

  it('applies the filters and records the export, without personal values, in the audit log', async () => {
    const res = await exportAs('format=jsonl&source=asterisk&number=1001');
    expect(lines(res.body).map((line) => (JSON.parse(line) as CallRecordV1).sourceCallId)).toEqual(['e2']);
    const audit = await t.platform.modules.audit.list(ctx, { action: 'calls.exported', limit: 10 });
    expect(audit.items[0]).toMatchObject({
      actor: { type: 'user', id: 'usr_exporter' },
      details: { format: 'jsonl', filters: ['sources', 'number'] },
    });
    expect(JSON.stringify(audit.items)).not.toContain('1001');
  });

  it('streams more calls than one page', async () => {
    const { ctx: big } = await t.createTenant();
    const many = Array.from({ length: 1234 }, (_, i) =>
      callRecord(big.tenantId, {
        sourceCallId: `m${i}`,
        startedAt: new Date(Date.UTC(2024, 4, 1) + i * 60_000).toISOString(),
      }),
    );
    await t.calls.calls.upsertRecords(big, many);
    const res = await exportAs('format=jsonl', ['calls:export'], big);
    const ids = lines(res.body).map((line) => (JSON.parse(line) as CallRecordV1).id);
    expect(ids).toHaveLength(1234);
    expect(new Set(ids).size).toBe(1234);
    expect(ids[0]).toBe(many.at(-1)?.id);
  });

  it('needs calls:export and valid filters', async () => {
    expect((await exportAs('format=csv', ['calls:read'])).statusCode).toBe(403);
    const bad = await exportAs('format=xlsx');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('querystring.format');
  });

  it('refuses text a filter cannot hold with a 400 naming the field, before any byte of an export', async () => {
    for (const query of ['queue=%00', 'agent=a%00b', 'number=%2B4930%00']) {
      const res = await exportAs(`format=csv&${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['content-disposition']).toBeUndefined();
      expect(res.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe(
        `querystring.${query.split('=')[0] ?? ''}`,
      );
    }
  });

  /** Makes one stored call undecryptable: the ciphertext of another call, bound to that call's id. */
  const spoil = async (victim: CallRecordV1, donor: CallRecordV1) => {
    await sql`update calls.call_records set record_ciphertext = (select record_ciphertext from calls.call_records where id = ${fromPublicId('call', donor.id)})
              where id = ${fromPublicId('call', victim.id)}`.execute(t.platform.database.owner);
  };

  it('answers a problem, not a 200, when the first page of an export cannot be read', async () => {
    const { ctx: broken } = await t.createTenant();
    const two = [0, 1].map((i) =>
      callRecord(broken.tenantId, {
        sourceCallId: `b${i}`,
        startedAt: new Date(Date.UTC(2024, 4, 2, i)).toISOString(),
      }),
    );
    await t.calls.calls.upsertRecords(broken, two);
    await spoil(two[0] as CallRecordV1, two[1] as CallRecordV1);
    const res = await exportAs('format=jsonl', ['calls:export'], broken);
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  it('cuts the connection when a later page fails, so the client sees a broken transfer, and logs it with the request id', async () => {
    const { ctx: big } = await t.createTenant();
    // Two pages (500 a page, newest first): the oldest calls come on the second.
    const many = Array.from({ length: 600 }, (_, i) =>
      callRecord(big.tenantId, {
        sourceCallId: `p${i}`,
        startedAt: new Date(Date.UTC(2024, 5, 1) + i * 60_000).toISOString(),
      }),
    );
    await t.calls.calls.upsertRecords(big, many);
    await spoil(many[50] as CallRecordV1, many[51] as CallRecordV1);
    const http = t.platform.http;
    if (!http) throw new Error('no HTTP');
    const address = await http.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${address}/api/v1/calls/export?format=csv`, {
      headers: {
        'x-test-tenant': big.tenantId,
        'x-test-actor': 'usr_exporter',
        'x-test-permissions': 'calls:export',
      },
    });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', requestId }));
  });

  it('documents the routes in the OpenAPI document', async () => {
    const res = await t.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/calls',
        '/api/v1/calls/stats',
        '/api/v1/calls/export',
        '/api/v1/calls/{callId}',
        '/api/v1/calls/quarantine',
        '/api/v1/calls/quarantine/{quarantineId}',
        '/api/v1/calls/quarantine/{quarantineId}/raw',
      ]),
    );
  });
});
