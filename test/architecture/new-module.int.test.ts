import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import prettier from 'prettier';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addToRegistry, scaffoldModule } from '../../tools/new-module.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const modulesDir = path.join(repoRoot, 'src/modules');
// The module is generated where modules live, so its imports resolve as a real one's would; the
// prefix is git-ignored, and left-overs of a killed run are removed first.
const prefix = 'scaffoldprobe';
const name = `${prefix}${randomBytes(3).toString('hex')}`;
const dir = path.join(modulesDir, name);

const prettierConfig = async () =>
  (await prettier.resolveConfig(path.join(repoRoot, 'src/app/modules.ts'))) ?? {};

async function removeProbes(): Promise<void> {
  for (const entry of await readdir(modulesDir)) {
    if (entry.startsWith(prefix)) await rm(path.join(modulesDir, entry), { recursive: true, force: true });
  }
}

// tsc and the module's own vitest over the whole project take 20-40 s of CPU each, more while other
// test files run beside them: a waiting limit, not a timing assertion.
describe('npm run new:module', { timeout: 240_000 }, () => {
  let files: readonly string[] = [];

  beforeAll(async () => {
    await removeProbes();
    ({ files } = await scaffoldModule({ name, register: false }));
  });
  afterAll(removeProbes);

  it('writes a module in the shape: door, contract, events, errors, definition, migrations, and a feature with its test', () => {
    expect(files.map((file) => path.relative(`src/modules/${name}`, file)).sort()).toEqual(
      [
        'contract.ts',
        `db/${name}.tables.ts`,
        'db/migrations/index.ts',
        'errors.ts',
        'events.ts',
        'index.ts',
        'items/item-created.handler.ts',
        'items/items.int.test.ts',
        'items/items.repo.ts',
        'items/items.routes.ts',
        'items/items.service.ts',
        `${name}.module.ts`,
      ].sort(),
    );
  });

  it('typechecks', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(repoRoot, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    if (!config) throw new Error('tsconfig.json is unreadable');
    // test/global-setup.ts declares what the harness injects; the module's test uses that harness.
    const program = ts.createProgram(
      [...files.map((file) => path.join(repoRoot, file)), path.join(repoRoot, 'test/global-setup.ts')],
      { ...config.options, noEmit: true },
    );
    // The module's own files: the rest of the program is `npm run typecheck`'s. Checking all of it
    // here took 25 s on a quiet machine, the module's files 10 s (the checker reads only what their
    // types reach). A type error in a module file still fails it.
    const moduleFiles = files.flatMap((file) => program.getSourceFile(path.join(repoRoot, file)) ?? []);
    expect(moduleFiles).toHaveLength(files.length);
    const problems = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...moduleFiles.flatMap((file) => [
        ...program.getSyntacticDiagnostics(file),
        ...program.getSemanticDiagnostics(file),
      ]),
    ].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it('passes the project lint, the door of modules included', async () => {
    const results = await new ESLint({ cwd: repoRoot }).lintFiles([dir]);
    expect(
      results.flatMap((r) =>
        r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line} ${m.ruleId ?? ''} ${m.message}`),
      ),
    ).toEqual([]);
  });

  it('passes its own test: it migrates, mounts its routes and handles the event it publishes', async () => {
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', dir],
      // On this run's PostgreSQL, cloning this run's template, not an embedded server of its own.
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          NO_COLOR: '1',
          TEST_DATABASE_URL: inject('testServerUrl'),
          TEST_TEMPLATE_DATABASE: inject('testTemplateDatabase'),
        },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(0);
    expect(output).toMatch(/Tests\s+\S*3 passed/);
  });

  it('registers a module with one import and one entry at the end of src/app/modules.ts', async () => {
    const entriesOf = (text: string) =>
      (/export const modules = \[([^\]]*)\] as const;/.exec(text)?.[1] ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
    // The registry as it is (one entry a line, as prettier writes a long list), and on one line.
    const registry = await readFile(path.join(repoRoot, 'src/app/modules.ts'), 'utf8');
    const oneLine = registry.replace(
      /export const modules = \[([^\]]*)\] as const;/,
      `export const modules = [${entriesOf(registry).join(', ')}] as const;`,
    );
    for (const before of [registry, oneLine]) {
      const updated = addToRegistry(before, 'orders');
      expect(updated).toContain("import { ordersModule } from '../modules/orders/index.js';");
      expect(entriesOf(updated)).toEqual([...entriesOf(before), 'ordersModule']);
      expect(entriesOf(updated)[0]).toBe('identityModule');
      const added = before.includes('modules = [\n') ? 2 : 1;
      expect(updated.split('\n').length).toBe(before.split('\n').length + added);
      // The real registry stays as prettier writes it.
      if (before === registry)
        expect(await prettier.format(updated, { ...(await prettierConfig()), parser: 'typescript' })).toBe(
          updated,
        );
    }
  });

  it('refuses a name that cannot be a module, or one taken', async () => {
    await expect(scaffoldModule({ name: 'Orders', register: false })).rejects.toThrow(/cannot name a module/);
    await expect(scaffoldModule({ name: 'calls', register: false })).rejects.toThrow(/exists already/);
  });
});
