import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';
import type { ImportTotals } from './file-import.js';

/** One Asterisk cdr_csv row per call, in the PBX's local time (cdr.conf without usegmtime). */
const asteriskRow = (n: number, start = '2024-01-27 15:07:24') =>
  `"","+4930111${String(n).padStart(4, '0')}","211474","stadion-pstn","""Zoe"" <+4930111${String(n).padStart(4, '0')}>","SIP/211474-0000000${n}","","Hangup","","${start}","${start}","2024-01-27 15:07:51",27,27,"ANSWERED","DOCUMENTATION","imp-${n}","","","imp-${n}",0`;

/** 501 calls and a row with no readable start: more than one batch of the transform. */
const file = () =>
  [...Array.from({ length: 501 }, (_, n) => asteriskRow(n)), asteriskRow(999, 'yesterday at three')].join(
    '\n',
  );

describe('calls.importFile (switchboard import calls)', () => {
  let t: CallsTestPlatform;
  let ctx: RequestContext;

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx } = await t.createTenant({ timeZone: 'Europe/Berlin' }));
  });
  afterAll(() => t.close());

  const count = async (table: 'calls.call_keys' | 'calls.quarantine') =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)} where tenant_id = ${ctx.tenantId}`.execute(
        t.platform.database.owner,
      )
    ).rows[0]?.n;

  it('indexes a file batch by batch as the ingest pipeline does, keeps what it cannot read in quarantine, and announces every new call', async () => {
    const batches: ImportTotals[] = [];
    const totals = await t.calls.importFile(ctx, Readable.from([file()]), {
      format: 'asterisk-csv',
      onBatch: (sofar) => batches.push(sofar),
    });

    expect(totals).toEqual({
      records: 501,
      created: 501,
      updated: 0,
      unchanged: 0,
      quarantined: 1,
      skipped: 0,
    });
    expect(batches.map((b) => b.records + b.quarantined)).toEqual([500, 502]);
    expect(await count('calls.call_keys')).toBe(501);
    expect(await count('calls.quarantine')).toBe(1);
    const events = await sql<{ n: number }>`
      select count(*)::int as n from bus.outbox where tenant_id = ${ctx.tenantId} and type = 'calls.record.ingested.v1'`.execute(
      t.platform.database.owner,
    );
    expect(events.rows[0]?.n).toBe(501);
    // No --time-zone: the PBX's local times are read in the tenant's zone (Berlin, UTC+1 in January).
    const page = await t.calls.calls.list(ctx, { filters: { number: '+49301110007' }, limit: 5 });
    expect(page.items.map((call) => call.startedAt)).toEqual(['2024-01-27T14:07:24.000Z']);
  });

  it('counts a second import of the same file as duplicates, not new calls', async () => {
    const totals = await t.calls.importFile(ctx, Readable.from([file()]), { format: 'asterisk-csv' });
    expect(totals).toMatchObject({ records: 501, created: 0, unchanged: 501 });
    expect(await count('calls.call_keys')).toBe(501);
  });

  it('refuses an unknown format or a bad option before reading the file, naming it', async () => {
    let read = false;
    const untouched = () =>
      Readable.from(
        (function* () {
          read = true;
          yield asteriskRow(1000);
        })(),
      );
    const badZone = await t.calls
      .importFile(ctx, untouched(), { format: 'asterisk-csv', options: { timeZone: 'Mars/Olympus' } })
      .catch((e: unknown) => e);
    expect(badZone).toBeInstanceOf(AppError);
    expect((badZone as AppError).fields.map((f) => f.field)).toEqual(['timeZone']);
    const badFormat = await t.calls
      .importFile(ctx, untouched(), { format: 'asterisk' })
      .catch((e: unknown) => e);
    expect((badFormat as AppError).fields).toEqual([
      { field: 'format', message: expect.stringContaining('asterisk-csv') as unknown },
    ]);
    expect(read).toBe(false);
    expect(await count('calls.call_keys')).toBe(501);
  });
});
