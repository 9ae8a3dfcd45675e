import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/child-process.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';

const asteriskRow = (n: number, start = '2024-01-27 15:07:24') =>
  `"","+4930222${n}","211474","stadion-pstn","""Zoe"" <+4930222${n}>","SIP/211474-0000000${n}","","Hangup","","${start}","${start}","2024-01-27 15:07:51",27,27,"ANSWERED","DOCUMENTATION","cli-${n}","","","cli-${n}",0`;

describe('switchboard import calls', () => {
  let database: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  let file: string;

  beforeAll(async () => {
    database = await createMigratedDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sb-cli-import-'));
    env = { DATABASE_URL: database.url, SWITCHBOARD_DATA_DIR: dir };
    file = path.join(dir, 'Master.csv');
    await writeFile(
      file,
      [asteriskRow(1), asteriskRow(2), asteriskRow(3), asteriskRow(4, 'not a time')].join('\n'),
    );
    expect(
      (
        await runCli(
          ['tenants', 'create', '--name', 'Acme', '--slug', 'acme', '--time-zone', 'Europe/Berlin'],
          env,
        )
      ).code,
    ).toBe(0);
  });
  afterAll(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a CDR file and reports what became of each row', async () => {
    const result = await runCli(
      ['import', 'calls', '--tenant', 'acme', '--format', 'asterisk-csv', '--quiet', file],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Imported 1 file(s) into acme: 3 records (3 new, 0 updated, 0 duplicates), 1 quarantined, 0 skipped (not calls).',
    );
  });

  it('refuses a bad option before importing anything, naming its flag', async () => {
    const result = await runCli(
      [
        'import',
        'calls',
        '--tenant',
        'acme',
        '--format',
        'asterisk-csv',
        '--time-zone',
        'Mars/Olympus',
        file,
      ],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('switchboard: --time-zone is not a time zone name');
  });
});
