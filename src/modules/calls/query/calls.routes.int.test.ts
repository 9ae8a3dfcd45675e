import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import type { CallRecordV1, NormalisedCall } from '../call-record.js';
import { callRecord, leg, party } from '../testing/call-record.fixtures.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';

interface Page {
  items: {
    id: string;
    sourceCallId: string;
    from: { displayName: string | null };
    agent: { id: string | null; name: string | null } | null;
  }[];
  nextCursor: string | null;
}
interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

const read = ['calls:read'];

describe('calls API: list, filters, detail', () => {
  let t: CallsTestPlatform;
  let a: RequestContext;
  let b: RequestContext;
  const records: Record<string, CallRecordV1> = {};

  const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 9, minute)).toISOString();
  const seed = async (ctx: RequestContext, name: string, call: Partial<NormalisedCall>) => {
    const record = callRecord(ctx.tenantId, { sourceCallId: name, ...call });
    await t.calls.calls.upsertRecords(ctx, [record]);
    records[name] = record;
  };

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx: a } = await t.createTenant());
    ({ ctx: b } = await t.createTenant());
    await seed(a, 'a1', {
      startedAt: at(0),
      source: 'twilio',
      direction: 'inbound',
      disposition: 'answered',
      totalSeconds: 70,
      from: party('+4930111111', '+4930111111', 'Zoë Müller'),
    });
    await seed(a, 'a2', {
      startedAt: at(10),
      source: 'asterisk',
      direction: 'outbound',
      disposition: 'no_answer',
      totalSeconds: 20,
      from: party('1001', null, 'Front Desk'),
      to: party('004930222222', '+4930222222', null),
      agent: { id: 'Agent.One@Contoso.com', name: 'Agent One' },
    });
    await seed(a, 'a3', {
      startedAt: at(20),
      source: 'cucm',
      direction: 'inbound',
      disposition: 'cancelled',
      totalSeconds: 5,
      from: party('+4930333333', '+4930333333', 'Zoe Schmidt'),
      queue: { id: 'q-sales', name: 'Sales' },
      // The searched number appears only on a transfer leg.
      legs: [
        leg('x', { from: party('+4930333333', '+4930333333'), to: party('+4930111111', '+4930111111') }),
      ],
    });
    await seed(a, 'a4', {
      startedAt: at(30),
      source: 'teams',
      direction: 'internal',
      disposition: 'answered',
      totalSeconds: 300,
      agent: { id: 'agent.one@contoso.com', name: 'Agent One' },
      queue: { id: 'q-sales', name: 'Sales' },
    });
    await seed(a, 'a5', {
      startedAt: at(40),
      source: 'twilio',
      direction: 'inbound',
      disposition: 'voicemail',
      totalSeconds: 45,
      from: party('+4930555555', '+4930555555', 'Max Müller'),
    });
    await seed(b, 'b1', {
      startedAt: at(5),
      source: 'twilio',
      direction: 'inbound',
      from: party('+4930111111', '+4930111111', 'Zoë Müller'),
    });
  });
  afterAll(() => t.close());

  const list = async (query: string, ctx: RequestContext = a, permissions = read) => {
    const res = await t.inject({
      method: 'GET',
      url: `/api/v1/calls${query}`,
      as: { tenant: ctx.tenantId, permissions },
    });
    return res;
  };
  const names = async (query: string, ctx: RequestContext = a) => {
    const res = await list(query, ctx);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>().items.map((i) => i.sourceCallId);
  };

  it('lists the tenant’s calls newest first with decrypted parties', async () => {
    const res = await list('');
    expect(res.statusCode).toBe(200);
    const page = res.json<Page>();
    expect(page.items.map((i) => i.sourceCallId)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
    expect(page.items[4]).toMatchObject({
      id: records.a1?.id,
      from: { raw: '+4930111111', e164: '+4930111111', displayName: 'Zoë Müller' },
    });
    expect(page.items[1]?.agent).toEqual({ id: 'agent.one@contoso.com', name: 'Agent One' });
    expect(page.nextCursor).toBeNull();
  });

  it('keeps tenants apart: lists, searches and ids of another tenant', async () => {
    expect(await names('', b)).toEqual(['b1']);
    expect(await names('?number=%2B4930111111', b)).toEqual(['b1']);
    const foreign = await t.inject({
      method: 'GET',
      url: `/api/v1/calls/${records.b1?.id ?? ''}`,
      as: { tenant: a.tenantId, permissions: [...read, 'calls:raw'] },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json<Problem>().code).toBe('CALLS_NOT_FOUND');
  });

  it('filters by time range (from inclusive, to exclusive)', async () => {
    expect(await names(`?from=${at(10)}&to=${at(30)}`)).toEqual(['a3', 'a2']);
    expect(await names(`?from=${encodeURIComponent('2024-05-01T11:20:00+02:00')}`)).toEqual([
      'a5',
      'a4',
      'a3',
    ]);
  });

  it('filters by source, direction and disposition, each accepting a list', async () => {
    expect(await names('?source=asterisk,cucm')).toEqual(['a3', 'a2']);
    expect(await names('?direction=inbound')).toEqual(['a5', 'a3', 'a1']);
    expect(await names('?disposition=answered,voicemail')).toEqual(['a5', 'a4', 'a1']);
    expect(await names('?direction=inbound&disposition=cancelled')).toEqual(['a3']);
  });

  it('finds a number on any leg, by E.164 however written, or by the raw address', async () => {
    expect(await names('?number=%2B4930111111')).toEqual(['a3', 'a1']);
    expect(await names(`?number=${encodeURIComponent('+49 (30) 222-222')}`)).toEqual(['a2']);
    expect(await names('?number=004930222222')).toEqual(['a2']);
    expect(await names('?number=1001')).toEqual(['a2']);
    expect(await names('?number=%2B4930000000')).toEqual([]);
  });

  it('filters by agent (case-insensitive), queue and minimum duration', async () => {
    expect(await names('?agent=AGENT.ONE@contoso.com')).toEqual(['a4', 'a2']);
    expect(await names('?queue=q-sales')).toEqual(['a4', 'a3']);
    expect(await names('?minDuration=45')).toEqual(['a5', 'a4', 'a1']);
  });

  it('searches whole words of names, ignoring case and accents, all words required', async () => {
    expect(await names('?q=muller')).toEqual(['a5', 'a1']);
    expect(await names('?q=ZOE')).toEqual(['a3', 'a1']);
    expect(await names('?q=zoe%20m%C3%BCller')).toEqual(['a1']);
    expect(await names('?q=agent')).toEqual(['a4', 'a2']);
    expect(await names('?q=mull')).toEqual([]);
    expect(await names('?q=zoe&number=%2B4930111111')).toEqual(['a3', 'a1']);
    expect(await names('?q=zoe&source=cucm')).toEqual(['a3']);
  });

  it('pages with a stable keyset cursor, unaffected by calls arriving meanwhile', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page = (await list(query)).json<Page>();
      seen.push(...page.items.map((i) => i.sourceCallId));
      if (pages === 0) {
        // A newer call and one with the same start as a call on the next page arrive mid-way.
        await seed(a, 'late', { startedAt: at(50) });
        await seed(a, 'twin', { startedAt: at(20) });
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const twinFirst = (records.twin?.id ?? '') > (records.a3?.id ?? '');
    const expected = ['a5', 'a4', ...(twinFirst ? ['twin', 'a3'] : ['a3', 'twin']), 'a2', 'a1'];
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers bad filters with 400 problem+json naming the field', async () => {
    const cases: [string, string][] = [
      [`?from=${at(30)}&to=${at(10)}`, 'querystring.to'],
      ['?from=yesterday', 'querystring.from'],
      ['?source=skype', 'querystring.source'],
      ['?direction=sideways', 'querystring.direction'],
      ['?limit=0', 'querystring.limit'],
      ['?limit=1000', 'querystring.limit'],
      ['?minDuration=-1', 'querystring.minDuration'],
      ['?cursor=bm90LWEtY3Vyc29y', 'querystring.cursor'],
      ['?q=a', 'querystring.q'],
      ['?number=%20%20', 'querystring.number'],
    ];
    for (const [query, field] of cases) {
      const res = await list(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(
        res.json<Problem>().errors?.map((e) => e.field),
        query,
      ).toContain(field);
    }
  });

  it('needs calls:read', async () => {
    expect((await list('', a, [])).statusCode).toBe(403);
  });

  it('shows one call with its legs, and a signed raw link only to holders of calls:raw (audited)', async () => {
    const id = records.a3?.id ?? '';
    const plain = await t.inject({
      method: 'GET',
      url: `/api/v1/calls/${id}`,
      as: { tenant: a.tenantId, permissions: read },
    });
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).toEqual({
      record: records.a3,
      raw: { objectKey: records.a3?.rawObjectKey, sha256: records.a3?.rawSha256, url: null },
    });

    const withRaw = await t.inject({
      method: 'GET',
      url: `/api/v1/calls/${id}`,
      as: { tenant: a.tenantId, actor: 'usr_auditor', permissions: [...read, 'calls:raw'] },
    });
    // A link to the calls API, which opens the sealed archive object (the object store's own link would hand out ciphertext).
    expect(withRaw.json<{ raw: { url: string } }>().raw.url).toMatch(
      new RegExp(`/api/v1/calls/${id}/raw/signed\\?tenant=${a.tenantId}&expires=\\d+&sig=[0-9a-f]{64}$`),
    );
    expect(t.signedKeys).toEqual([]);
    const audit = await t.platform.modules.audit.list(a, { action: 'calls.raw_viewed', limit: 10 });
    expect(audit.items).toEqual([
      expect.objectContaining({ actor: { type: 'user', id: 'usr_auditor' }, target: { type: 'call', id } }),
    ]);
  });

  it('answers 404 for ids that are not calls', async () => {
    for (const id of ['call_01jd0000000000000000000000', 'nonsense', 'usr_01jd9k2n4m5p6q7r8s9t0v1w2x']) {
      const res = await t.inject({
        method: 'GET',
        url: `/api/v1/calls/${id}`,
        as: { tenant: a.tenantId, permissions: read },
      });
      expect(res.statusCode, id).toBe(404);
    }
  });
});
