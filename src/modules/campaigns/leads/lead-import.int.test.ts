import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import { multipartForm } from '../../../platform/http/testing/multipart-body.js';
import { rolePermissions } from '../../identity/index.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { RequestContext } from '../../../platform/context.js';
import { createSealing } from '../sealing.js';
import { createLeadImports } from './lead-import.service.js';
import type { LeadDetail, LeadImportDetail, LeadList, LeadSummary } from '../contract.js';
import { workbookOf, zipBomb } from '../../../../test/support/xlsx-files.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/leads');

describe('campaigns: lead lists, imports and leads', () => {
  let t: TestPlatform;
  let tenantA: string;
  let tenantB: string;
  let ctxA: RequestContext;
  const writer = (tenant: string) => ({
    tenant,
    permissions: ['leads:read', 'leads:write', 'leads:export'],
  });

  beforeAll(async () => {
    // 1 MB: the 10,000-row file fits, the oversized one below does not.
    t = await createTestPlatform({ env: { SWITCHBOARD_LEAD_IMPORT_MAX_BYTES: '1000000' } });
    const a = await createTenant(t.platform);
    tenantA = a.tenant.uuid;
    ctxA = a.ctx;
    tenantB = (await createTenant(t.platform)).tenant.uuid;
  });
  afterAll(() => t.close());

  const createList = async (tenant: string, name: string, defaultRegion: string | null = null) => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/campaigns/lists',
      as: writer(tenant),
      payload: { name, defaultRegion },
    });
    expect(response.statusCode).toBe(201);
    return response.json<LeadList>();
  };

  const upload = (
    tenant: string,
    options: Record<string, unknown>,
    file: Buffer | string,
    filename = 'leads.csv',
    url = '/api/v1/campaigns/leads/imports',
  ) => {
    const form = multipartForm([
      { name: 'options', contentType: 'application/json', body: JSON.stringify(options) },
      { name: 'file', filename, contentType: 'text/csv', body: file },
    ]);
    return t.inject({
      method: 'POST',
      url,
      as: writer(tenant),
      payload: form.payload,
      headers: form.headers,
    });
  };

  /** Uploads and waits for the import's run to end; answers its detail. */
  const importFile = async (
    tenant: string,
    options: Record<string, unknown>,
    file: Buffer | string,
    filename?: string,
  ) => {
    const response = await upload(tenant, options, file, filename);
    expect(response.statusCode, response.body).toBe(202);
    const { id } = response.json<{ id: string }>();
    await t.platform.modules.campaigns.imports.idle();
    const detail = await t.inject({
      method: 'GET',
      url: `/api/v1/campaigns/leads/imports/${id}?limit=1000`,
      as: writer(tenant),
    });
    expect(detail.statusCode).toBe(200);
    return detail.json<LeadImportDetail>();
  };

  const leadsOf = async (tenant: string, query: string) => {
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/campaigns/leads?${query}`,
      as: writer(tenant),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ leads: LeadSummary[]; nextCursor: string | null }>();
  };

  const detailOf = async (tenant: string, leadId: string) => {
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/campaigns/leads/${leadId}`,
      as: writer(tenant),
    });
    expect(response.statusCode).toBe(200);
    return response.json<LeadDetail>();
  };

  it('migrates: every table under row-level security', async () => {
    const { rows } = await sql<{ relname: string; secured: boolean }>`
      select c.relname, c.relrowsecurity as secured from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'campaigns' and c.relkind = 'r' and c.relname not like 'schema_migrations%'`.execute(
      t.platform.database.owner,
    );
    expect(rows.map((r) => r.relname).sort()).toEqual([
      'call_attempts',
      'call_reports',
      'campaign_leads',
      'campaign_lists',
      'campaigns',
      'column_mappings',
      'consents',
      'dial_skips',
      'dnc_entries',
      'dnc_registry_copies',
      'dnc_registry_entries',
      'lead_import_rejections',
      'lead_imports',
      'lead_lists',
      'lead_status_history',
      'leads',
      'processing_restrictions',
    ]);
    expect(rows.every((r) => r.secured)).toBe(true);
  });

  describe("VICIdial's lead files, read in place", () => {
    it('minicsv (CSV with a header): the lead matches the raw row', async () => {
      const list = await createList(tenantA, 'vicidial minicsv');
      const file = await readFile(path.join(FIXTURES, 'vicidial-minicsv.csv'));
      const job = await importFile(
        tenantA,
        { listId: list.id, mapping: { preset: 'vicidial-minicsv' } },
        file,
        'vicidial-minicsv.csv',
      );
      expect(job).toMatchObject({
        state: 'completed',
        sniffedType: 'csv',
        rowsRead: 1,
        rowsAccepted: 1,
        rowsRejected: 0,
      });
      expect(job.scan.result).toBe('not_configured');
      const { leads } = await leadsOf(tenantA, `listId=${list.id}`);
      expect(leads).toHaveLength(1);
      // "105 Fifth St","Steinhatchee","Frank Smith","3525556601","FL","32359"
      const lead = await detailOf(tenantA, leads[0]?.id ?? '');
      expect(lead).toMatchObject({
        phone: '+13525556601',
        region: 'US',
        subdivision: 'US-FL',
        timeZone: 'America/New_York',
        timeZoneSource: 'subdivision',
        fullName: 'Frank Smith',
        address: { lines: ['105 Fifth St'], city: 'Steinhatchee', state: 'FL', postalCode: '32359' },
        status: 'new',
        sourceRow: 2,
        importId: job.id,
      });
      // Florida's panhandle keeps Central time: a window must hold in both zones.
      expect(lead.timeZoneCandidates).toEqual(['America/New_York', 'America/Chicago']);
      expect(lead.statusHistory).toMatchObject([{ from: null, to: 'new' }]);
    });

    it('minicsv without a mapping: the header is read by its common names', async () => {
      const list = await createList(tenantA, 'minicsv guessed', 'US');
      const job = await importFile(
        tenantA,
        { listId: list.id },
        await readFile(path.join(FIXTURES, 'vicidial-minicsv.csv')),
      );
      expect(job).toMatchObject({ state: 'completed', rowsAccepted: 1 });
      const [lead] = (await leadsOf(tenantA, `listId=${list.id}`)).leads;
      expect((await detailOf(tenantA, lead?.id ?? '')).fullName).toBe('Frank Smith');
    });

    for (const [file, preset, extra] of [
      ['vicidial-standard-format.psv', 'vicidial-standard', {}],
      ['vicidial-stdrankowner-format.psv', 'vicidial-stdrankowner', { rank: '99', owner: '6666' }],
    ] as const) {
      it(`${preset} (pipe-separated, 01144 phone code): the lead matches the raw row`, async () => {
        const list = await createList(tenantA, `vicidial ${preset}`);
        const job = await importFile(
          tenantA,
          { listId: list.id, mapping: { preset } },
          await readFile(path.join(FIXTURES, file)),
          file,
        );
        // The fixture's first line repeats the column names: it is recognised and skipped.
        expect(job).toMatchObject({
          state: 'completed',
          sniffedType: 'psv',
          rowsRead: 1,
          rowsAccepted: 1,
          rowsRejected: 0,
        });
        const [summary] = (await leadsOf(tenantA, `listId=${list.id}`)).leads;
        const lead = await detailOf(tenantA, summary?.id ?? '');
        // 3857822|31022|105|01144|1625551212|MRS|B||BURTON|249 MUNDON ROAD|MALDON|ESSEX||||CM9 6PW|UK||||||COMMENTS|2|B|2007-08-09 00:00:00|...
        expect(lead).toMatchObject({
          phone: '+441625551212',
          region: 'GB',
          subdivision: null,
          timeZone: 'Europe/London',
          timeZoneSource: 'country',
          title: 'MRS',
          firstName: 'B',
          middleName: null,
          lastName: 'BURTON',
          address: {
            lines: ['249 MUNDON ROAD', 'MALDON', 'ESSEX'],
            city: null,
            postalCode: 'CM9 6PW',
            country: 'UK',
          },
          externalId: '3857822',
          email: null,
        });
        expect(lead.customFields).toEqual({
          source_id: '31022',
          list_id: '105',
          COMMENTS: 'COMMENTS',
          called_count: '2',
          status: 'B',
          entry_date: '2007-08-09 00:00:00',
          ...extra,
          'multi-alt-entries': '7275551212_1_work!7275551213_61_sister house!7275551214_44_neighbor',
        });
      });
    }
  });

  describe('XLSX workbooks', () => {
    it('imports the first sheet: numeric phone cells keep every digit, dates read as ISO dates', async () => {
      const list = await createList(tenantA, 'xlsx numbers', 'US');
      const file = await workbookOf([
        ['Phone', 'First Name', 'State', 'Signed up'],
        [14155552671, 'Ada', 'CA', new Date(Date.UTC(2024, 0, 31))],
        [2125550142, 'Bob', null, null],
        ['not a number', 'Cy', 'NY', null],
      ]);
      const job = await importFile(tenantA, { listId: list.id }, file, 'leads.xlsx');
      expect(job).toMatchObject({
        state: 'completed',
        sniffedType: 'xlsx',
        rowsRead: 3,
        rowsAccepted: 2,
        rowsRejected: 1,
      });
      expect(job.rejections).toEqual([{ row: 4, field: 'phone', reason: expect.any(String) as string }]);
      const { leads } = await leadsOf(tenantA, `listId=${list.id}`);
      const details = await Promise.all(leads.map((lead) => detailOf(tenantA, lead.id)));
      // Bob has no state: his New York area code places him (time zone source 'area_code').
      expect(details.map((d) => [d.phone, d.sourceRow, d.subdivision, d.timeZoneSource]).sort()).toEqual([
        ['+12125550142', 3, null, 'area_code'],
        ['+14155552671', 2, 'US-CA', 'subdivision'],
      ]);
      const ada = details.find((d) => d.phone === '+14155552671');
      expect(ada?.customFields).toMatchObject({ 'Signed up': '2024-01-31' });
    });

    it('previews a named sheet, and refuses a sheet that is not there naming file', async () => {
      const list = await createList(tenantA, 'xlsx sheets', 'US');
      const file = await workbookOf([['phone'], [14155552671]], 'Calls');
      const preview = await upload(
        tenantA,
        { listId: list.id, mapping: { sheet: 'Calls' }, rows: 5 },
        file,
        'leads.xlsx',
        '/api/v1/campaigns/leads/imports/preview',
      );
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json()).toMatchObject({
        sniffedType: 'xlsx',
        delimiter: null,
        header: ['phone'],
        rows: [{ row: 2, raw: ['14155552671'], lead: { phone: '+14155552671' } }],
      });
      const missing = await upload(
        tenantA,
        { listId: list.id, mapping: { sheet: 'Leads' } },
        file,
        'leads.xlsx',
      );
      expect(missing.statusCode).toBe(422);
      expect(missing.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([
        { field: 'file', message: "has no sheet named 'Leads' (its sheets: Calls)" },
      ]);
    });

    it('refuses a ZIP bomb with 422 naming file and the reason, keeping nothing', async () => {
      const list = await createList(tenantA, 'xlsx bomb');
      for (const [bomb, reason] of [
        [zipBomb(20), /inflates \d+ times its size/],
        [zipBomb(20, 1000), /inflates to more than the 1000 bytes it declares/],
      ] as const) {
        const response = await upload(tenantA, { listId: list.id }, bomb, 'leads.xlsx');
        expect(response.statusCode).toBe(422);
        const [error] = response.json<{ errors: { field: string; message: string }[] }>().errors;
        expect(error?.field).toBe('file');
        expect(error?.message).toMatch(reason);
      }
      const imports = await t.inject({
        method: 'GET',
        url: '/api/v1/campaigns/leads/imports',
        as: writer(tenantA),
      });
      expect(JSON.stringify(imports.json())).not.toContain(list.id);
    });
  });

  it('changes a lead status by hand: history, audit, 409 for a refused change, other tenants see nothing', async () => {
    const list = await createList(tenantA, 'status changes', 'US');
    await importFile(tenantA, { listId: list.id }, 'phone\n+12125550199\n');
    const [lead] = (await leadsOf(tenantA, `listId=${list.id}`)).leads;
    const change = (tenant: string, payload: unknown) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/campaigns/leads/${lead?.id ?? ''}/status`,
        as: writer(tenant),
        payload: payload as Record<string, unknown>,
      });
    const called = await change(tenantA, { status: 'callback', note: 'asked for Monday' });
    expect(called.statusCode, called.body).toBe(200);
    expect(called.json<LeadDetail>()).toMatchObject({
      status: 'callback',
      statusHistory: [
        { from: null, to: 'new' },
        { from: 'new', to: 'callback', reason: 'asked for Monday' },
      ],
    });
    expect((await change(tenantB, { status: 'do_not_call' })).statusCode).toBe(404);
    expect((await change(tenantA, { status: 'do_not_call' })).statusCode).toBe(200);
    const refused = await change(tenantA, { status: 'new' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.status');
    expect((await change(tenantA, { status: 'gone' })).statusCode).toBe(400);
    expect((await change(tenantA, { status: 'new', note: 'x\u0000y' })).statusCode).toBe(400);
    const audit = await t.platform.modules.audit.list(ctxA, { action: 'leads.status.changed', limit: 10 });
    expect(audit.items).toHaveLength(2);
  });

  it('rejects every bad row with its field and reason, and dedupes by number within the list', async () => {
    const list = await createList(tenantA, 'bad rows', 'US');
    const csv = [
      'phone,first_name,email,time_zone,state',
      '(212) 555-0101,Ada,ada@example.com,,NY', // 2 ok
      '12345,Bob,,,', // 3 not a number
      ',Cy,,,', // 4 empty phone
      '212-555-0102,Di,not-an-email,,', // 5 bad e-mail
      '212-555-0103,Ed,,Mars/Olympus,', // 6 bad zone
      '+1 212 555 0101,Fay,,,', // 7 duplicate of row 2
      '+44 20 7946 0958,Gus,,America/Chicago,', // 8 ok, explicit zone wins
      '"212-555-0104,Hal', // 9 quote never closed: the rest of the file
    ].join('\n');
    const job = await importFile(tenantA, { listId: list.id }, csv);
    expect(job).toMatchObject({ state: 'completed', rowsAccepted: 2, rowsDuplicate: 1, rowsRejected: 6 });
    expect(job.rejections).toEqual([
      { row: 3, field: 'phone', reason: 'is not a valid number in US' },
      { row: 4, field: 'phone', reason: 'is empty' },
      { row: 5, field: 'email', reason: 'is not an e-mail address' },
      { row: 6, field: 'timeZone', reason: 'is not an IANA time zone (America/Chicago, Europe/London)' },
      { row: 7, field: 'phone', reason: 'is a duplicate: the list has a lead with this number' },
      { row: 9, field: 'row', reason: 'a quoted field is not closed before the end of the file' },
    ]);
    const byPhone = await leadsOf(tenantA, `phone=${encodeURIComponent('+442079460958')}`);
    expect(byPhone.leads).toMatchObject([
      { timeZone: 'America/Chicago', timeZoneSource: 'field', region: 'GB' },
    ]);
    // The same file again: every number is in the list already (rows 2, 7 and 8 now).
    const again = await importFile(tenantA, { listId: list.id }, csv);
    expect(again).toMatchObject({ rowsAccepted: 0, rowsDuplicate: 3 });
    // Another list takes the same numbers: dedupe is per list.
    const other = await createList(tenantA, 'bad rows 2', 'US');
    expect(await importFile(tenantA, { listId: other.id }, csv)).toMatchObject({ rowsAccepted: 2 });
    // Search by number, national with a region, through the blind index: one lead per list.
    expect((await leadsOf(tenantA, 'phone=2125550101&region=US')).leads).toHaveLength(2);
    expect((await leadsOf(tenantA, 'email=ADA@example.com')).leads).toHaveLength(2);
  });

  it('imports a 10,000-row CSV in batches, every row accounted for', { timeout: 120_000 }, async () => {
    const list = await createList(tenantA, 'ten thousand', 'US');
    const lines = ['phone,first_name,last_name,state,account'];
    for (let i = 0; i < 10_000; i++)
      lines.push(`+1212555${String(i).padStart(4, '0')},First${i},Last${i},NY,acct-${i}`);
    const job = await importFile(tenantA, { listId: list.id }, `${lines.join('\r\n')}\r\n`);
    expect(job).toMatchObject({
      state: 'completed',
      rowsRead: 10_000,
      rowsAccepted: 10_000,
      rowsRejected: 0,
    });
    const listUuid = fromPublicId('list', list.id) ?? '';
    const { rows } = await sql<{ n: number; histories: number }>`
      select count(*)::int as n, (select count(*)::int from campaigns.lead_status_history h where h.lead_id in
        (select id from campaigns.leads where list_id = ${listUuid}::uuid)) as histories
      from campaigns.leads where list_id = ${listUuid}::uuid`.execute(t.platform.database.owner);
    expect(rows[0]).toEqual({ n: 10_000, histories: 10_000 });
    const page = await leadsOf(tenantA, `listId=${list.id}&limit=2`);
    expect(page.leads).toHaveLength(2);
    const next = await leadsOf(tenantA, `listId=${list.id}&limit=2&cursor=${page.nextCursor ?? ''}`);
    expect(next.leads.map((l) => l.id)).not.toContain(page.leads[0]?.id);
    const [one] = (await leadsOf(tenantA, 'phone=%2B12125559999')).leads;
    expect((await detailOf(tenantA, one?.id ?? '')).customFields).toEqual({ account: 'acct-9999' });
  });

  it('handles hostile values: NUL, 10,000 characters, formulas (kept, and neutralised on export)', async () => {
    const list = await createList(tenantA, 'hostile', 'US');
    const formula = '=HYPERLINK("http://evil.example","click")';
    const csv = [
      'phone,first_name,last_name',
      `2125550201,Nul\u0000Name,x`,
      `2125550202,${'a'.repeat(10_000)},x`,
      `2125550203,"${formula.replace(/"/g, '""')}",@SUM(A1)`,
      `2125550204,-2+3,+cmd|' /C calc'!A0`,
    ].join('\n');
    const job = await importFile(tenantA, { listId: list.id }, csv);
    expect(job).toMatchObject({ state: 'completed', rowsAccepted: 2, rowsRejected: 2 });
    expect(job.rejections).toEqual([
      { row: 2, field: 'firstName', reason: 'contains a control character (NUL or another)' },
      { row: 3, field: 'firstName', reason: 'is longer than 1000 characters' },
    ]);
    const exported = await t.inject({
      method: 'GET',
      url: `/api/v1/campaigns/leads/export?listId=${list.id}`,
      as: writer(tenantA),
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    const rows = exported.body.trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(exported.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(exported.body).toContain(`'@SUM(A1)`);
    expect(exported.body).toContain(`'-2+3`);
    expect(exported.body).toContain(`'+cmd|' /C calc'!A0`);
    expect(exported.body).toContain(`'+12125550203`);
    // No cell of the export starts with a formula character.
    for (const line of rows.slice(1))
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+\-@]/);
    const audit = await t.platform.modules.audit.list(ctxA, { action: 'leads.exported', limit: 10 });
    expect(audit.items.length).toBeGreaterThan(0);
  });

  it('refuses the export to the viewer role, and what it must', async () => {
    const viewer = { tenant: tenantA, permissions: [...rolePermissions.viewer] };
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/campaigns/leads/export', as: viewer })).statusCode,
    ).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/api/v1/campaigns/leads', as: viewer })).statusCode).toBe(
      200,
    );
    const list = await createList(tenantA, 'refusals');
    const problem = (response: Awaited<ReturnType<typeof upload>>) => ({
      status: response.statusCode,
      fields: (response.json<{ errors?: { field: string }[] }>().errors ?? []).map((e) => e.field),
    });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x20)]);
    expect(problem(await upload(tenantA, { listId: list.id }, pdf, 'leads.csv'))).toEqual({
      status: 415,
      fields: ['file'],
    });
    const xlsx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('[Content_Types].xml'),
    ]);
    expect(problem(await upload(tenantA, { listId: list.id }, xlsx, 'leads.xlsx'))).toEqual({
      status: 422,
      fields: ['file'],
    });
    expect(problem(await upload(tenantA, { listId: list.id }, ''))).toEqual({
      status: 422,
      fields: ['file'],
    });
    expect(problem(await upload(tenantA, { listId: 'list_nope' }, 'phone\n+12125550101'))).toEqual({
      status: 404,
      fields: ['options.listId'],
    });
    expect(problem(await upload(tenantA, { listId: list.id, extra: 1 }, 'phone\n+12125550101'))).toEqual({
      status: 400,
      fields: ['options'],
    });
    expect(
      problem(
        await upload(
          tenantA,
          { listId: list.id, mapping: { fields: { phone: 'mobile' } } },
          'phone\n+12125550101',
        ),
      ),
    ).toEqual({ status: 400, fields: ['options.mapping.fields.phone'] });
    expect(
      problem(
        await upload(tenantA, { listId: list.id, mapping: { defaultRegion: 'usa' } }, 'phone\n+12125550101'),
      ),
    ).toEqual({ status: 400, fields: ['options.mapping.defaultRegion'] });
    const oversized = `phone,notes\n${'2125550101,padding\n'.repeat(60_000)}`;
    expect(problem(await upload(tenantA, { listId: list.id }, oversized))).toEqual({
      status: 413,
      fields: ['file'],
    });
    const notForm = await t.inject({
      method: 'POST',
      url: '/api/v1/campaigns/leads/imports',
      as: writer(tenantA),
      payload: 'phone\n1',
      headers: { 'content-type': 'text/csv' },
    });
    expect(notForm.statusCode).toBe(415);
    expect(
      (
        await t.inject({ method: 'GET', url: '/api/v1/campaigns/leads?phone=abc', as: writer(tenantA) })
      ).json(),
    ).toMatchObject({
      errors: [{ field: 'query.phone' }],
    });
  });

  it('previews the first rows as mapped, and saves mappings per tenant', async () => {
    const list = await createList(tenantA, 'preview', 'US');
    const csv = 'Mobile;Vorname;Bundesland\n2125550301;Ann;NY\n555;Ben;\n';
    const saved = await t.inject({
      method: 'POST',
      url: '/api/v1/campaigns/column-mappings',
      as: writer(tenantA),
      payload: {
        name: 'semicolons',
        mapping: { fields: { phone: 'Mobile', firstName: 'Vorname', state: 'Bundesland' } },
      },
    });
    expect(saved.statusCode).toBe(201);
    const mappingId = saved.json<{ id: string }>().id;
    const preview = await upload(
      tenantA,
      { listId: list.id, mappingId },
      csv,
      'x.txt',
      '/api/v1/campaigns/leads/imports/preview',
    );
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      sniffedType: 'ssv',
      delimiter: ';',
      header: ['Mobile', 'Vorname', 'Bundesland'],
      rows: [
        {
          row: 2,
          lead: {
            phone: '+12125550301',
            subdivision: 'US-NY',
            timeZone: 'America/New_York',
            fields: { firstName: 'Ann' },
          },
          rejection: null,
        },
        { row: 3, lead: null, rejection: { field: 'phone' } },
      ],
    });
    // Nothing was stored by the preview.
    expect((await leadsOf(tenantA, `listId=${list.id}`)).leads).toHaveLength(0);
    // Another tenant can neither see nor use the mapping.
    expect(
      (
        await t.inject({ method: 'GET', url: '/api/v1/campaigns/column-mappings', as: writer(tenantB) })
      ).json(),
    ).toEqual({ mappings: [] });
    const listB = await createList(tenantB, 'b preview');
    expect((await upload(tenantB, { listId: listB.id, mappingId }, csv)).statusCode).toBe(404);
    // Saving the mapping with an import; the name is then taken.
    const job = await importFile(tenantA, { listId: list.id, mappingId, saveMappingAs: 'copy' }, csv);
    expect(job.rowsAccepted).toBe(1);
    const taken = await upload(tenantA, { listId: list.id, mappingId, saveMappingAs: 'copy' }, csv);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ errors: [{ field: 'options.saveMappingAs' }] });
  });

  it('keeps tenants apart: lists, leads, imports, search and export', async () => {
    const listA = await createList(tenantA, 'private to A', 'US');
    const job = await importFile(tenantA, { listId: listA.id }, 'phone\n2125550401\n');
    const [lead] = (await leadsOf(tenantA, `listId=${listA.id}`)).leads;
    const b = writer(tenantB);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/campaigns/lists/${listA.id}`, as: b })).statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/campaigns/leads/${lead?.id ?? ''}`, as: b })).statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/campaigns/leads/imports/${job.id}`, as: b })).statusCode,
    ).toBe(404);
    expect((await leadsOf(tenantB, 'phone=%2B12125550401')).leads).toEqual([]);
    expect((await upload(tenantB, { listId: listA.id }, 'phone\n2125550402\n')).statusCode).toBe(404);
    const exported = await t.inject({ method: 'GET', url: '/api/v1/campaigns/leads/export', as: b });
    expect(exported.body.trim().split('\r\n')).toHaveLength(1);
    expect(
      (await t.inject({ method: 'DELETE', url: `/api/v1/campaigns/lists/${listA.id}`, as: b })).statusCode,
    ).toBe(404);
    // A's list goes with its leads (and their history) when A removes it.
    expect(
      (await t.inject({ method: 'DELETE', url: `/api/v1/campaigns/lists/${listA.id}`, as: writer(tenantA) }))
        .statusCode,
    ).toBe(204);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/campaigns/leads/${lead?.id ?? ''}`,
          as: writer(tenantA),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('resumes an import whose run stopped from its last committed row, counting no row twice', async () => {
    const list = await createList(tenantA, 'resumed', 'US');
    const listUuid = fromPublicId('list', list.id) ?? '';
    // A job as a crashed run leaves it: importing, its claim lapsed, rows 2-3 committed.
    const id = newUuid();
    const objectKey = `${tenantA}/campaigns/lead-imports/${id}`;
    const file = 'phone\n2125550501\n2125550502\n2125550503\n2125550504\n';
    await t.platform.quietObjects.put(objectKey, Buffer.from(file), { tenantId: tenantA });
    await sql`
      insert into campaigns.lead_imports (id, tenant_id, list_id, file_name, sniffed_type, size_bytes, sha256, object_key,
        mapping, state, rows_read, rows_accepted, checkpoint_row, scan_result, claimed_until, attempts, created_by, started_at)
      values (${id}, ${tenantA}, ${listUuid}, 'crashed.csv', 'csv', ${file.length}, 'x', ${objectKey},
        '{}'::jsonb, 'importing', 2, 2, 3, 'not_configured', now() - interval '1 second', 1, 'user:usr_test', now())`.execute(
      t.platform.database.owner,
    );
    expect(await t.platform.modules.campaigns.imports.resumeStalled()).toBeGreaterThanOrEqual(1);
    await t.platform.modules.campaigns.imports.idle();
    const job = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/campaigns/leads/imports/${toPublicId('limp', id)}`,
        as: writer(tenantA),
      })
    ).json<LeadImportDetail>();
    // Only rows 4 and 5 were read by the resumed run; the counts go on from the checkpoint.
    expect(job).toMatchObject({ state: 'completed', rowsRead: 4, rowsAccepted: 4, rowsRejected: 0 });
    expect((await leadsOf(tenantA, `listId=${list.id}`)).leads.map((l) => l.phone).sort()).toEqual([
      '+12125550503',
      '+12125550504',
    ]);
    // A second resume finds nothing to do.
    expect(await t.platform.modules.campaigns.imports.resumeStalled()).toBe(0);
  });

  it('records the virus scan: an infected file is deleted and nothing is imported', async () => {
    const p = t.platform;
    const scanned: string[] = [];
    const imports = createLeadImports({
      database: p.database,
      sealing: createSealing(p.keyring),
      objects: p.quietObjects,
      bus: p.bus,
      audit: p.auditLog,
      logger: p.logger,
      mappings: p.modules.campaigns.mappings,
      settings: {
        // A scripted scanner: infected when the file holds the EICAR marker, clean otherwise.
        scanner: async (body) => {
          const chunks: Buffer[] = [];
          for await (const chunk of body) chunks.push(chunk);
          const text = Buffer.concat(chunks).toString();
          scanned.push(text);
          return text.includes('EICAR')
            ? { result: 'infected', signature: 'Eicar-Test-Signature' }
            : { result: 'clean' };
        },
      },
    });
    const list = await createList(tenantA, 'scanned', 'US');
    const clean = await imports.start(ctxA, {
      listId: list.id,
      fileName: 'clean.csv',
      mapping: {},
      file: (async function* () {
        await Promise.resolve();
        yield Buffer.from('phone\n2125550601\n');
      })(),
    });
    const infected = await imports.start(ctxA, {
      listId: list.id,
      fileName: 'bad.csv',
      mapping: {},
      file: (async function* () {
        await Promise.resolve();
        yield Buffer.from('phone,notes\n2125550602,EICAR\n');
      })(),
    });
    await imports.idle();
    expect(await imports.get(ctxA, clean.id)).toMatchObject({
      state: 'completed',
      rowsAccepted: 1,
      scan: { result: 'clean' },
    });
    const bad = await imports.get(ctxA, infected.id);
    expect(bad).toMatchObject({
      state: 'failed',
      rowsAccepted: 0,
      scan: { result: 'infected', detail: 'Eicar-Test-Signature' },
      failureReason: 'the virus scan found Eicar-Test-Signature: nothing was imported',
    });
    expect(scanned).toHaveLength(2);
    const stored = await sql<{
      objectKey: string;
    }>`select object_key as "objectKey" from campaigns.lead_imports where id = ${fromPublicId('limp', infected.id) ?? ''}::uuid`.execute(
      p.database.owner,
    );
    expect(await p.quietObjects.head(stored.rows[0]?.objectKey ?? '')).toBeUndefined();
  });

  it('stores personal data sealed: no number, name or e-mail in clear in the database', async () => {
    const { rows } = await sql<{ row: string }>`
      select row_to_json(l)::text as row from campaigns.leads l`.execute(t.platform.database.owner);
    const all = rows.map((r) => r.row).join('\n');
    expect(rows.length).toBeGreaterThan(10_000);
    for (const clear of ['3525556601', 'Frank Smith', 'BURTON', 'ada@example.com', 'First9999'])
      expect(all).not.toContain(clear);
  });
});
