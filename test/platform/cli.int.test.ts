import { existsSync } from 'node:fs';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  stat,
  symlink,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/child-process.js';
import { createEmptyDatabase, type TestDatabase } from '../support/test-database.js';

// Each command starts a platform in a process of its own: seconds each on a busy machine.
describe('switchboard CLI', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    env = {
      DATABASE_URL: database.url,
      SWITCHBOARD_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'sb-cli-')),
    };
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
    const created = await runCli(
      ['tenants', 'create', '--name', 'Acme Support', '--slug', 'acme', '--time-zone', 'Europe/Berlin'],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created tenant acme \(ten_[0-9a-z]{26}\), time zone Europe\/Berlin/);
    const listed = await runCli(['tenants', 'list', '--json'], env);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ slug: 'acme', name: 'Acme Support', timeZone: 'Europe/Berlin' }),
    ]);
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
    const result = await runCli(['config', 'print'], {
      ...env,
      DATABASE_URL: 'postgres://sb:topsecret@db:5432/sb',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/DATABASE_URL\s+postgres:\/\/\*\*\*\*:\*\*\*\*@db:5432\/sb/);
    expect(result.stdout).not.toContain('topsecret');
  });

  it('documents every command with --help', async () => {
    const result = await runCli(['--help'], env);
    for (const command of ['start', 'api', 'worker', 'migrate', 'tenants', 'config'])
      expect(result.stdout).toContain(command);
    expect((await runCli(['tenants', 'create', '--help'], env)).stdout).toContain('--slug <slug>');
  });
});

/** A node `--import` that prints the address of every module node loads (ES modules, and CommonJS ones they import). */
const loadReporter =
  "export async function load(url, context, next) { process.stderr.write('loaded ' + url + '\\n'); return next(url, context); }";
const reportLoads = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(loadReporter)}`)});`,
)}`;

describe('switchboard CLI start-up', () => {
  it('answers --help from the compiled build, loading no TypeScript and no part of the platform', async () => {
    const result = await runCli(['--help'], {}, { nodeArgs: ['--import', reportLoads] });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: switchboard');
    const loaded = [...result.stderr.matchAll(/^loaded (\S+)$/gm)].map((m) => m[1] ?? '');
    expect(loaded).toContain(new URL('dist/cli/main.js', `file://${repoRoot}/`).href);
    expect(loaded.filter((url) => url.endsWith('.ts'))).toEqual([]);
    const packages = new Set(
      loaded.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []),
    );
    expect([...packages]).toEqual(['commander']);
    expect(loaded.filter((url) => /\/dist\/(app|modules)\//.test(url))).toEqual([]);
  });

  describe('in a checkout', () => {
    // A scratch checkout of its own: the bin, a two-file src/ and this repo's node_modules.
    let checkout: string;
    const source = (file: string) => path.join(checkout, 'src/cli', file);
    const built = (file: string) => path.join(checkout, 'dist/cli', file);
    const run = () => runCli([], {}, { bin: path.join(checkout, 'bin/switchboard.js') });
    /** An edit a little later than the last, so the test does not depend on the clock's resolution. */
    const edit = async (file: string, text: string) => {
      const previous = existsSync(file) ? (await stat(file)).mtimeMs : Date.now();
      await writeFile(file, text);
      const later = new Date(Math.max(previous, Date.now()) + 2_000);
      await utimes(file, later, later);
    };

    beforeAll(async () => {
      checkout = await mkdtemp(path.join(os.tmpdir(), 'sb-checkout-'));
      await mkdir(path.join(checkout, 'bin'));
      for (const file of ['switchboard.js', 'build.js'])
        await copyFile(path.join(repoRoot, 'bin', file), path.join(checkout, 'bin', file));
      await symlink(path.join(repoRoot, 'node_modules'), path.join(checkout, 'node_modules'));
      await writeFile(
        path.join(checkout, 'package.json'),
        JSON.stringify({ name: 'scratch', type: 'module' }),
      );
      await mkdir(path.join(checkout, 'src/cli'), { recursive: true });
      await edit(source('greeting.ts'), "export const greeting: string = 'hello';\n");
      await edit(source('main.ts'), "import { greeting } from './greeting.js';\nconsole.log(greeting);\n");
    });
    afterAll(() => rm(checkout, { recursive: true, force: true }));

    it('builds the sources before the first command', async () => {
      expect(existsSync(built('main.js'))).toBe(false);
      const first = await run();
      expect(first).toMatchObject({ code: 0, stdout: 'hello\n' });
      expect(await readFile(built('greeting.js'), 'utf8')).toContain('hello');
    });

    it('runs an edited source, never the stale build', async () => {
      await edit(source('greeting.ts'), "export const greeting: string = 'hello again';\n");
      expect((await run()).stdout).toBe('hello again\n');
    });

    it('drops the build of a removed source', async () => {
      await edit(source('main.ts'), "console.log('on my own');\n");
      await unlink(source('greeting.ts'));
      expect((await run()).stdout).toBe('on my own\n');
      expect(existsSync(built('greeting.js'))).toBe(false);
    });

    it('refuses to run a source that does not compile, naming it', async () => {
      await edit(source('main.ts'), "console.log('unterminated);\n");
      const broken = await run();
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('src/cli/main.ts');
      expect(broken.stdout).toBe('');
    });
  });
});
