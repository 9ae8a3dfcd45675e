import { inflateRawSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { createPgSubjectKeyStore, createSubjectKeys } from '../../../platform/crypto/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import { defineModule } from '../../../platform/module.js';
import type { DataSubject, ErasureReport, ModulePrivacy } from '../../../platform/privacy/index.js';
import { parseScrape } from '../../../../test/support/prometheus-text.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { privacyModule } from '../privacy.module.js';

/** Reads a zip's entries (stored or deflated), enough to look inside an access package. */
function unzip(zip: Buffer): Map<string, string> {
  const entries = new Map<string, string>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** A participant module of the test, recording what it was asked. */
function fakeParticipant(name: string, holds: string) {
  const state = {
    calls: [] as { op: string; subject: DataSubject }[],
    failExport: false,
    failErase: false,
  };
  const privacy: ModulePrivacy = {
    holds,
    retention: [{ what: `${name} invoices`, reason: 'tax law: 10 years' }],
    find: () => Promise.resolve([]),
    export(_ctx, subject) {
      state.calls.push({ op: 'export', subject });
      if (state.failExport) return Promise.reject(new Error(`${name} database is down`));
      return Promise.resolve([
        {
          name: 'orders',
          rows: [
            { id: 'ord_1', total: 42, note: 'ring "twice", please' },
            { id: 'ord_2', total: 7 },
          ],
        },
        { name: 'addresses', rows: [{ line1: '=HYPERLINK("x")', city: 'Leeds' }] },
      ]);
    },
    erase(_ctx, subject): Promise<ErasureReport> {
      state.calls.push({ op: 'erase', subject });
      if (state.failErase) return Promise.reject(new Error(`${name} cannot erase right now`));
      return Promise.resolve({
        erased: 3,
        kept: [{ what: `${name} invoices`, count: 1, reason: 'tax law: 10 years' }],
      });
    },
    restrict(_ctx, subject, restricted) {
      state.calls.push({ op: `restrict:${String(restricted)}`, subject });
      return Promise.resolve();
    },
  };
  const module = defineModule({ name, create: () => ({ api: {}, privacy }) });
  return { module, state };
}

const customerId = toPublicId('cus', newUuid());

describe('data-subject requests', () => {
  let t: TestPlatform;
  const shop = fakeParticipant('fakeshop', 'Orders and delivery addresses of clients.');
  const phone = fakeParticipant('fakephone', 'Calls with clients.');
  const signed: string[] = [];
  const tenant = newUuid();
  const staff = { tenant, actor: 'usr_staff', permissions: ['privacy:requests'] };
  const client = { tenant, actor: 'usr_client1', permissions: ['portal:read'] };
  const subjectOfCustomer: DataSubject = {
    customerId: customerId,
    userIds: ['usr_client1'],
    emails: ['  Ana@Example.COM '],
    phones: ['+44 7911 123456'],
  };

  beforeAll(async () => {
    t = await createTestPlatform({
      extraModules: [privacyModule, shop.module, phone.module],
      signObjectUrl: (key) => {
        signed.push(key);
        return Promise.resolve(`https://signed.test/${key}`);
      },
    });
    // The customers module's subject look-up (being written on its own branch): a fake behind its contract.
    Object.assign(t.platform.modules.customers as object, {
      subjectOf: (_ctx: RequestContext, customerId: string) =>
        Promise.resolve({ ...subjectOfCustomer, customerId }),
      subjectForUser: (_ctx: RequestContext, userId: string) =>
        Promise.resolve({ ...subjectOfCustomer, userIds: [userId] }),
    });
  });
  afterAll(() => t.close());
  // The platform's subject keys over the same table, a fresh cache each time: what any other process would see.
  const subjectKeys = () =>
    createSubjectKeys({
      keyring: t.platform.keyring,
      store: createPgSubjectKeyStore(t.platform.database),
    });
  beforeEach(() => {
    for (const p of [shop, phone]) {
      p.state.calls.length = 0;
      p.state.failErase = false;
      p.state.failExport = false;
    }
  });

  const post = (url: string, payload: object, as = staff) =>
    t.inject({ method: 'POST', url: `/api/v1/privacy/requests${url}`, as, payload });
  const get = (url: string, as = staff) =>
    t.inject({ method: 'GET', url: `/api/v1/privacy/requests${url}`, as });
  type Req = {
    id: string;
    status: string;
    subject: string;
    dueAt: string;
    extendedDueAt: string | null;
    lastError: string | null;
    result: {
      modules: { module: string; erased: number; kept: unknown[] }[];
      exportExpiresAt: string | null;
    } | null;
    trail: {
      step: string;
      module: string | null;
      outcome: string;
      actor: string;
      details: Record<string, unknown>;
    }[];
  };

  const events = async (type: string) =>
    (
      await sql<{ data: { requestId: string } }>`
        select data from bus.outbox where type = ${type} and tenant_id = ${tenant}::uuid
        union all select data from bus.log where type = ${type} and tenant_id = ${tenant}::uuid`.execute(
        t.platform.database.owner,
      )
    ).rows.map((r) => r.data.requestId);

  async function verified(kind: string, extra: object = {}): Promise<Req> {
    const created = await post('', {
      kind,
      customerId: subjectOfCustomer.customerId,
      channel: 'email',
      ...extra,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<Req>();
    const verify = await post(`/${id}/verify`, {
      method: 'id_document',
      note: 'Passport seen at the counter',
    });
    expect(verify.statusCode, verify.body).toBe(200);
    return verify.json<Req>();
  }

  it('runs an access request: received, verified, processed, a zip with JSON and CSV per part and a README', async () => {
    const created = await post('', {
      kind: 'access',
      customerId: subjectOfCustomer.customerId,
      channel: 'email',
    });
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json<Req>();
    expect(request).toMatchObject({
      status: 'verifying',
      subject: `a***@example.com · +44*******456 · ${customerId}`,
    });
    expect(request.id).toMatch(/^dsr_/);
    const received = new Date(request.dueAt);
    expect(received.getTime() - Date.now()).toBeGreaterThan(27 * 86_400_000);
    expect(await events('privacy.request.received.v1')).toContain(request.id);

    // Not before the identity was verified.
    expect((await post(`/${request.id}/process`, {})).json()).toMatchObject({
      code: 'PRIVACY_REQUEST_STATE',
    });
    await post(`/${request.id}/verify`, { method: 'id_document', note: 'Passport seen at the counter' });
    const done = await post(`/${request.id}/process`, {});
    expect(done.statusCode, done.body).toBe(200);
    const result = done.json<Req>();
    expect(result.status).toBe('completed');
    expect(await events('privacy.request.completed.v1')).toContain(request.id);

    // Each participant got the normalised subject.
    expect(shop.state.calls[0]?.subject).toEqual({
      customerId: customerId,
      userIds: ['usr_client1'],
      emails: ['ana@example.com'],
      phones: ['+447911123456'],
    });
    const steps = result.trail.map((s) => `${s.step}:${s.module ?? '-'}:${s.outcome}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        'received:-:ok',
        'verified:-:ok',
        'exported:fakeshop:ok',
        'exported:fakephone:ok',
        'completed:-:ok',
      ]),
    );
    expect(result.trail.find((s) => s.step === 'verified')?.details).toMatchObject({
      method: 'id_document',
      note: 'Passport seen at the counter',
    });

    const link = await get(`/${request.id}/download`);
    expect(link.statusCode, link.body).toBe(200);
    const { url, expiresAt } = link.json<{ url: string; expiresAt: string }>();
    const key = signed.at(-1) ?? '';
    expect(url).toBe(`https://signed.test/${key}`);
    expect(key.startsWith(`${tenant}/privacy/exports/`)).toBe(true);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const object = await t.platform.quietObjects.get(key);
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(chunk as Buffer);
    const zip = unzip(Buffer.concat(chunks));
    expect([...zip.keys()].sort()).toEqual(
      expect.arrayContaining([
        'README.txt',
        'fakeshop/orders.json',
        'fakeshop/orders.csv',
        'fakeshop/addresses.json',
        'fakeshop/addresses.csv',
        'fakephone/orders.json',
        'fakephone/orders.csv',
      ]),
    );
    expect(JSON.parse(zip.get('fakeshop/orders.json') ?? '')).toEqual([
      { id: 'ord_1', total: 42, note: 'ring "twice", please' },
      { id: 'ord_2', total: 7 },
    ]);
    expect(zip.get('fakeshop/orders.csv')).toBe(
      'id,total,note\r\nord_1,42,"ring ""twice"", please"\r\nord_2,7,\r\n',
    );
    // A cell that a spreadsheet would run as a formula is defused.
    expect(zip.get('fakeshop/addresses.csv')).toContain(`"'=HYPERLINK(""x"")"`);
    const readme = zip.get('README.txt') ?? '';
    expect(readme).toContain('Orders and delivery addresses of clients.');
    expect(readme).toContain('fakeshop invoices: tax law: 10 years');
  });

  it('answers 410 once the access package link expired', async () => {
    const request = await verified('access');
    await post(`/${request.id}/process`, {});
    expect((await get(`/${request.id}/download`)).statusCode).toBe(200);
    await sql`update privacy.requests set export_expires_at = now() - interval '1 second'
      where export_object_key like ${`${tenant}/%`}`.execute(t.platform.database.owner);
    const expired = await get(`/${request.id}/download`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ code: 'PRIVACY_EXPORT_EXPIRED' });
    // The daily job deletes the expired package; the answer stays 410.
    expect(await t.platform.modules.privacy.purgeExpiredExports()).toBeGreaterThan(0);
    expect((await get(`/${request.id}/download`)).statusCode).toBe(410);
  });

  it('fails an access request that a module cannot export, naming the module, and makes no partial package', async () => {
    const request = await verified('access');
    phone.state.failExport = true;
    const failed = await post(`/${request.id}/process`, {});
    expect(failed.statusCode).toBe(503);
    expect(failed.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'PRIVACY_PARTICIPANT_FAILED',
    });
    expect(failed.json<{ detail: string }>().detail).toContain('fakephone');
    const after = (await get(`/${request.id}`)).json<Req>();
    expect(after.status).toBe('in_progress');
    expect(after.lastError).toContain('fakephone');
    expect(after.trail).toContainEqual(
      expect.objectContaining({ step: 'exported', module: 'fakephone', outcome: 'failed' }),
    );
    expect((await get(`/${request.id}/download`)).json()).toMatchObject({ code: 'PRIVACY_NO_EXPORT' });
  });

  it('erases: shreds the subject keys, calls every participant, records each report, resumes after a failure', async () => {
    const sealed = await subjectKeys().seal(
      tenant,
      [{ kind: 'email', value: 'ana@example.com' }],
      'Ana’s note',
    );
    const request = await verified('erasure');
    phone.state.failErase = true;
    const failed = await post(`/${request.id}/process`, {});
    expect(failed.statusCode).toBe(503);
    expect(failed.json<{ detail: string }>().detail).toContain('fakephone');
    // Shredded before any module was called: what was sealed under the e-mail is unreadable already.
    await expect(subjectKeys().open(tenant, sealed)).rejects.toMatchObject({ code: 'CRYPTO_SUBJECT_ERASED' });
    for (const identifier of [
      { kind: 'email' as const, value: 'ana@example.com' },
      { kind: 'phone' as const, value: '+447911123456' },
      { kind: 'customer' as const, value: customerId },
      { kind: 'user' as const, value: 'usr_client1' },
    ])
      expect(await subjectKeys().isShredded(tenant, identifier)).toBe(true);

    phone.state.failErase = false;
    const done = await post(`/${request.id}/process`, {});
    expect(done.statusCode, done.body).toBe(200);
    const result = done.json<Req>();
    expect(result.status).toBe('completed');
    // fakeshop finished in the first run and is not asked again; fakephone was asked twice.
    expect(shop.state.calls.filter((c) => c.op === 'erase')).toHaveLength(1);
    expect(phone.state.calls.filter((c) => c.op === 'erase')).toHaveLength(2);
    expect(result.trail.filter((s) => s.step === 'shredded')).toHaveLength(1);
    expect(
      result.trail.filter((s) => s.step === 'erased' && s.outcome === 'ok').map((s) => s.module),
    ).toEqual(expect.arrayContaining(['fakeshop', 'fakephone']));
    expect(result.result?.modules).toEqual(
      expect.arrayContaining([
        {
          module: 'fakeshop',
          erased: 3,
          kept: [{ what: 'fakeshop invoices', count: 1, reason: 'tax law: 10 years' }],
        },
        {
          module: 'fakephone',
          erased: 3,
          kept: [{ what: 'fakephone invoices', count: 1, reason: 'tax law: 10 years' }],
        },
      ]),
    );
    // Only masked identifiers remain; the verification note was sealed under the subject's keys.
    const { rows } = await sql<{ subject: Buffer | null; masked: string }>`
      select subject_ciphertext as subject, subject_masked as masked from privacy.requests where id = (
        select request_id from privacy.request_steps where tenant_id = ${tenant}::uuid and step = 'shredded' limit 1)`.execute(
      t.platform.database.owner,
    );
    expect(rows[0]).toEqual({
      subject: null,
      masked: `a***@example.com · +44*******456 · ${customerId}`,
    });
    expect(result.trail.find((s) => s.step === 'verified')?.details).toMatchObject({
      note: null,
      noteErased: true,
    });
    // Processing a finished request again changes nothing.
    expect((await post(`/${request.id}/process`, {})).json<Req>().status).toBe('completed');
    expect(shop.state.calls.filter((c) => c.op === 'erase')).toHaveLength(1);
  });

  it('restricts through the participants that can, and records a rectification with a link to the profile', async () => {
    const restriction = await verified('restriction', {});
    const restricted = (await post(`/${restriction.id}/process`, {})).json<Req>();
    expect(restricted.status).toBe('completed');
    expect(shop.state.calls.map((c) => c.op)).toEqual(['restrict:true']);

    const rectification = await verified('rectification', { note: 'Surname is misspelt' });
    const rectified = (await post(`/${rectification.id}/process`, {})).json<
      Req & { result: { rectificationPath: string } }
    >();
    expect(rectified.status).toBe('completed');
    expect(rectified.result.rectificationPath).toBe(`/customers/${customerId}`);
  });

  it('tracks deadlines: reminders 7 and 2 days before, once each; an extension of two months, once', async () => {
    const created = await post('', { kind: 'access', email: 'deadline@example.com', channel: 'phone' });
    const request = created.json<Req>();
    const due = new Date(request.dueAt);
    const privacy = t.platform.modules.privacy;
    const dueSoon = async () =>
      (await events('privacy.request.due_soon.v1')).filter((id) => id === request.id).length;

    await privacy.remindDue(new Date(due.getTime() - 8 * 86_400_000));
    expect(await dueSoon()).toBe(0);
    await privacy.remindDue(new Date(due.getTime() - 6 * 86_400_000));
    expect(await dueSoon()).toBe(1);
    await privacy.remindDue(new Date(due.getTime() - 5 * 86_400_000));
    expect(await dueSoon()).toBe(1);
    await privacy.remindDue(new Date(due.getTime() - 1 * 86_400_000));
    expect(await dueSoon()).toBe(2);

    const extended = await post(`/${request.id}/extend`, { reason: 'Complex: data in four systems' });
    expect(extended.statusCode, extended.body).toBe(200);
    const extendedDue = new Date(extended.json<Req>().extendedDueAt ?? '');
    expect(extendedDue.getUTCMonth()).toBe((due.getUTCMonth() + 2) % 12);
    expect((await post(`/${request.id}/extend`, { reason: 'again' })).json()).toMatchObject({
      code: 'PRIVACY_ALREADY_EXTENDED',
    });
    // The queue is ordered by the (extended) deadline, and due_before filters on it.
    const queue = (
      await get(`?due_before=${encodeURIComponent(new Date(due.getTime() + 86_400_000).toISOString())}`)
    ).json<{ items: Req[] }>();
    expect(queue.items.map((r) => r.id)).not.toContain(request.id);
    await privacy.remindDue(new Date(extendedDue.getTime() - 6 * 86_400_000));
    expect(await dueSoon()).toBe(3);
  });

  it('lets a signed-in client ask from the portal: verified by the sign-in, access runs at once, only theirs to download', async () => {
    const created = await t.inject({
      method: 'POST',
      url: '/ext/v1/privacy/requests',
      as: client,
      payload: { kind: 'access' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json<Req & { verification: { method: string } }>();
    expect(request).toMatchObject({ status: 'completed', verification: { method: 'sign_in' } });
    expect(shop.state.calls[0]?.subject.userIds).toEqual(['usr_client1']);

    const mine = await t.inject({ method: 'GET', url: '/ext/v1/privacy/requests', as: client });
    expect(mine.json<{ items: Req[] }>().items.map((r) => r.id)).toContain(request.id);
    const download = await t.inject({
      method: 'GET',
      url: `/ext/v1/privacy/requests/${request.id}/download`,
      as: client,
    });
    expect(download.statusCode, download.body).toBe(200);
    const other = { ...client, actor: 'usr_someone_else' };
    expect(
      (await t.inject({ method: 'GET', url: `/ext/v1/privacy/requests/${request.id}/download`, as: other }))
        .statusCode,
    ).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/ext/v1/privacy/requests', as: other })).json()).toEqual({
      items: [],
    });
  });

  it('refuses hostile input with 400 naming the field', async () => {
    const cases: [object, string][] = [
      [{ kind: 'access', phone: 'call me maybe', channel: 'phone' }, 'body.phone'],
      [{ kind: 'access', email: 'not-an-email', channel: 'email' }, 'body.email'],
      [{ kind: 'access', channel: 'email' }, 'body.customerId'],
      [{ kind: 'access', customerId: 'ord_01jd0000000000000000000000', channel: 'email' }, 'body.customerId'],
      [{ kind: 'delete-everything', email: 'a@b.co', channel: 'email' }, 'body.kind'],
      [{ kind: 'access', email: 'a@b.co', channel: 'carrier-pigeon' }, 'body.channel'],
      [{ kind: 'access', email: 'a@b.co', channel: 'email', note: 'x'.repeat(2001) }, 'body.note'],
      [{ kind: 'access', email: 'a@b.co', channel: 'email', admin: true }, 'body.admin'],
    ];
    for (const [payload, field] of cases) {
      const response = await post('', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
    }
    const request = (await post('', { kind: 'access', email: 'a@b.co', channel: 'email' })).json<Req>();
    const badVerify = await post(`/${request.id}/verify`, { method: 'vibes', note: '' });
    expect(badVerify.statusCode).toBe(400);
    expect((await get('?due_before=tomorrow')).statusCode).toBe(400);
    expect((await get('/dsr_nope')).json()).toMatchObject({ code: 'PRIVACY_REQUEST_NOT_FOUND' });
  });

  it('keeps tenants apart and needs the privacy:requests permission', async () => {
    const request = (
      await post('', { kind: 'erasure', email: 'tenant-a@example.com', channel: 'email' })
    ).json<Req>();
    const other = { tenant: newUuid(), actor: 'usr_other', permissions: ['privacy:requests'] };
    expect((await get('', other)).json()).toEqual({ items: [] });
    expect((await get(`/${request.id}`, other)).statusCode).toBe(404);
    expect((await post(`/${request.id}/verify`, { method: 'other', note: 'x' }, other)).statusCode).toBe(404);
    expect((await get(`/${request.id}`, { ...staff, permissions: [] })).statusCode).toBe(403);
    expect((await get('', client)).statusCode).toBe(403);
  });

  it('serves the data classification to any signed-in employee, for the console’s masking', async () => {
    const response = await t.inject({
      method: 'GET',
      url: '/api/v1/privacy/classification',
      as: { tenant, permissions: [] },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      schemas: Record<
        string,
        Record<string, Record<string, { class: string; personal: boolean; field: string }>>
      >;
      maskedFields: string[];
    }>();
    expect(body.schemas.privacy?.requests?.subject_ciphertext).toEqual({
      class: 'restricted',
      personal: true,
      field: 'subjectCiphertext',
    });
    expect(body.schemas.crypto?.subject_keys?.wrapped_key).toMatchObject({ class: 'restricted' });
    expect(body.maskedFields).toContain('subjectCiphertext');
  });

  it('runs the weekly VACUUM ANALYZE over the schemas', async () => {
    const result = await t.platform.modules.privacy.vacuum();
    expect(result.failed).toEqual([]);
    expect(result.tables).toBeGreaterThan(20);
    const { rows } = await sql<{ analyzed: Date | null }>`
      select last_analyze as analyzed from pg_stat_user_tables where schemaname = 'privacy' and relname = 'requests'`.execute(
      t.platform.database.owner,
    );
    expect(rows[0]?.analyzed).not.toBeNull();
  });

  it('reports open and overdue requests by kind in the metrics, read from the database for every tenant', async () => {
    const figures = async () => {
      const scrape = parseScrape(await t.platform.metrics.metrics());
      return {
        open: scrape.value('privacy_requests_open', { kind: 'access' }),
        overdue: scrape.value('privacy_requests_overdue', { kind: 'access' }),
      };
    };
    const before = await figures();
    const created = await post('', { kind: 'access', email: 'late@example.com', channel: 'phone' });
    expect(created.statusCode, created.body).toBe(201);
    expect(await figures()).toEqual({ open: before.open + 1, overdue: before.overdue });
    // The deadline passes while nobody acts on it.
    await sql`update privacy.requests set due_at = now() - interval '1 day'
      where id = ${fromPublicId('dsr', created.json<Req>().id) ?? ''}::uuid`.execute(
      t.platform.database.owner,
    );
    expect(await figures()).toEqual({ open: before.open + 1, overdue: before.overdue + 1 });
    const rejected = await post(`/${created.json<Req>().id}/reject`, { reason: 'Not the data subject' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(await figures()).toEqual(before);
  });
});
