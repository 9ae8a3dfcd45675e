import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consoleFirstRunProbe } from '../../src/app/console-setup.js';
import { freePort, repoRoot, runShell, spawnCli, type Spawned } from '../support/child-process.js';
import { createTenant, createUser } from '../support/identity.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

describe('console first run', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform();
  });
  afterAll(() => t.close());

  it('is a first run until an employee who can sign in exists, and stays over after that', async () => {
    const probe = consoleFirstRunProbe(t.platform.modules.identity);
    expect(await probe()).toBe(true);

    const { tenant } = await createTenant(t.platform, 'first-run');
    expect(await probe()).toBe(true);
    await createUser(t.platform, tenant, { roles: ['client'], kind: 'client' });
    expect(await probe()).toBe(true);

    await createUser(t.platform, tenant, { roles: ['owner'] });
    expect(await probe()).toBe(false);
    expect(await probe()).toBe(false);
  });
});

/** The `sh` block under README.md's "First run", line by line. */
async function readmeFirstRun(): Promise<string[]> {
  const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)\n```/.exec(readme.split(/^## First run$/m)[1] ?? '')?.[1];
  if (block === undefined) throw new Error('README.md has no sh block under "## First run"');
  return block.split('\n');
}

/** The commands of a block: continued lines joined, comment lines left out. */
function commandsOf(lines: readonly string[]): string[] {
  const commands: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current === '' && line.startsWith('#')) continue;
    current += `${line}\n`;
    if (!line.endsWith('\\')) {
      commands.push(current);
      current = '';
    }
  }
  return commands;
}

describe('first run, as README.md tells it', () => {
  let database: TestDatabase;
  let dataDir: string;
  let base: string;
  let server: Spawned;
  const env = () => ({ DATABASE_URL: database.url, SWITCHBOARD_DATA_DIR: dataDir });

  beforeAll(async () => {
    database = await createMigratedDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-first-run-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawnCli(['start'], { ...env(), PORT: String(port), LOG_LEVEL: 'warn' });
    await server.waitFor(/Press Ctrl-C to stop/, 120_000);
  }, 180_000);
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("has the start banner print the README's commands, with its own address and settings", async () => {
    const output = server.output().split('\n');
    const first = output.findIndex((line) => line.startsWith('First run?'));
    const last = output.findIndex((line) => line.startsWith('Then sign in'));
    expect(first).toBeGreaterThan(-1);
    const banner = output.slice(first + 1, last).map((line) => line.replace(/^ {2}/, ''));
    expect(banner).toEqual([
      `export SWITCHBOARD_DATA_DIR=${dataDir}`,
      '# and the same DATABASE_URL as this process',
      ...(await readmeFirstRun()).map((line) => line.replaceAll('http://127.0.0.1:3000', base)),
    ]);
  });

  it('works as written: tenant, owner, sign-in, API key, and the call sent with it is listed', async () => {
    const password = 'correct horse battery staple';
    const outputs: string[] = [];
    let key = 'key_…';
    for (const command of commandsOf(await readmeFirstRun())) {
      if (command.includes('# asks for a password')) continue; // needs a terminal; the next line pipes it in
      const script = command
        .replaceAll('http://127.0.0.1:3000', base)
        .replaceAll('"password":"…"', `"password":"${password}"`)
        .replaceAll('key_…', key);
      const result = await runShell(script, { ...env(), PASSWORD: password });
      expect(result, script).toMatchObject({ code: 0, stderr: '' });
      outputs.push(result.stdout);
      key = /^ {2}(key_\S+)$/m.exec(result.stdout)?.[1] ?? key;
    }
    const [tenant, owner, signIn, apiKey, ingest] = outputs;
    expect(tenant).toMatch(/^Created tenant acme \(ten_\w+\), time zone Europe\/Berlin/);
    expect(owner).toMatch(/^Created employee you@example.com \(usr_\w+\) with roles owner/);
    const { accessToken } = JSON.parse(signIn ?? '') as { accessToken: string };
    expect(apiKey).toContain('(calls:ingest)');
    expect(JSON.parse(ingest ?? '')).toMatchObject({ status: 'accepted' });

    const listed = await vi.waitFor(
      async () => {
        const res = await fetch(`${base}/api/v1/calls`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        const page = (await res.json()) as { items: Record<string, unknown>[] };
        if (page.items.length === 0) throw new Error('not indexed yet');
        return page.items;
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      source: 'asterisk',
      direction: 'inbound',
      disposition: 'answered',
      startedAt: '2026-05-04T07:15:00.000Z',
      talkSeconds: 102,
      from: { e164: '+4930901820', displayName: 'Ana Lima' },
    });
  }, 240_000); // three CLI commands, each starting a platform
});
