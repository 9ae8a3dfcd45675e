import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { CliOutput } from '../cli-output.js';
import { runCampaignDryRun, runCampaignsList } from './campaigns.action.js';
import { estimateRows, runLeadsImport, runLeadsLists, type LeadsImportOptions } from './leads.action.js';

/*
 * The leads and campaigns commands run in-process against a real test platform: what an operator
 * reads on a non-terminal stdout, and what the import stored. A fake clamd answers the virus scan.
 */

const MINICSV = path.resolve(
  import.meta.dirname,
  '../../../../shared/fixtures/real/leads/vicidial-minicsv.csv',
);
const HEADER = 'address1,city,name,phone_number,state,postal_code';

/** Captures what a command prints (not a terminal: plain progress lines). */
function capture(): CliOutput & { readonly lines: string[]; text(): string } {
  const lines: string[] = [];
  return {
    isTTY: false,
    stream: process.stdout,
    lines,
    line: (text) => lines.push(text),
    text: () => lines.join('\n'),
  };
}

/** A clamd speaking INSTREAM: a file containing EICAR is infected, any other clean. */
async function fakeClamd(): Promise<{ url: string; close(): Promise<void> }> {
  const server = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let content = Buffer.alloc(0);
    let started = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!started) {
        if (buffer.length < 10) return;
        buffer = buffer.subarray(10); // zINSTREAM\0
        started = true;
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          socket.end(content.includes('EICAR') ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (buffer.length < 4 + length) return;
        content = Buffer.concat([content, buffer.subarray(4, 4 + length)]);
        buffer = buffer.subarray(4 + length);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `tcp://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('CLI: leads import, leads lists, campaigns list and dry-run', { timeout: 60_000 }, () => {
  let t: TestPlatform;
  let clamd: Awaited<ReturnType<typeof fakeClamd>>;
  let a: RequestContext;
  let b: RequestContext;
  let tenantA: string;
  let dir: string;
  const poll = { intervalMs: 20 };

  beforeAll(async () => {
    clamd = await fakeClamd();
    t = await createTestPlatform({ env: { CLAMAV_URL: clamd.url } });
    const created = await createTenant(t.platform);
    a = created.ctx;
    tenantA = created.tenant.slug;
    b = (await createTenant(t.platform)).ctx;
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-leads-cli-'));
  });
  afterAll(async () => {
    await t.close();
    await clamd.close();
  });

  const options = (overrides: Partial<LeadsImportOptions>): LeadsImportOptions => ({
    tenant: tenantA,
    list: 'Florida',
    wait: true,
    ...overrides,
  });

  it('imports the VICIdial mini CSV with its preset into a new list, and stores the lead', async () => {
    const out = capture();
    const code = await runLeadsImport(
      t.platform,
      a,
      MINICSV,
      options({ preset: 'vicidial-minicsv', createList: true }),
      out,
      poll,
    );
    expect(code, out.text()).toBe(0);
    expect(out.lines[0]).toMatch(/^Created lead list list_\w+ 'Florida'\.$/);
    expect(out.text()).toMatch(
      /Started import limp_\w+ of vicidial-minicsv\.csv \(csv, \d+ bytes\) into 'Florida'/,
    );
    expect(out.text()).toMatch(/^completed: 1 rows read$/m);
    expect(out.text()).toMatch(
      /Import limp_\w+ completed: 1 rows read, 1 accepted, 0 rejected, 0 duplicates\./,
    );
    expect(out.text()).toContain('Virus scan: clean');
    expect(out.text()).not.toContain('Rejections');

    const [list] = await t.platform.modules.campaigns.lists.list(a);
    expect(list).toMatchObject({ name: 'Florida', leadCount: 1 });
    const page = await t.platform.modules.campaigns.leads.query(a, { listId: list?.id, limit: 10 });
    expect(page.leads.map((l) => l.phone)).toEqual(['+13525556601']);
    const lead = await t.platform.modules.campaigns.leads.get(a, page.leads[0]?.id ?? '');
    expect(lead).toMatchObject({
      fullName: 'Frank Smith',
      subdivision: 'US-FL',
      address: { lines: ['105 Fifth St'], city: 'Steinhatchee', postalCode: '32359' },
    });
  });

  it('prints the rejections (row, field, reason) and counts the duplicates', async () => {
    const file = path.join(dir, 'more.csv');
    await writeFile(
      file,
      [
        HEADER,
        '"1 Main St","Miami","Ana Diaz","3055550142","FL","33101"',
        '"2 Main St","Miami","No Number","12","FL","33101"',
        '"105 Fifth St","Steinhatchee","Frank Smith","3525556601","FL","32359"',
        '',
      ].join('\n'),
    );
    const florida = (await t.platform.modules.campaigns.lists.list(a)).find((l) => l.name === 'Florida');
    const out = capture();
    const code = await runLeadsImport(
      t.platform,
      a,
      file,
      options({ list: florida?.id ?? '', preset: 'vicidial-minicsv' }),
      out,
      poll,
    );
    expect(code, out.text()).toBe(0);
    expect(out.text()).toMatch(/completed: 3 rows read, 1 accepted, 1 rejected, 1 duplicates\./);
    const at = out.lines.findIndex((l) => l.startsWith('Rejections'));
    expect(out.lines[at + 1]).toMatch(/^ {2}ROW +FIELD +REASON$/);
    expect(out.lines.slice(at + 2).join('\n')).toMatch(/^ {2}3 +phone +\S/m);
    expect(out.lines.slice(at + 2).join('\n')).toMatch(/^ {2}4 +phone +.*duplicate/im);
    expect((await t.platform.modules.campaigns.lists.get(a, florida?.id ?? '')).leadCount).toBe(2);

    const lists = capture();
    await runLeadsLists(t.platform, a, lists);
    expect(lists.lines[0]).toMatch(/^ID +NAME +LEADS$/);
    expect(lists.lines[1]).toMatch(new RegExp(`^${florida?.id ?? ''} +Florida +2$`));
    const other = capture();
    await runLeadsLists(t.platform, b, other);
    expect(other.text()).not.toContain('Florida');
  });

  it('fails with a clear message on an unknown list, creating nothing', async () => {
    for (const list of ['Nowhere', 'list_01h0000000000000000000000', 'x\u0000\u001b[31m'.repeat(3)]) {
      const out = capture();
      const error = await runLeadsImport(t.platform, a, MINICSV, options({ list }), out, poll).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).kind).toBe('not_found');
      const message = (error as AppError).message;
      expect(message).toMatch(/^No lead list (named )?'.*' in tenant t-/);
      expect(message).not.toContain('\u0000');
      expect(message).not.toContain('\u001b');
    }
    // Another tenant's list is unknown too.
    const florida = (await t.platform.modules.campaigns.lists.list(a)).find((l) => l.name === 'Florida');
    await expect(
      runLeadsImport(t.platform, b, MINICSV, options({ list: florida?.id ?? '' }), capture(), poll),
    ).rejects.toThrow(/No lead list/);
    expect(await t.platform.modules.campaigns.lists.list(b)).toEqual([]);
    await expect(
      runLeadsImport(
        t.platform,
        a,
        MINICSV,
        options({ preset: 'vicidial-minicsv', mapping: 'lmap_x' }),
        capture(),
        poll,
      ),
    ).rejects.toThrow(/--mapping and --preset cannot be given together/);
  });

  it('exits non-zero when the job fails (the virus scan found something)', async () => {
    const file = path.join(dir, 'infected.csv');
    await writeFile(file, `${HEADER}\n"EICAR","Miami","Eve","3055550199","FL","33101"\n`);
    const out = capture();
    const code = await runLeadsImport(
      t.platform,
      a,
      file,
      options({ preset: 'vicidial-minicsv' }),
      out,
      poll,
    );
    expect(code).toBe(1);
    expect(out.text()).toContain('Virus scan: infected (Eicar-Test-Signature)');
    expect(out.text()).toMatch(/Failed: the virus scan found Eicar-Test-Signature/);
  });

  it('draws a bar on a terminal instead of progress lines, and reports the same', async () => {
    const drawn: string[] = [];
    const terminal = new PassThrough();
    terminal.on('data', (chunk: Buffer) => drawn.push(chunk.toString('utf8')));
    const out = { ...capture(), isTTY: true, stream: Object.assign(terminal, { isTTY: true }) };
    const printed: string[] = [];
    const code = await runLeadsImport(
      t.platform,
      a,
      MINICSV,
      options({ list: 'Terminal', createList: true, preset: 'vicidial-minicsv' }),
      { ...out, line: (text) => printed.push(text) },
      poll,
    );
    expect(code, printed.join('\n')).toBe(0);
    expect(printed.join('\n')).not.toMatch(/rows read$/m);
    expect(printed.join('\n')).toMatch(/completed: 1 rows read, 1 accepted/);
  });

  it('returns at once with --no-wait', async () => {
    const out = capture();
    const code = await runLeadsImport(
      t.platform,
      a,
      MINICSV,
      options({ preset: 'vicidial-minicsv', wait: false }),
      out,
      poll,
    );
    expect(code).toBe(0);
    expect(out.text()).toMatch(/Not waiting: a running worker finishes it/);
    await t.platform.modules.campaigns.imports.idle();
  });

  it('estimates the rows from the first rows, exactly when the file is small', async () => {
    expect(await estimateRows(MINICSV, (await import('node:fs')).statSync(MINICSV).size)).toBe(2);
    const big = path.join(dir, 'big.csv');
    const row = '"1 Main St","Miami","Ana Diaz","3055550142","FL","33101"\n';
    await writeFile(big, HEADER + '\n' + row.repeat(5000));
    const estimate = await estimateRows(big, (await import('node:fs')).statSync(big).size);
    expect(estimate).toBeGreaterThan(4500);
    expect(estimate).toBeLessThan(5500);
  });

  it('lists campaigns and dry-runs one: would-dial count and skips by reason, storing nothing', async () => {
    const florida = (await t.platform.modules.campaigns.lists.list(a)).find((l) => l.name === 'Florida');
    const listId = florida?.id ?? '';
    const campaigns = t.platform.modules.campaigns.campaigns;
    const campaign = await campaigns.create(a, {
      name: `Spring ${randomBytes(2).toString('hex')}`,
      lists: [{ listId }],
      settings: {
        allowedRegions: ['US'],
        usesArtificialVoice: false,
        callingWindow: { startMinute: 0, endMinute: 24 * 60 },
      },
    });
    await campaigns.start(a, campaign.id);
    // A current US registry copy naming one of the two leads.
    await t.platform.modules.campaigns.suppression.importRegistry(a, {
      registry: 'us-national-dnc',
      region: 'US',
      downloadedAt: new Date('2026-06-01T00:00:00Z'),
      file: Readable.from(['3055550142\n']),
    });

    const listed = capture();
    await runCampaignsList(t.platform, a, listed);
    expect(listed.lines[0]).toMatch(/^ID +NAME +STATE +LEADS +PENDING +IN CALL +DONE +LISTS$/);
    expect(listed.lines[1]).toMatch(
      new RegExp(`^${campaign.id} +Spring \\w+ +running +\\d+ +\\d+ +0 +0 +Florida \\(x1\\)$`),
    );

    const out = capture();
    await runCampaignDryRun(t.platform, a, campaign.id, { at: '2026-06-10T12:00:00-04:00' }, out);
    expect(out.lines[0]).toContain(`Dry run of ${campaign.id}`);
    expect(out.lines[0]).toContain('at 2026-06-10T16:00:00.000Z');
    expect(out.text()).toMatch(/^1 would be dialled, 2 leads evaluated\.$/m);
    expect(out.text()).toMatch(/^Skipped, by reason:\n {2}REASON +LEADS\n {2}dnc_national +1$/m);
    expect(out.text()).toContain('Nothing was stored or dialled.');
    expect((await campaigns.attempts(a, campaign.id, { limit: 10 })).attempts).toEqual([]);

    // Another tenant's campaign, a malformed id, a bad instant: clear refusals.
    await expect(runCampaignDryRun(t.platform, b, campaign.id, {}, capture())).rejects.toThrow(
      /^No campaign 'cmp_\w+' in this tenant/,
    );
    await expect(runCampaignDryRun(t.platform, a, 'cmp_\u0000', {}, capture())).rejects.toThrow(
      /No campaign/,
    );
    for (const at of ['yesterday', '2026-06-10T12:00:00', '2026-02-30T12:00:00Z\u0000'])
      await expect(runCampaignDryRun(t.platform, a, campaign.id, { at }, capture())).rejects.toThrow(
        /--at .* must be an ISO 8601 instant/,
      );
  });
});
