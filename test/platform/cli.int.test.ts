import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/child-process.js';
import { createEmptyDatabase, type TestDatabase } from '../support/test-database.js';

describe('switchboard CLI', () => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    env = { DATABASE_URL: database.url, SWITCHBOARD_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'sb-cli-')) };
  });
  afterAll(() => database.drop());

  it('migrates, then reports the database up to date', async () => {
    const first = await runCli(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('identity/0001_tenants');
    const second = await runCli(['migrate'], env);
    expect(second.stdout).toContain('Database is up to date.');
  });

  it('creates and lists tenants, and refuses a duplicate slug', async () => {
    const created = await runCli(['tenants', 'create', '--name', 'Acme Support', '--slug', 'acme', '--time-zone', 'Europe/Berlin'], env);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created tenant acme \(ten_[0-9a-z]{26}\), time zone Europe\/Berlin/);
    const listed = await runCli(['tenants', 'list', '--json'], env);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ slug: 'acme', name: 'Acme Support', timeZone: 'Europe/Berlin' })]);
    const duplicate = await runCli(['tenants', 'create', '--name', 'Other', '--slug', 'acme'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("A tenant with the slug 'acme' already exists.");
  });

  it('fails start-up on a bad setting, naming the variable', async () => {
    const result = await runCli(['config', 'print'], { ...env, PORT: 'abc', SWITCHBOARD_DATADIR: 'x' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PORT: /);
    expect(result.stderr).toMatch(/SWITCHBOARD_DATADIR: unknown setting/);
  });

  it('prints the effective configuration with secrets masked', async () => {
    const result = await runCli(['config', 'print'], { ...env, DATABASE_URL: 'postgres://sb:topsecret@db:5432/sb' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/DATABASE_URL\s+postgres:\/\/\*\*\*\*:\*\*\*\*@db:5432\/sb/);
    expect(result.stdout).not.toContain('topsecret');
  });

  it('documents every command with --help', async () => {
    const result = await runCli(['--help'], env);
    for (const command of ['start', 'api', 'worker', 'migrate', 'tenants', 'config']) expect(result.stdout).toContain(command);
    expect((await runCli(['tenants', 'create', '--help'], env)).stdout).toContain('--slug <slug>');
  });
});
